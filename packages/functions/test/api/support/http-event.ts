/**
 * API Gateway HTTP API (payload 2.0) events for in-process tests, built by the same
 * route matcher and event builder as the local API adapter
 * (src/http/gateway, docs/decisions/consolidation-one-router.md): only the request
 * shape is a test's (headers as a record, any body, an explicit base64 flag).
 */
import { randomBytes } from "node:crypto";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { buildApiGatewayEvent, matchRouteKey, parseRouteKeys } from "../../../src/http/gateway/index.ts";

export interface HttpRequest {
  method: string;
  /** The request target as a client sends it: percent-encoded path, optional `?query`. */
  url: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is JSON-encoded. */
  body?: unknown;
  /** Send the body base64-encoded, as API Gateway does for binary content types. */
  base64?: boolean;
}

export interface GatewayRoute {
  method: string;
  path: string;
}

const tables = new WeakMap<readonly GatewayRoute[], ReturnType<typeof parseRouteKeys>>();

function tableOf(routes: readonly GatewayRoute[]) {
  let table = tables.get(routes);
  if (!table) {
    table = parseRouteKeys(routes.map((route) => `${route.method} ${route.path}`));
    tables.set(routes, table);
  }
  return table;
}

/**
 * @example
 * const event = httpEvent({ method: "GET", url: "/workflows/etl/runs?maxResults=5" }, routeList);
 * event.routeKey; // "GET /workflows/{name}/runs"
 */
export function httpEvent(request: HttpRequest, routes: readonly GatewayRoute[]): APIGatewayProxyEventV2 {
  const method = request.method.toUpperCase();
  const rawHeaders = Object.entries(request.headers ?? {}).flat();
  const given = new Set(Object.keys(request.headers ?? {}).map((name) => name.toLowerCase()));
  if (!given.has("host")) rawHeaders.push("host", "tracker.execute-api.us-east-1.amazonaws.com");
  if (!given.has("user-agent")) rawHeaders.push("user-agent", "api-test");
  const text =
    request.body === undefined
      ? undefined
      : typeof request.body === "string"
        ? request.body
        : JSON.stringify(request.body);
  const body = Buffer.from(text ?? "", "utf8");
  if (text !== undefined) rawHeaders.push("content-length", String(body.length));
  const route = matchRouteKey(tableOf(routes), true, method, request.url.split("?")[0] ?? "/");
  return buildApiGatewayEvent(
    {
      method,
      url: request.url,
      rawHeaders,
      httpVersion: "1.1",
      sourceIp: "127.0.0.1",
      localPort: 443,
      body,
      base64: Boolean(request.base64),
    },
    route ?? { routeKey: "$default", pathParameters: undefined },
    {
      accountId: "123456789012",
      apiId: "tracker",
      requestId: `${randomBytes(11).toString("base64").slice(0, 14)}=`,
      now: new Date(),
    },
  );
}

/** A Lambda context good enough for handlers run in-process. */
export function lambdaContext(functionName = "api"): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomBytes(16).toString("hex"),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
