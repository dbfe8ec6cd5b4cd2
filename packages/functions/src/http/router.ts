/**
 * The API functions' routing, on the one route matcher (./gateway/route-keys.ts): it tells an
 * unknown path (404) from a known path with another method (405 + Allow), which
 * @middy/http-router does not. `createGatewayRouter` trusts API Gateway's own routing (route
 * key and decoded path parameters) and matches the path itself only for `$default`.
 */

import { InvalidRequestError, MethodNotAllowedError, RouteNotFoundError } from "./errors.ts";
import { matchPath, parseRouteKeys } from "./gateway/route-keys.ts";

export interface RoutePattern {
  method: string;
  path: string;
}

export interface RouteMatch<R extends RoutePattern> {
  route: R;
  /** Path parameters by name, percent-decoded once. */
  params: Record<string, string>;
}

/**
 * Builds the diagnosis of a request API Gateway sent to `$default`: the route the path was
 * meant for, with an empty segment bound to its `{param}` so validation answers 400 naming
 * it (`/workflows//runs`: "name"), where API Gateway itself matched no route.
 *
 * @example
 * const match = createRouter([{ method: "GET", path: "/workflows/{name}" }]);
 * match("GET", "/workflows/nightly%20etl").params.name; // "nightly etl"
 * match("DELETE", "/workflows/x"); // throws MethodNotAllowedError (allow: ["GET"])
 */
export function createRouter<R extends RoutePattern>(routes: readonly R[]) {
  const byKey = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  const table = parseRouteKeys([...byKey.keys()]);
  return (method: string, rawPath: string): RouteMatch<R> => {
    const candidates = matchPath(table, rawPath, { emptyParameters: true, decode: decodeParam });
    const found = candidates.find((candidate) => candidate.route.method === method);
    if (found) return { route: byKey.get(found.routeKey) as R, params: found.pathParameters ?? {} };
    const allow = new Set(candidates.map((candidate) => candidate.route.method));
    if (allow.size > 0) throw new MethodNotAllowedError(method, rawPath, [...allow].sort());
    throw new RouteNotFoundError(method, rawPath);
  };
}

function decodeParam(segment: string, name: string | undefined): string {
  try {
    return decodeURIComponent(segment);
  } catch (cause) {
    throw new InvalidRequestError(`${name}: is not a valid percent-encoded path segment`, { cause });
  }
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
 * otherwise (`$default`) the path is matched here (`createRouter`).
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
    return match(request.method, request.rawPath);
  };
}
