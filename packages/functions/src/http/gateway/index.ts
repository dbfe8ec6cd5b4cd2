/**
 * API Gateway HTTP API (v2) routing and events, shared by the functions, the local API
 * adapter and the tests (`@glue-run-tracker/functions/http-gateway`): one route matcher,
 * one event builder (docs/decisions/consolidation-one-router.md).
 */
export { type ApiContext, buildApiGatewayEvent, type HttpRequestParts, isTextContent } from "./event.ts";
export {
  DEFAULT_ROUTE_KEY,
  type MatchOptions,
  matchPath,
  matchRouteKey,
  type ParsedRouteKey,
  parseRouteKey,
  parseRouteKeys,
  pathSegments,
  RouteKeyError,
  type RouteKeyMatch,
} from "./route-keys.ts";
