/**
 * Builds API Gateway HTTP API (payload 2.0) events the way the service does for a
 * request: routing by route key (`$default` when nothing matches), lowercased
 * headers, cookies apart, query parameters decoded with repeats comma-joined, the
 * path and path parameters URL-decoded, and a requestContext with a request id.
 * Its own small route matcher keeps it independent of the handlers' router.
 */
import { randomBytes } from "node:crypto";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";

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

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

function matchRoute(routes: readonly GatewayRoute[], method: string, segments: string[]) {
  // Literal segments before parameters, as API Gateway prefers the most specific route.
  const ordered = [...routes].sort((a, b) => a.path.split("{").length - b.path.split("{").length);
  for (const route of ordered) {
    if (route.method !== method) continue;
    const pattern = route.path.split("/").slice(1);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((part, index) => {
      const value = segments[index] as string;
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part === value;
      if (value === "") return false;
      params[name] = decode(value);
      return true;
    });
    if (ok) return { routeKey: `${route.method} ${route.path}`, params };
  }
  return undefined;
}

function parseQuery(raw: string): Record<string, string> | undefined {
  if (raw === "") return undefined;
  const out: Record<string, string> = {};
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? "" : pair.slice(eq + 1));
    out[key] = key in out ? `${out[key]},${value}` : value;
  }
  return out;
}

/**
 * @example
 * const event = httpEvent({ method: "GET", url: "/workflows/etl/runs?maxResults=5" }, routeList);
 * event.routeKey; // "GET /workflows/{name}/runs"
 */
export function httpEvent(request: HttpRequest, routes: readonly GatewayRoute[]): APIGatewayProxyEventV2 {
  const method = request.method.toUpperCase();
  const [encodedPath = "/", rawQueryString = ""] = request.url.split(/\?(.*)/s, 2);
  const trimmed = encodedPath.length > 1 && encodedPath.endsWith("/") ? encodedPath.slice(0, -1) : encodedPath;
  const matched = matchRoute(routes, method, trimmed.split("/").slice(1));
  const rawPath = decode(encodedPath);
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const key = name.toLowerCase();
    if (key === "cookie") cookies.push(...value.split(/;\s*/));
    else headers[key] = key in headers ? `${headers[key]},${value}` : value;
  }
  headers["user-agent"] ??= "api-test";
  const text =
    request.body === undefined
      ? undefined
      : typeof request.body === "string"
        ? request.body
        : JSON.stringify(request.body);
  if (text !== undefined) headers["content-length"] = String(Buffer.byteLength(text));
  const now = Date.now();
  const event: APIGatewayProxyEventV2 = {
    version: "2.0",
    routeKey: matched?.routeKey ?? "$default",
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: "123456789012",
      apiId: "tracker",
      domainName: "tracker.execute-api.us-east-1.amazonaws.com",
      domainPrefix: "tracker",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: headers["user-agent"] },
      requestId: `${randomBytes(11).toString("base64").slice(0, 14)}=`,
      routeKey: matched?.routeKey ?? "$default",
      stage: "$default",
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    isBase64Encoded: Boolean(request.base64 && text !== undefined),
  };
  if (cookies.length > 0) event.cookies = cookies;
  const query = parseQuery(rawQueryString);
  if (query) event.queryStringParameters = query;
  if (matched && Object.keys(matched.params).length > 0) event.pathParameters = matched.params;
  if (text !== undefined) event.body = request.base64 ? Buffer.from(text, "utf8").toString("base64") : text;
  return event;
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
