/**
 * The SQS-triggered functions' shared shape: a middy handler with the Powertools
 * logger's Lambda context, and partial batch responses, so only the records that
 * failed come back. The one place a failed record's fate is decided
 * (docs/decisions/reliability-poison-and-backoff.md):
 * - an error no retry can mend (Glue's isRetryable says so) sends the record to
 *   the function's DLQ at once and acknowledges it;
 * - any other error makes the record visible again after a backoff that starts in
 *   seconds and doubles with its receive count, capped by the queue's visibility
 *   timeout (which stays the ceiling, e.g. for a crashed invocation).
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { type Env, Glue, Topology } from "@glue-run-tracker/core";
import middy from "@middy/core";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { describeError } from "./deps.ts";
import { type RecordQueue, recordQueueFromEnv, retryDelaySeconds, sendToDeadLetterQueue } from "./record-queue.ts";

export type RecordHandler = (record: SQSRecord) => Promise<void>;

export interface RecordFailures {
  /** The consumer's queue (core's Topology): its visibility timeout caps the backoff. */
  queue: Topology.QueueSettings;
  /**
   * SQS access for the DLQ and the backoff, resolved on the first failure. Without
   * it (or without a DLQ URL) a failed record waits out the visibility timeout and
   * a poison record goes the slow way, through maxReceiveCount.
   */
  sqs?: () => RecordQueue | undefined;
  /** First retry delay in seconds (default 2). */
  baseDelaySeconds?: number;
  /** [0, 1), for the jitter; tests fix it. */
  random?: () => number;
}

/**
 * `onRecord` handles one record (a throw reports it as failed); it may instead be a
 * factory called once per invocation with the batch's records, for work done on the
 * whole batch (it gives the handler that reports each record's fate).
 *
 * @example
 * export const handler = sqsBatchHandler(logger, async (record) => handle(JSON.parse(record.body)), {
 *   queue: Topology.Queues.ingest,
 *   sqs: () => recordQueueFromEnv(process.env),
 * });
 */
export function sqsBatchHandler(
  logger: Logger,
  onRecord: RecordHandler | { perBatch: (records: SQSRecord[]) => Promise<RecordHandler> },
  failures?: RecordFailures,
) {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
      const handle = typeof onRecord === "function" ? onRecord : await onRecord.perBatch(event.Records);
      const settled = failures ? settleFailures(handle, failures, logger) : handle;
      // A processor per invocation: the local runtime may run several batches at once.
      return processPartialResponse(event, settled, new BatchProcessor(EventType.SQS), {
        context,
        throwOnFullBatchFailure: false,
      });
    });
}

function settleFailures(handle: RecordHandler, failures: RecordFailures, logger: Logger): RecordHandler {
  return async (record) => {
    try {
      await handle(record);
    } catch (error) {
      const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? 1) || 1;
      const where = { messageId: record.messageId, receiveCount, error: describeError(error) };
      const queue = failures.sqs?.();
      if (!Glue.isRetryable(error)) {
        if (queue?.deadLetterQueueUrl && (await deadLetter(queue, record, error, logger))) {
          logger.error("poison record (retrying cannot help): sent to the DLQ and acknowledged", {
            ...where,
            deadLetterQueueUrl: queue.deadLetterQueueUrl,
          });
          return;
        }
        logger.error("poison record (retrying cannot help), but no DLQ took it: it returns to the queue", where);
        throw error;
      }
      const ceiling = Topology.visibilityTimeoutSeconds(failures.queue);
      const delay = retryDelaySeconds(receiveCount, {
        baseSeconds: failures.baseDelaySeconds ?? 2,
        ceilingSeconds: ceiling,
        random: failures.random ?? Math.random,
      });
      const retryIn = queue && (await backOff(queue, record, delay, logger)) ? delay : ceiling;
      logger.warn(`record failed; retried in ${retryIn} s`, { ...where, retryInSeconds: retryIn });
      throw error;
    }
  };
}

async function deadLetter(queue: RecordQueue, record: SQSRecord, error: unknown, logger: Logger): Promise<boolean> {
  try {
    await sendToDeadLetterQueue(queue, record, error);
    return true;
  } catch (sendError) {
    logger.error("could not send a poison record to the DLQ", {
      messageId: record.messageId,
      error: describeError(sendError),
    });
    return false;
  }
}

/** False when SQS refused: the record then waits out the visibility timeout (the ceiling). */
async function backOff(queue: RecordQueue, record: SQSRecord, delay: number, logger: Logger): Promise<boolean> {
  try {
    await queue.changeVisibility(record, delay);
    return true;
  } catch (error) {
    logger.warn("could not shorten a failed record's visibility", {
      messageId: record.messageId,
      error: describeError(error),
    });
    return false;
  }
}

/**
 * What a Lambda entry point passes: the queue's settings and SQS from the environment
 * (DEAD_LETTER_QUEUE_URL), built once on the first failure.
 */
export function recordFailuresFromEnv(queue: Topology.QueueSettings, env: Env = process.env): RecordFailures {
  let built: RecordQueue | undefined;
  return { queue, sqs: () => (built ??= recordQueueFromEnv(env)) };
}
