/** Which function API Gateway invokes for a request: the matched route's, else `$default` (read). */
import { ApiError } from "../http/errors.ts";
import { createRouter } from "../http/router.ts";
import { ApiFunction, routeList } from "./routes.ts";

const match = createRouter(routeList);

/**
 * Mirrors API Gateway's routing, for the local runtime and tests that hold both
 * handlers: a request goes to its route's function; anything unmatched (unknown
 * path, wrong method, undecodable name) goes to `$default`, served by `read`.
 *
 * @example
 * apiFunctionFor("POST", "/workflows/etl/runs"); // "commands"
 * apiFunctionFor("DELETE", "/workflows/etl");    // "read" (answers 405)
 */
export function apiFunctionFor(method: string, rawPath: string): ApiFunction {
  try {
    return match(method.toUpperCase(), rawPath).route.fn;
  } catch (error) {
    if (error instanceof ApiError) return ApiFunction.Read;
    throw error;
  }
}
