/**
 * The one route matcher (docs/decisions/consolidation-one-router.md): HTTP API route keys
 * ("GET /workflows/{name}", "ANY /{proxy+}", "$default") and how API Gateway picks one for
 * a request. The most specific match wins — literal segments over path variables over a
 * greedy variable, a named method over ANY — and `$default` catches the rest.
 *
 * Paths: one leading and one trailing slash are ignored; each segment is matched after
 * percent-decoding. A `{param}` never matches an empty segment (`/workflows//runs` is no
 * route, so `$default`), as API Gateway does; `emptyParameters` lets the functions' own
 * diagnosis of a `$default` request bind one, to answer 400 naming the empty parameter.
 */

export const DEFAULT_ROUTE_KEY = "$default";

/** A route key that is neither "METHOD /path" nor `$default` (a mistake in a route table). */
export class RouteKeyError extends Error {
  override name = "RouteKeyError";
}

type Segment = { kind: "literal"; value: string } | { kind: "param"; name: string } | { kind: "greedy"; name: string };

export interface ParsedRouteKey {
  readonly key: string;
  readonly method: string;
  readonly segments: readonly Segment[];
}

export interface RouteKeyMatch {
  routeKey: string;
  /** Decoded; undefined when the route has no variable (as in the event). */
  pathParameters: Record<string, string> | undefined;
}

export interface MatchOptions {
  /** Bind `{param}` to an empty segment (default false, as API Gateway). */
  emptyParameters?: boolean;
  /** Percent-decodes one segment; default keeps an undecodable segment as sent. */
  decode?: (segment: string, name: string | undefined) => string;
}

/**
 * @example
 * const table = parseRouteKey("GET /workflows/{name}");
 */
export function parseRouteKey(key: string): ParsedRouteKey {
  const match = /^([A-Z]+) (\/\S*)$/.exec(key);
  if (!match) throw new RouteKeyError(`Route key "${key}" is not "METHOD /path" or "$default"`);
  const [, method = "", path = ""] = match;
  const parts = path.split("/").filter(Boolean);
  const segments = parts.map((part, index): Segment => {
    const variable = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(part);
    if (!variable) return { kind: "literal", value: part };
    const [, name = "", greedy] = variable;
    if (greedy && index !== parts.length - 1)
      throw new RouteKeyError(`Route key "${key}": a greedy variable must be last`);
    return greedy ? { kind: "greedy", name } : { kind: "param", name };
  });
  return { key, method, segments };
}

/** Route keys, `$default` left out (match with `matchRouteKey`'s `hasDefault`). */
export const parseRouteKeys = (keys: readonly string[]): ParsedRouteKey[] =>
  keys.filter((key) => key !== DEFAULT_ROUTE_KEY).map(parseRouteKey);

/** `/workflows/etl/` → ["workflows", "etl"]; `/workflows//runs` → ["workflows", "", "runs"]. */
export function pathSegments(rawPath: string): string[] {
  const body = rawPath.startsWith("/") ? rawPath.slice(1) : rawPath;
  const trimmed = body.endsWith("/") ? body.slice(0, -1) : body;
  return trimmed === "" ? [] : trimmed.split("/");
}

/**
 * Every route whose path matches `rawPath`, whatever its method, most specific first.
 *
 * @example
 * matchPath(parseRouteKeys(["GET /workflows/{name}"]), "/workflows/a%20b")[0]?.pathParameters; // { name: "a b" }
 */
export function matchPath(
  routes: readonly ParsedRouteKey[],
  rawPath: string,
  options: MatchOptions = {},
): Array<{ route: ParsedRouteKey } & RouteKeyMatch> {
  const raw = pathSegments(rawPath);
  const found: Array<{ route: ParsedRouteKey; rank: number[] } & RouteKeyMatch> = [];
  for (const route of routes) {
    const parameters = bind(route, raw, options);
    if (!parameters) continue;
    found.push({
      route,
      rank: specificity(route),
      routeKey: route.key,
      pathParameters: Object.keys(parameters).length > 0 ? parameters : undefined,
    });
  }
  return found.sort((a, b) => compareRanks(b.rank, a.rank)).map(({ rank: _, ...match }) => match);
}

/**
 * The route API Gateway picks for a request, `$default` when the table has it, or undefined
 * (API Gateway's own 404).
 *
 * @example
 * matchRouteKey(parseRouteKeys(["GET /workflows/{name}/runs"]), true, "GET", "/workflows//runs"); // { routeKey: "$default", … }
 */
export function matchRouteKey(
  routes: readonly ParsedRouteKey[],
  hasDefault: boolean,
  method: string,
  rawPath: string,
  options: MatchOptions = {},
): RouteKeyMatch | undefined {
  const best = matchPath(routes, rawPath, options).find(
    ({ route }) => route.method === method || route.method === "ANY",
  );
  if (best) return { routeKey: best.routeKey, pathParameters: best.pathParameters };
  return hasDefault ? { routeKey: DEFAULT_ROUTE_KEY, pathParameters: undefined } : undefined;
}

function bind(route: ParsedRouteKey, raw: string[], options: MatchOptions): Record<string, string> | undefined {
  // Bound raw first and decoded once the whole path matched, so a bad escape in a path of
  // another shape never reaches `decode`.
  const bound: Array<[name: string, parts: string[]]> = [];
  let index = 0;
  for (const segment of route.segments) {
    if (segment.kind === "greedy") {
      const rest = raw.slice(index);
      if (rest.join("/") === "") return undefined;
      bound.push([segment.name, rest]);
      index = raw.length;
      break;
    }
    const value = raw[index];
    if (value === undefined) return undefined;
    index += 1;
    if (segment.kind === "literal") {
      if (keepUndecodable(value) !== segment.value) return undefined;
      continue;
    }
    if (value === "" && !options.emptyParameters) return undefined;
    bound.push([segment.name, [value]]);
  }
  if (index !== raw.length) return undefined;
  const decode = options.decode ?? keepUndecodable;
  const parameters: Record<string, string> = {};
  for (const [name, parts] of bound) parameters[name] = parts.map((part) => decode(part, name)).join("/");
  return parameters;
}

/** Non-greedy first; then segment by segment literal (2) over variable (1) over greedy (0); then a named method. */
function specificity(route: ParsedRouteKey): number[] {
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

function keepUndecodable(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
