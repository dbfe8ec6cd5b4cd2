/**
 * The AWS JSON protocols on the wire: replies, and errors as AWS shapes them
 * (HTTP 4xx, `{"__type": …, "message": …}`, and for SQS the query-compatible
 * `x-amzn-query-error: <Code>;Sender` header the SDK maps back to its exception classes).
 */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";

/** An error to answer with, in AWS's wire terms. */
export class AwsWireError extends Error {
  readonly type: string;
  readonly status: number;
  /** SQS only: the awsQuery error code (e.g. AWS.SimpleQueueService.NonExistentQueue). */
  readonly queryCode: string | undefined;

  constructor(type: string, message: string, options: { status?: number; queryCode?: string } = {}) {
    super(message);
    this.name = "AwsWireError";
    this.type = type;
    this.status = options.status ?? 400;
    this.queryCode = options.queryCode;
  }
}

export const JsonVersion = { V1_0: "1.0", V1_1: "1.1" } as const;
export type JsonVersion = (typeof JsonVersion)[keyof typeof JsonVersion];

/** An operation's input: the parsed JSON object of the request body. */
export type WireInput = Record<string, unknown>;

export function replyJson(response: ServerResponse, version: JsonVersion, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(200, {
    "content-type": `application/x-amz-json-${version}`,
    "content-length": Buffer.byteLength(payload),
    "x-amzn-requestid": randomUUID(),
  });
  response.end(payload);
}

export function replyError(response: ServerResponse, version: JsonVersion, error: AwsWireError): void {
  const payload = JSON.stringify({ __type: error.type, message: error.message });
  response.writeHead(error.status, {
    "content-type": `application/x-amz-json-${version}`,
    "content-length": Buffer.byteLength(payload),
    "x-amzn-requestid": randomUUID(),
    ...(error.queryCode
      ? { "x-amzn-query-error": `${error.queryCode};${error.status < 500 ? "Sender" : "Receiver"}` }
      : {}),
  });
  response.end(payload);
}

/** Parses a request body into an operation input; an empty body is `{}` as the SDKs send for no input. */
export function parseInput(body: Buffer): WireInput {
  const text = body.toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsWireError("SerializationException", "The request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AwsWireError("SerializationException", "The request body must be a JSON object");
  }
  return parsed as WireInput;
}

export function unknownOperation(target: string): AwsWireError {
  return new AwsWireError(
    "UnknownOperationException",
    `Operation ${target || "(no X-Amz-Target)"} is not supported by the local endpoint`,
  );
}
