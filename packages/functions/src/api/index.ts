/**
 * The tracker HTTP API: handler factories, the route table (shared with the stack
 * and the local runtime) and the OpenAPI document.
 */

export * from "./handlers.ts";
export { openApiDocument } from "./openapi.ts";
export { ApiFunction, type HttpMethod, type OperationId, type Route, Routes, routeKey, routeList } from "./routes.ts";
