/**
 * Reading an API Gateway HTTP API (payload v2) event: request id, headers (v2
 * lowercases names; the lookup is case-insensitive anyway), query string and JSON
 * body. Decoding failures are InvalidRequestError (400), never a crash.
 */
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { InvalidRequestError } from "./errors.ts";

const requestIds = new WeakMap<object, string>();

/**
 * API Gateway's request id (also in its access log); outside API Gateway the
 * Lambda request id or a fresh one, kept per invocation so logs and body agree.
 */
export function requestIdOf(request: { event?: Partial<APIGatewayProxyEventV2>; context?: { awsRequestId?: string } }) {
  const known = requestIds.get(request);
  if (known) return known;
  const fromGateway = request.event?.requestContext?.requestId;
  const fromLambda = request.context?.awsRequestId;
  const id = fromGateway ? fromGateway : fromLambda ? fromLambda : randomUUID();
  requestIds.set(request, String(id));
  return String(id);
}

export function methodOf(event: Partial<APIGatewayProxyEventV2>): string {
  return String(event.requestContext?.http?.method ?? "").toUpperCase();
}

export function rawPathOf(event: Partial<APIGatewayProxyEventV2>): string {
  const path = event.rawPath ?? event.requestContext?.http?.path ?? "/";
  return path.startsWith("/") ? path : `/${path}`;
}

export function headerOf(event: Partial<APIGatewayProxyEventV2>, name: string): string | undefined {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** Query parameters as API Gateway decoded them (a repeated name arrives comma-joined). */
export function queryOf(event: Partial<APIGatewayProxyEventV2>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined) query[key] = value;
  }
  return query;
}

/** The parsed JSON body, or `undefined` when there is none. */
export function jsonBodyOf(event: Partial<APIGatewayProxyEventV2>): unknown {
  const raw = event.body;
  if (raw === undefined || raw === null || raw === "") return undefined;
  const text = event.isBase64Encoded ? Buffer.from(raw, "base64").toString("utf8") : raw;
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InvalidRequestError("The request body is not valid JSON", { cause });
  }
}
