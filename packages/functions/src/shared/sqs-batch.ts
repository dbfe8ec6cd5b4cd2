/**
 * The SQS-triggered functions' shared shape: a middy handler with the Powertools
 * logger's Lambda context, and partial batch responses, so only the records that
 * failed come back (and finally land in the DLQ).
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

/**
 * `onRecord` handles one record (a throw reports it as failed); it may instead be a
 * factory called once per invocation, for state shared by one batch's records.
 *
 * @example
 * export const handler = sqsBatchHandler(logger, async (record) => handle(JSON.parse(record.body)));
 */
export function sqsBatchHandler(logger: Logger, onRecord: RecordHandler | { perBatch: () => Promise<RecordHandler> }) {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
      const handle = typeof onRecord === "function" ? onRecord : await onRecord.perBatch();
      // A processor per invocation: the local runtime may run several batches at once.
      return processPartialResponse(event, handle, new BatchProcessor(EventType.SQS), {
        context,
        throwOnFullBatchFailure: false,
      });
    });
}

export type RecordHandler = (record: SQSRecord) => Promise<void>;
