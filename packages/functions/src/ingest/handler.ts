/**
 * Ingest function: Glue events and re-checks from the ingest queue → workflow-run
 * snapshots in the table and the tracker's run-state events. The whole batch goes
 * through core's one flow (Ingest.ingestBatch: parse → link → record → re-check),
 * per tracked account (Ingest.ingestAcrossAccounts: each event with its account's store
 * and Glue; an untracked account's event is dropped with a warning),
 * so events of one run share one Glue read; a record that fails (Glue throttling,
 * a write or publish error) is reported as a batch-item failure and comes back
 * after a short backoff; a record no retry can mend goes to the DLQ at once
 * (shared/sqs-batch.ts).
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Ingest, Metric, recordMetric, Topology } from "@glue-run-tracker/core";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { type DepsSource, describeError, lazy } from "../shared/deps.ts";
import { reportLambdaMetrics } from "../shared/observability.ts";
import { type RecordFailures, recordFailuresFromEnv, sqsBatchHandler } from "../shared/sqs-batch.ts";
import { checkStartupConfig } from "../shared/startup.ts";
import { traceAwsClients } from "../shared/tracing.ts";
import { ingestDepsFromEnv } from "../shared/wiring/ingest.ts";

/**
 * Builds the handler; `deps` may be a factory, called once on the first event.
 *
 * @example
 * const handler = createIngestHandler({ store, publisher, glue, rechecks });
 * const { batchItemFailures } = await handler(sqsEvent, context);
 */
export function createIngestHandler(
  deps: DepsSource<Ingest.AccountsIngestDeps>,
  logger: Logger = new Logger({ serviceName: "ingest" }),
  failures: RecordFailures = { queue: Topology.Queues.ingest },
) {
  const resolved = lazy(deps);
  return sqsBatchHandler(
    logger,
    {
      async perBatch(records) {
        const results = await Ingest.ingestAcrossAccounts(
          await resolved(),
          records.map((record) => ({ id: record.messageId, body: record.body })),
        );
        const byId = new Map(results.map((result) => [result.id, result]));
        // Reports each record's fate: a throw makes it a batch-item failure.
        return async (record: SQSRecord): Promise<void> => {
          const { message, runs, error, untracked } = byId.get(record.messageId) ?? {
            runs: [],
            error: notIngested(record),
          };
          if (untracked) {
            // No retry can track it (docs/decisions/accounts-flows.md): acknowledged, never dead-lettered.
            recordMetric(Metric.UntrackedAccountEvents, 1);
            logger.warn("event from an untracked account dropped", {
              messageId: record.messageId,
              account: untracked.scope.accountId,
              region: untracked.scope.region,
              error: untracked.message,
            });
            return;
          }
          if (error !== undefined) {
            const retryable = (error as { retryable?: boolean }).retryable !== false;
            recordMetric(Metric.IngestErrors, 1);
            logger[retryable ? "warn" : "error"]("record not ingested", {
              messageId: record.messageId,
              receiveCount: record.attributes?.ApproximateReceiveCount,
              error: describeError(error),
            });
            throw error;
          }
          if (message && message.kind !== "recheck") {
            recordMetric(Metric.EventsIngested, 1);
            // Clocks differ a little (and glue-local's runs ahead when sped up): never below 0.
            const lag = Date.now() - Date.parse(message.time ?? "");
            if (Number.isFinite(lag)) recordMetric(Metric.IngestLag, Math.max(0, lag));
          }
          logger.debug("ingested", { messageId: record.messageId, kind: message?.kind, runs });
        };
      },
    },
    failures,
  );
}

/** A record the batch did not return (never expected): retried rather than acknowledged unread. */
function notIngested(record: SQSRecord): Error {
  return new Ingest.IngestError(`Record ${record.messageId} was not in the ingested batch`);
}

// Lambda init: a bad setting fails here, in one line, never while handling an event.
checkStartupConfig(process.env, "ingest");

let fromEnv: ReturnType<typeof createIngestHandler> | undefined;

/** The Lambda entry point: dependencies from the environment, built on the first event. */
export const handler = (event: SQSEvent, context: Context) => {
  if (!fromEnv) {
    reportLambdaMetrics("ingest");
    traceAwsClients("ingest");
    const logger = new Logger({ serviceName: "ingest" });
    fromEnv = createIngestHandler(
      () => ingestDepsFromEnv(process.env, logger),
      logger,
      recordFailuresFromEnv(Topology.Queues.ingest),
    );
  }
  return fromEnv(event, context);
};
