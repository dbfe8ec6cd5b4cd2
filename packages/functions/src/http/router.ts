/**
 * Matches a request against API Gateway-style routes (`/workflows/{name}`) on its
 * path. Unlike @middy/http-router it tells an unknown path (404) from a known path
 * with another method (405 + Allow). `createGatewayRouter` adds API Gateway's own
 * routing (route key and decoded path parameters) on top.
 */
import { InvalidRequestError, MethodNotAllowedError, RouteNotFoundError } from "./errors.ts";

export interface RoutePattern {
  method: string;
  path: string;
}

export interface RouteMatch<R extends RoutePattern> {
  route: R;
  /** Path parameters by name (raw segments from `createRouter`, decoded from `createGatewayRouter`). */
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

export interface GatewayRequest {
  method: string;
  rawPath: string;
  /** API Gateway's route key (`GET /workflows/{name}`), `$default` when no route matched. */
  routeKey?: string;
  /** Decoded by API Gateway for the route it matched. */
  pathParameters?: Record<string, string | undefined>;
}

/**
 * Routes an API Gateway request: when API Gateway matched one of `routes` (its
 * route key), that route with API Gateway's decoded `pathParameters` (AWS decodes
 * `rawPath` too, so a name holding "/" could not be re-matched from it);
 * otherwise (`$default`, adapters) the path is matched here and each parameter
 * percent-decoded once.
 *
 * @example
 * const route = createGatewayRouter(routes);
 * route({ method: "GET", rawPath: "/workflows/a%2Fb", routeKey: "$default" }).params; // { name: "a/b" }
 */
export function createGatewayRouter<R extends RoutePattern>(routes: readonly R[]) {
  const match = createRouter(routes);
  const byKey = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  return (request: GatewayRequest): RouteMatch<R> => {
    const declared = request.routeKey ? byKey.get(request.routeKey) : undefined;
    if (declared && request.method === declared.method) {
      const params: Record<string, string> = {};
      for (const [, name] of declared.path.matchAll(/\{(\w+)\}/g)) {
        params[name as string] = request.pathParameters?.[name as string] ?? "";
      }
      return { route: declared, params };
    }
    const found = match(request.method, request.rawPath);
    return { route: found.route, params: decodeParams(found.params) };
  };
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
