/**
 * A local API Gateway HTTP API (v2) in front of one Lambda handler: each request becomes an
 * APIGatewayProxyEventV2, the handler runs with a Lambda-like context, and its result is
 * written back by the payload format 2.0 rules. API Gateway's own answers are kept: 404
 * `{"message":"Not Found"}` for an unmatched route (only with a route table and no `$default`),
 * 413 above 10 MB, 500 `{"message":"Internal Server Error"}` when the handler throws or returns
 * something malformed, 503 when it outlives the integration timeout.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import {
  buildApiGatewayEvent,
  DEFAULT_ROUTE_KEY,
  matchRouteKey,
  parseRouteKeys,
  RouteKeyError,
} from "@glue-run-tracker/functions/http-gateway";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { LocalRuntimeError } from "../errors.ts";
import { BodyTooLargeError, baseUrlOf, closeServer, listen, readBody } from "../http/server.ts";
import { createLambdaContext } from "../lambda/context.ts";
import type { RuntimeLogger } from "../logger.ts";
import { refuseForeignHost } from "./host-check.ts";
import { gatewayError, type HttpReply, toHttpReply } from "./response.ts";

/** An HTTP API Lambda handler (`APIGatewayProxyHandlerV2` fits, so does a middy handler). */
export type ApiGatewayV2Handler = (event: APIGatewayProxyEventV2, context: Context) => unknown;

/** A route with its own integration (a different Lambda), as a stack wires one. */
export interface ApiRoute {
  /** "GET /workflows/{name}", "ANY /{proxy+}" or "$default". */
  routeKey: string;
  handler: ApiGatewayV2Handler;
  /** For the Lambda context. Default: the gateway's functionName. */
  functionName?: string;
}

export interface ApiGatewayOptions {
  /** The integration of routes given as plain keys, and of `$default`. */
  handler?: ApiGatewayV2Handler;
  /**
   * The route table, as the stack declares it: plain keys use `handler`, ApiRoute entries their
   * own. Omitted: every request goes to `handler` with routeKey "$default" (the app routes itself).
   */
  routes?: ReadonlyArray<string | ApiRoute>;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default "api". */
  functionName?: string;
  /** Integration timeout (API Gateway allows up to 30 s). Default 30. */
  timeoutSeconds?: number;
  /** Default 10 MB, API Gateway's payload limit. */
  maxBodyBytes?: number;
  region?: string;
  accountId?: string;
  /** Default: a random 10-character id, like API Gateway's. */
  apiId?: string;
  stageVariables?: Record<string, string>;
  logger?: RuntimeLogger;
  /**
   * Answers requests that are not the API's (the dashboard's static files under /ui/) before
   * routing; returns true when it did. API paths and their answers stay as they are.
   */
  site?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

export interface ApiGateway {
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * @example
 * const api = await startApiGateway({ handler: apiHandler, port: 3000 });
 * console.log(`API on ${api.url}`);
 * // later: await api.close();
 */
export async function startApiGateway(options: ApiGatewayOptions): Promise<ApiGateway> {
  const host = options.host ?? "127.0.0.1";
  const logger = options.logger ?? console;
  const integrations = resolveIntegrations(options);
  const routes = parseRoutesOrRefuse([...integrations.keys()]);
  const hasDefault = integrations.has(DEFAULT_ROUTE_KEY);
  const timeoutMs = (options.timeoutSeconds ?? 30) * 1000;
  const maxBodyBytes = options.maxBodyBytes ?? API_GATEWAY_MAX_BODY_BYTES;
  const apiId = options.apiId ?? randomBytes(8).toString("hex").slice(0, 10);
  const accountId = options.accountId ?? "000000000000";

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (refuseForeignHost(request, response)) return; // DNS rebinding guard (host-check.ts)
    if (options.site?.(request, response)) return;
    const requestId = randomBytes(11).toString("base64");
    const method = request.method ?? "GET";
    const url = request.url ?? "/";
    const route = matchRouteKey(routes, hasDefault, method, url.split("?")[0] ?? "/");
    if (!route) {
      request.resume();
      write(response, gatewayError(404, "Not Found"), requestId);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      response.setHeader("connection", "close");
      write(response, gatewayError(413, "Request Entity Too Large"), requestId);
      return;
    }
    const event = buildApiGatewayEvent(
      {
        method,
        url,
        rawHeaders: request.rawHeaders,
        httpVersion: request.httpVersion,
        sourceIp: (request.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
        localPort: request.socket.localPort ?? 0,
        body,
      },
      route,
      { accountId, apiId, requestId, now: new Date(), stageVariables: options.stageVariables },
    );
    const integration = integrations.get(route.routeKey) as Integration;
    const context = createLambdaContext({
      functionName: integration.functionName,
      timeoutMs,
      region: options.region,
      accountId,
    });
    write(response, await invoke(integration.handler, event, context), requestId);
  }

  /** Runs the handler under the integration timeout and maps every failure to API Gateway's answer. */
  async function invoke(
    handler: ApiGatewayV2Handler,
    event: APIGatewayProxyEventV2,
    context: Context,
  ): Promise<HttpReply> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    try {
      const result = await Promise.race([Promise.resolve().then(() => handler(event, context)), timedOut]);
      if (result === "timeout") {
        logger.error(`[api-gateway] ${event.routeKey}: no response within ${timeoutMs} ms`);
        return gatewayError(503, "Service Unavailable");
      }
      return toHttpReply(result);
    } catch (error) {
      logger.error(`[api-gateway] ${event.routeKey}: handler failed`, error);
      return gatewayError(500, "Internal Server Error");
    } finally {
      clearTimeout(timer);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error("[api-gateway] unexpected failure", error);
      if (!response.headersSent) write(response, gatewayError(500, "Internal Server Error"), "");
      else response.destroy();
    });
  });
  const address = await listen(server, options.port ?? 0, host);
  return { url: baseUrlOf(host, address), port: address.port, close: () => closeServer(server) };
}

/** A malformed route key is a wiring mistake in the runtime, reported as such. */
function parseRoutesOrRefuse(keys: readonly string[]) {
  try {
    return parseRouteKeys(keys);
  } catch (error) {
    if (error instanceof RouteKeyError) throw new LocalRuntimeError(error.message, { cause: error });
    throw error;
  }
}

interface Integration {
  handler: ApiGatewayV2Handler;
  functionName: string;
}

/** routeKey → integration; refuses a route that has no handler (a wiring mistake, caught at start). */
function resolveIntegrations(options: ApiGatewayOptions): Map<string, Integration> {
  const fallbackName = options.functionName ?? "api";
  const fallback = options.handler ? { handler: options.handler, functionName: fallbackName } : undefined;
  const integrations = new Map<string, Integration>();
  for (const route of options.routes ?? [DEFAULT_ROUTE_KEY]) {
    const key = typeof route === "string" ? route : route.routeKey;
    const integration =
      typeof route === "string"
        ? fallback
        : { handler: route.handler, functionName: route.functionName ?? fallbackName };
    if (!integration) throw new LocalRuntimeError(`Route "${key}" has no handler: pass options.handler or an ApiRoute`);
    integrations.set(key, integration);
  }
  return integrations;
}

function write(response: ServerResponse, reply: HttpReply, requestId: string): void {
  response.writeHead(reply.statusCode, {
    ...reply.headers,
    "content-length": reply.body.length,
    ...(requestId ? { "apigw-requestid": requestId } : {}),
  });
  response.end(reply.body);
}
