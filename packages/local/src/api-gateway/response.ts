/**
 * A handler's result → the HTTP response, by the payload format 2.0 rules: an object with
 * `statusCode` is a structured response (headers, cookies → set-cookie, body, isBase64Encoded);
 * anything else is valid JSON that API Gateway sends as a 200 application/json body.
 * A malformed structured response is what API Gateway answers 500 for.
 */
import { LocalRuntimeError } from "../errors.ts";

export interface HttpReply {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** The handler returned something API Gateway cannot turn into a response. */
export class MalformedLambdaResponseError extends LocalRuntimeError {
  constructor(reason: string) {
    super(`Malformed Lambda proxy response: ${reason}`);
    this.name = "MalformedLambdaResponseError";
  }
}

/**
 * @example
 * toHttpReply({ statusCode: 201, headers: { "content-type": "application/json" }, body: "{}" });
 */
export function toHttpReply(result: unknown): HttpReply {
  if (typeof result !== "object" || result === null || !("statusCode" in result)) {
    const body = JSON.stringify(result ?? null) ?? "null";
    return { statusCode: 200, headers: { "content-type": "application/json" }, body: Buffer.from(body) };
  }
  const { statusCode, headers = {}, cookies = [], body, isBase64Encoded = false } = result as Record<string, unknown>;
  if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedLambdaResponseError(`statusCode ${JSON.stringify(statusCode)} is not an HTTP status`);
  }
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    throw new MalformedLambdaResponseError("headers must be an object");
  }
  const replyHeaders: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (!["string", "number", "boolean"].includes(typeof value)) {
      throw new MalformedLambdaResponseError(`header ${name} must be a string, number or boolean`);
    }
    replyHeaders[name.toLowerCase()] = String(value);
  }
  if (!Array.isArray(cookies) || !cookies.every((cookie) => typeof cookie === "string")) {
    throw new MalformedLambdaResponseError("cookies must be a list of strings");
  }
  if (cookies.length > 0) replyHeaders["set-cookie"] = cookies;
  if (body !== undefined && body !== null && typeof body !== "string") {
    throw new MalformedLambdaResponseError("body must be a string");
  }
  const text = body ?? "";
  return {
    statusCode,
    headers: replyHeaders,
    body: isBase64Encoded === true ? Buffer.from(text, "base64") : Buffer.from(text),
  };
}

/** API Gateway's own error replies (its message shape, not the app's). */
export function gatewayError(statusCode: number, message: string): HttpReply {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: Buffer.from(JSON.stringify({ message })),
  };
}
