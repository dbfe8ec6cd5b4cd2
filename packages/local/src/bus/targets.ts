/**
 * Ready-made rule targets: an SQS queue, or a Lambda handler invoked asynchronously
 * (with Lambda's retries for asynchronous invocations).
 */
import type { Context } from "aws-lambda";
import { createLambdaContext } from "../lambda/context.ts";
import type { RuntimeLogger } from "../logger.ts";
import type { EventTarget } from "./event-bus.ts";
import type { BusEvent } from "./put-events.ts";

/**
 * EventBridge → SQS: the message body is the whole event as JSON, as EventBridge sends it.
 *
 * @example
 * bridge.bus("default").putRule({ name: "glue-events", pattern: glueStateChangePattern, target: queueTarget(ingestQueue) });
 */
export function queueTarget(queue: { send(body: string): unknown }): EventTarget {
  return (event) => {
    queue.send(JSON.stringify(event));
  };
}

/** An EventBridge-invoked Lambda handler (`EventBridgeHandler` fits, so does a middy handler). */
export type EventHandler = (event: BusEvent, context: Context) => unknown;

export interface LambdaTargetOptions {
  functionName: string;
  /** The function timeout the context counts down from. Default 30 s. */
  timeoutSeconds?: number;
  /** Retries after a failed invocation, as Lambda's MaximumRetryAttempts (0–2). Default 2. */
  retryAttempts?: number;
  /** Seconds before each retry. Default [60, 120] (Lambda waits about 1, then 2 minutes). */
  retryDelaysSeconds?: readonly number[];
  /** Multiplies the retry delays (0.001 in tests). Default 1. */
  timeScale?: number;
  /** Every attempt failed: Lambda's on-failure destination. Without it the last error is rethrown (the bus logs it). */
  onFailure?: (event: BusEvent, error: unknown) => void | Promise<void>;
  region?: string;
  accountId?: string;
  logger?: RuntimeLogger;
}

/**
 * EventBridge → Lambda: invokes `handler(event, context)` with a fresh Lambda context, retrying
 * failures like an asynchronous invocation. The returned promise settles after the last attempt,
 * so `bridge.idle()` covers retries too.
 *
 * @example
 * bridge.bus("tracker").putRule({ name: "alerts", pattern: failedRunPattern(options), target: lambdaTarget(alertsHandler, { functionName: "alerts" }) });
 */
export function lambdaTarget(handler: EventHandler, options: LambdaTargetOptions): EventTarget {
  const retries = options.retryAttempts ?? 2;
  const delays = options.retryDelaysSeconds ?? [60, 120];
  const scale = options.timeScale ?? 1;
  const logger = options.logger ?? console;
  return async (event) => {
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      if (attempt > 0) {
        const seconds = delays[Math.min(attempt - 1, delays.length - 1)] ?? 0;
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000 * scale));
      }
      const context = createLambdaContext({
        functionName: options.functionName,
        timeoutMs: (options.timeoutSeconds ?? 30) * 1000,
        region: options.region ?? event.region,
        accountId: options.accountId ?? event.account,
      });
      try {
        await handler(event, context);
        return;
      } catch (error) {
        lastError = error;
        logger.warn(
          `[lambda] ${options.functionName} failed on attempt ${attempt + 1} of ${retries + 1} for event ${event.id}`,
          error,
        );
      }
    }
    if (!options.onFailure) throw lastError;
    await options.onFailure(event, lastError);
  };
}
