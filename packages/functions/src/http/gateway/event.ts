/**
 * An HTTP request → the APIGatewayProxyEventV2 an HTTP API (payload format 2.0) builds:
 * lower-cased headers with duplicates comma-joined, the Cookie header moved to `cookies`,
 * query parameters decoded and comma-joined, fields left out when empty, and binary
 * (non-text) bodies base64-encoded. The one event builder (docs/decisions/consolidation-one-router.md),
 * used by the local API adapter and the tests; the route comes from ./route-keys.ts.
 */
import { randomBytes } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { RouteKeyMatch } from "./route-keys.ts";

export interface HttpRequestParts {
  method: string;
  /** Path and query as sent (`/workflows?limit=5`). */
  url: string;
  /** node's rawHeaders: [name, value, name, value, …] in arrival order. */
  rawHeaders: readonly string[];
  httpVersion: string;
  sourceIp: string;
  /** The port the client connected to (x-forwarded-port). */
  localPort: number;
  body: Buffer;
  /** Default: base64 unless the content type is text (API Gateway's rule). */
  base64?: boolean;
}

export interface ApiContext {
  accountId: string;
  apiId: string;
  requestId: string;
  now: Date;
  stageVariables?: Record<string, string>;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * @example
 * const event = buildApiGatewayEvent(parts, { routeKey: "GET /workflows", pathParameters: undefined }, context);
 */
export function buildApiGatewayEvent(
  request: HttpRequestParts,
  route: RouteKeyMatch,
  context: ApiContext,
): APIGatewayProxyEventV2 {
  const queryAt = request.url.indexOf("?");
  const rawPath = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const rawQueryString = queryAt < 0 ? "" : request.url.slice(queryAt + 1);
  const { headers, cookies } = collectHeaders(request);
  const host = headers.host ?? "localhost";
  const queryStringParameters = parseQuery(rawQueryString);
  const textual = request.base64 === undefined ? isTextContent(headers["content-type"]) : !request.base64;
  return {
    version: "2.0",
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName: host,
      domainPrefix: host.split(".")[0] ?? host,
      http: {
        method: request.method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: context.requestId,
      routeKey: route.routeKey,
      stage: "$default",
      time: clfTime(context.now),
      timeEpoch: context.now.getTime(),
    },
    ...(request.body.length > 0 ? { body: request.body.toString(textual ? "utf8" : "base64") } : {}),
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    isBase64Encoded: request.body.length > 0 && !textual,
    ...(context.stageVariables ? { stageVariables: context.stageVariables } : {}),
  };
}

function collectHeaders(request: HttpRequestParts): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const name = (request.rawHeaders[index] as string).toLowerCase();
    const value = request.rawHeaders[index + 1] as string;
    if (name === "cookie") {
      cookies.push(
        ...value
          .split(";")
          .map((cookie) => cookie.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  // Headers API Gateway adds in front of every integration.
  headers["x-forwarded-for"] = headers["x-forwarded-for"]
    ? `${headers["x-forwarded-for"]}, ${request.sourceIp}`
    : request.sourceIp;
  headers["x-forwarded-port"] = String(request.localPort);
  headers["x-forwarded-proto"] = "http";
  headers["x-amzn-trace-id"] ??=
    `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
  return { headers, cookies };
}

function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === "") return undefined;
  const parameters: Record<string, string> = {};
  for (const pair of rawQueryString.split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    const name = decode(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? "" : decode(pair.slice(at + 1));
    parameters[name] = parameters[name] === undefined ? value : `${parameters[name]},${value}`;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** API Gateway passes text bodies as-is and base64-encodes everything else (no content type included). */
export function isTextContent(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    mediaType.startsWith("text/") || /^application\/([a-z0-9.-]+\+)?(json|xml|javascript|graphql)$/.test(mediaType)
  );
}

/** Common Log Format time, as requestContext.time: 12/Mar/2026:19:03:58 +0000. */
function clfTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
