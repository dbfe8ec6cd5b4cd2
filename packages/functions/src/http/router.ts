/**
 * Matches a request against API Gateway-style routes (`/workflows/{name}`) on its
 * path. Unlike @middy/http-router it tells an unknown path (404) from a known path
 * with another method (405 + Allow). Parameters come back as raw segments:
 * `pathParameters` decides how to decode them (API Gateway's own values win).
 */
import { InvalidRequestError, MethodNotAllowedError, RouteNotFoundError } from "./errors.ts";

export interface RoutePattern {
  method: string;
  path: string;
}

export interface RouteMatch<R extends RoutePattern> {
  route: R;
  /** Path parameters by name, as the raw path spells them (see `pathParameters`). */
  params: Record<string, string>;
}

/**
 * Builds a matcher over `routes`.
 *
 * @example
 * const match = createRouter([{ method: "GET", path: "/workflows/{name}" }]);
 * match("GET", "/workflows/nightly%20etl").params.name; // "nightly%20etl"
 * match("DELETE", "/workflows/x"); // throws MethodNotAllowedError (allow: ["GET"])
 */
export function createRouter<R extends RoutePattern>(routes: readonly R[]) {
  // Literal segments win over parameters (`/workflows/batch-get` before `/workflows/{name}`), as in API Gateway.
  const compiled = routes
    .map((route) => ({ route, segments: split(route.path).map(compileSegment) }))
    .sort((a, b) => paramCount(a.segments) - paramCount(b.segments));
  return (method: string, rawPath: string): RouteMatch<R> => {
    const raw = split(rawPath);
    const allow = new Set<string>();
    let found: RouteMatch<R> | undefined;
    for (const candidate of compiled) {
      const params = matchSegments(candidate.segments, raw);
      if (!params) continue;
      allow.add(candidate.route.method);
      if (candidate.route.method === method && !found) found = { route: candidate.route, params };
    }
    if (found) return found;
    if (allow.size > 0) throw new MethodNotAllowedError(method, rawPath, [...allow].sort());
    throw new RouteNotFoundError(method, rawPath);
  };
}

type Segment = { literal: string } | { param: string };

const paramCount = (segments: Segment[]) => segments.filter((segment) => "param" in segment).length;

function compileSegment(segment: string): Segment {
  const param = /^\{(\w+)\}$/.exec(segment)?.[1];
  return param ? { param } : { literal: segment };
}

/** Splits a path into segments, ignoring one trailing slash (`/workflows/` = `/workflows`). */
function split(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.split("/").slice(1);
}

function matchSegments(pattern: Segment[], raw: string[]): Record<string, string> | undefined {
  if (pattern.length !== raw.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of pattern.entries()) {
    const value = raw[index] as string;
    if ("literal" in segment) {
      if (segment.literal !== value) return undefined;
    } else {
      // An empty segment still matches, so `/workflows//runs` reports the empty name (400), not 404.
      params[segment.param] = value;
    }
  }
  return params;
}

/**
 * The path parameters to validate: API Gateway's `pathParameters` when it routed
 * the request to this very route (it has decoded them), else the raw segments
 * percent-decoded once (events from adapters that leave the path encoded).
 *
 * @example
 * pathParameters({ route, params: { name: "a%2Fb" } }, undefined); // { name: "a/b" }
 */
export function pathParameters(
  match: RouteMatch<RoutePattern>,
  gateway: { routeKey?: string; pathParameters?: Record<string, string | undefined> },
): Record<string, string> {
  const routed = gateway.routeKey === `${match.route.method} ${match.route.path}`;
  if (routed && gateway.pathParameters) {
    const given: Record<string, string> = {};
    for (const name of Object.keys(match.params)) given[name] = gateway.pathParameters[name] ?? "";
    return given;
  }
  return decodeParams(match.params);
}

function decodeParams(params: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    try {
      decoded[name] = decodeURIComponent(value);
    } catch (cause) {
      throw new InvalidRequestError(`${name}: is not a valid percent-encoded path segment`, { cause });
    }
  }
  return decoded;
}
