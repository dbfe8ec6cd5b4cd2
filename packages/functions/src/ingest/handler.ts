/**
 * Ingest function: Glue events and re-checks from the ingest queue → workflow-run
 * snapshots in the table and the tracker's run-state events. Records are handled
 * concurrently within one batch so that events of one run share one Glue read;
 * a record that fails (Glue throttling, a write or publish error) is reported as a
 * batch-item failure and comes back after the visibility timeout.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { Ingest } from "@glue-run-tracker/core";
import middy from "@middy/core";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { type DepsSource, describeError, lazy } from "./lazy.ts";
import { toIngestMessage } from "./message.ts";

/**
 * Builds the handler; `deps` may be a factory, called once on the first event.
 *
 * @example
 * const handler = createIngestHandler({ store, publisher, announcements, glue, rechecks });
 * const { batchItemFailures } = await handler(sqsEvent, context);
 */
export function createIngestHandler(
  deps: DepsSource<Ingest.IngestDeps>,
  logger: Logger = new Logger({ serviceName: "ingest" }),
) {
  const resolved = lazy(deps);
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
      const batch = Ingest.startIngestBatch(await resolved());
      const onRecord = async (record: SQSRecord): Promise<void> => {
        try {
          const message = toIngestMessage(record.body);
          const { runs } = await batch.handle(message);
          logger.debug("ingested", { messageId: record.messageId, kind: message.kind, runs });
        } catch (error) {
          const retryable = (error as { retryable?: boolean }).retryable !== false;
          logger[retryable ? "warn" : "error"]("record not ingested; it will be retried", {
            messageId: record.messageId,
            receiveCount: record.attributes?.ApproximateReceiveCount,
            error: describeError(error),
          });
          throw error;
        }
      };
      // A processor per invocation: the local runtime may run several batches at once.
      return processPartialResponse(event, onRecord, new BatchProcessor(EventType.SQS), {
        context,
        throwOnFullBatchFailure: false,
      });
    });
}

let fromEnv: ReturnType<typeof createIngestHandler> | undefined;

/** The Lambda entry point: dependencies from the environment, built on the first event. */
export const handler = (event: SQSEvent, context: Context) => {
  if (!fromEnv) {
    const logger = new Logger({ serviceName: "ingest" });
    fromEnv = createIngestHandler(() => Ingest.ingestDepsFromEnv(process.env, logger), logger);
  }
  return fromEnv(event, context);
};
