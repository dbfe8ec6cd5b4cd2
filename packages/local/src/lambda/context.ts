/**
 * A Lambda-like invocation context, so handlers (and middy / Powertools, which read
 * awsRequestId, functionName and getRemainingTimeInMillis) run locally unchanged.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

export interface LambdaContextOptions {
  functionName: string;
  /** The function's timeout; getRemainingTimeInMillis counts down from it. Default 30 s. */
  timeoutMs?: number;
  /** Default "us-east-1". */
  region?: string;
  /** Default "000000000000". */
  accountId?: string;
  /** Default 1024. */
  memoryLimitInMB?: number;
}

/**
 * Builds the context for one invocation (a fresh awsRequestId and deadline each call).
 *
 * @example
 * await handler(event, createLambdaContext({ functionName: "ingest", timeoutMs: 60_000 }));
 */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "000000000000";
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const today = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
  const noop = () => {};
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${today}/[$LATEST]${randomBytes(16).toString("hex")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    // Deprecated callback-style members; part of the type, unused by modern handlers.
    done: noop,
    fail: noop,
    succeed: noop,
  };
}
