/**
 * Builds one Lambda handler serving a set of API routes: middy with the request
 * log, the error responder and bearer auth around a dispatcher that matches the
 * route, validates path, query and body with the route's schemas BEFORE calling
 * the operation, and shapes the result with the route's response schema.
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { validate } from "@glue-run-tracker/glue-model";
import middy from "@middy/core";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import type { z } from "zod";
import { bearerAuth } from "./bearer-auth.ts";
import { type AccountTokens, type CallerAccounts, callerAccountsOf } from "./caller-accounts.ts";
import { errorResponder } from "./error-responder.ts";
import { InvalidRequestError, RouteNotFoundError } from "./errors.ts";
import { jsonBodyOf, methodOf, queryOf, rawPathOf, requestIdOf } from "./request.ts";
import { requestLog } from "./request-log.ts";
import { type JsonResponse, jsonResponse } from "./response.ts";
import { createGatewayRouter } from "./router.ts";

/** What the dispatcher needs to know about a route. */
export interface RouteDefinition {
  operationId: string;
  method: string;
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** false: an empty body stands for `{}`. */
  bodyRequired?: boolean;
  status: number;
  response: z.ZodType;
}

export interface OperationInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

export interface OperationContext {
  requestId: string;
  logger: Logger;
  /** The accounts the caller may see and act on (docs/decisions/accounts-api.md). */
  caller: CallerAccounts;
}

export type Operation = (input: OperationInput, context: OperationContext) => Promise<unknown>;

export interface HttpApiOptions {
  /** Every route of the API, so an unknown path (404) is told from a wrong method (405). */
  routes: readonly RouteDefinition[];
  /** The operations this function serves, by operation id. */
  operations: Readonly<Record<string, Operation | undefined>>;
  logger: Logger;
  /** Bearer token required on every route when set (local runtime). */
  apiToken?: string;
  /** Local bearer tokens limited to accounts (TRACKER_API_ACCOUNT_TOKENS); also accepted by the bearer check. */
  accountTokens?: AccountTokens;
}

/**
 * @example
 * export const handler = createHttpApi({ routes: routeList, operations: { listWorkflows }, logger });
 */
export function createHttpApi(options: HttpApiOptions) {
  const route = createGatewayRouter(options.routes);
  const dispatch = async (event: APIGatewayProxyEventV2, context: Context): Promise<JsonResponse> => {
    const matched = route({
      method: methodOf(event),
      rawPath: rawPathOf(event),
      routeKey: event.routeKey,
      pathParameters: event.pathParameters,
    });
    const spec = matched.route;
    const input: OperationInput = {
      params: spec.params ? validate(spec.params, matched.params) : {},
      query: validateQuery(spec, queryOf(event)),
      body: spec.body ? validate(spec.body, readBody(event, spec)) : undefined,
    };
    const operation = options.operations[spec.operationId];
    // Another function's route reaches this one only through `$default`, i.e. API Gateway
    // matched no route (e.g. an empty segment, http/gateway/route-keys.ts): answer as API Gateway would.
    if (!operation) throw new RouteNotFoundError(spec.method, rawPathOf(event));
    const requestId = requestIdOf({ event, context });
    const caller = callerAccountsOf(event, options.accountTokens);
    const result = await operation(input, { requestId, logger: options.logger, caller });
    return jsonResponse(spec.status, spec.response.parse(result));
  };
  return middy<APIGatewayProxyEventV2, JsonResponse>()
    .use(injectLambdaContext(options.logger))
    .use(requestLog(options.logger))
    .use(errorResponder(options.logger))
    .use(bearerAuth({ token: options.apiToken, accountTokens: Object.keys(options.accountTokens ?? {}) }))
    .handler(dispatch);
}

function validateQuery(route: RouteDefinition, query: Record<string, string>): unknown {
  if (route.query) return validate(route.query, query);
  const unknown = Object.keys(query);
  if (unknown.length > 0) {
    throw new InvalidRequestError(`(query): unknown parameter(s) ${unknown.join(", ")}`);
  }
  return {};
}

function readBody(event: APIGatewayProxyEventV2, route: RouteDefinition): unknown {
  const body = jsonBodyOf(event);
  if (body !== undefined) return body;
  if (route.bodyRequired === false) return {};
  throw new InvalidRequestError("A JSON body is required");
}
