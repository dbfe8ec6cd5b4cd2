/**
 * HTTP API route keys ("GET /workflows/{name}", "ANY /{proxy+}", "$default") and how API
 * Gateway picks one: the most specific match wins — literal segments over path variables
 * over a greedy variable, a named method over ANY — and `$default` catches the rest.
 */
import { LocalRuntimeError } from "../errors.ts";

type Segment = { kind: "literal"; value: string } | { kind: "param"; name: string } | { kind: "greedy"; name: string };

export interface Route {
  readonly key: string;
  readonly method: string;
  readonly segments: readonly Segment[];
}

export interface RouteMatch {
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
}

export const DEFAULT_ROUTE = "$default";

/**
 * Parses route keys; throws on a malformed one (a mistake in the caller's route table).
 *
 * @example
 * const table = parseRoutes(["GET /workflows", "GET /workflows/{name}", "$default"]);
 */
export function parseRoutes(keys: readonly string[]): Route[] {
  return keys.filter((key) => key !== DEFAULT_ROUTE).map(parseRoute);
}

function parseRoute(key: string): Route {
  const match = /^([A-Z]+) (\/\S*)$/.exec(key);
  if (!match) throw new LocalRuntimeError(`Route key "${key}" is not "METHOD /path" or "$default"`);
  const [, method = "", path = ""] = match;
  const parts = path.split("/").filter(Boolean);
  const segments = parts.map((part, index): Segment => {
    const variable = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(part);
    if (!variable) return { kind: "literal", value: part };
    const [, name = "", greedy] = variable;
    if (greedy && index !== parts.length - 1)
      throw new LocalRuntimeError(`Route key "${key}": a greedy variable must be last`);
    return greedy ? { kind: "greedy", name } : { kind: "param", name };
  });
  return { key, method, segments };
}

/**
 * The route for a request, or `$default` when the table has it, or undefined (API Gateway's 404).
 * `rawPath` is matched segment by segment after percent-decoding; parameters are decoded.
 */
export function matchRoute(
  routes: readonly Route[],
  hasDefault: boolean,
  method: string,
  rawPath: string,
): RouteMatch | undefined {
  const segments = rawPath.split("/").filter(Boolean).map(safeDecode);
  let best: { route: Route; parameters: Record<string, string>; rank: number[] } | undefined;
  for (const route of routes) {
    if (route.method !== method && route.method !== "ANY") continue;
    const parameters = bind(route, segments);
    if (!parameters) continue;
    const rank = specificity(route);
    if (!best || compareRanks(rank, best.rank) > 0) best = { route, parameters, rank };
  }
  if (best) {
    return {
      routeKey: best.route.key,
      pathParameters: Object.keys(best.parameters).length > 0 ? best.parameters : undefined,
    };
  }
  return hasDefault ? { routeKey: DEFAULT_ROUTE, pathParameters: undefined } : undefined;
}

function bind(route: Route, segments: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    if (segment.kind === "greedy") {
      const rest = segments.slice(index);
      if (rest.length === 0) return undefined;
      parameters[segment.name] = rest.join("/");
      return parameters;
    }
    const value = segments[index];
    if (value === undefined) return undefined;
    if (segment.kind === "literal" && segment.value !== value) return undefined;
    if (segment.kind === "param") parameters[segment.name] = value;
  }
  return route.segments.length === segments.length ? parameters : undefined;
}

/** Non-greedy first; then segment by segment literal (2) over variable (1) over greedy (0); then a named method. */
function specificity(route: Route): number[] {
  const greedy = route.segments.some((segment) => segment.kind === "greedy");
  const kinds = route.segments.map((segment) => (segment.kind === "literal" ? 2 : segment.kind === "param" ? 1 : 0));
  return [greedy ? 0 : 1, ...kinds, route.method === "ANY" ? 0 : 1];
}

function compareRanks(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
