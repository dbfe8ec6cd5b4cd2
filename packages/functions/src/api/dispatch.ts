/** Which function API Gateway invokes for a request: the matched route's, else `$default` (read). */
import { matchRouteKey, parseRouteKeys } from "../http/gateway/route-keys.ts";
import { ApiFunction, routeKey, routeList } from "./routes.ts";

const byKey = new Map(routeList.map((route) => [routeKey(route), route]));
const table = parseRouteKeys([...byKey.keys()]);

/**
 * Mirrors API Gateway's routing, for the local runtime and tests that hold both
 * handlers: a request goes to its route's function; anything unmatched (unknown
 * path, wrong method, an empty segment) goes to `$default`, served by `read`.
 *
 * @example
 * apiFunctionFor("POST", "/workflows/etl/runs"); // "commands"
 * apiFunctionFor("DELETE", "/workflows/etl");    // "read" (answers 405)
 */
export function apiFunctionFor(method: string, rawPath: string): ApiFunction {
  const matched = matchRouteKey(table, true, method.toUpperCase(), rawPath);
  return byKey.get(matched?.routeKey ?? "")?.fn ?? ApiFunction.Read;
}
