/**
 * Alerts function: tracker state changes and refused auto-resumes (from its SQS
 * queue) → Slack and SNS.
 * A record whose alert was not delivered is reported as a batch-item failure, so
 * SQS retries it and finally moves it to the DLQ: nothing is dropped silently.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Alerts, Events, Metric, recordMetric, Topology } from "@glue-run-tracker/core";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { type DepsSource, describeError, lazy } from "../shared/deps.ts";
import { reportLambdaMetrics } from "../shared/observability.ts";
import { type RecordFailures, recordFailuresFromEnv, sqsBatchHandler } from "../shared/sqs-batch.ts";
import { checkStartupConfig } from "../shared/startup.ts";
import { traceAwsClients } from "../shared/tracing.ts";
import { type AlertEvent, parseAlertEvent } from "../shared/tracker-event.ts";
import { alertsDepsFromEnv } from "../shared/wiring/alerts.ts";

/**
 * Builds the handler; `deps` may be a factory, called once on the first event.
 *
 * @example
 * const handler = createAlertsHandler({ store, policy, publishers, settings, ledger: Alerts.createDeliveryLedger() });
 * const { batchItemFailures } = await handler(sqsEvent, context);
 */
export function createAlertsHandler(
  deps: DepsSource<Alerts.InsightAlertDeps>,
  logger = new Logger({ serviceName: "alerts" }),
  failures: RecordFailures = { queue: Topology.Queues.alerts },
) {
  const resolved = lazy(deps);

  async function onRecord(record: SQSRecord): Promise<void> {
    let where: Record<string, unknown> = { messageId: record.messageId };
    try {
      const alerts = await resolved();
      const event = parseAlertEvent(record.body);
      const { detail } = event;
      where = { ...where, workflowName: detail.workflowName, event: event.type };
      if ("runId" in detail) where.runId = detail.runId;
      if (detail.AccountId) where = { ...where, accountId: detail.AccountId, region: detail.Region };
      const result = await alertOn(alerts, event);
      if (result.status === Alerts.AlertResultStatus.UnknownAccount) {
        // No retry can make it tracked: logged and dropped (docs/decisions/accounts-flows.md).
        logger.warn("alert dropped: the run's account is not tracked (TRACKER_MEMBER_ACCOUNTS)", where);
        return;
      }
      logger.info(`alert ${result.status}`, { ...where, kind: result.alert?.kind, channels: result.channels });
    } catch (error) {
      // Per-channel results are counted where they are delivered (core); this is "no channel was tried".
      if (!(error instanceof Alerts.AlertDeliveryError)) recordMetric(Metric.AlertsFailed, 1, { Channel: "all" });
      // Error messages are safe to log: the Slack adapter never puts the webhook URL in them.
      logger.error("alert not delivered; the message will be retried", { ...where, error: describeError(error) });
      throw error;
    }
  }

  return sqsBatchHandler(logger, onRecord, failures);
}

function alertOn(alerts: Alerts.InsightAlertDeps, event: AlertEvent): Promise<Alerts.AlertResult<Alerts.Alert>> {
  switch (event.type) {
    case Events.TrackerDetailType.RunResumeFailed:
      return Alerts.alertOnResumeFailed(alerts, event.detail);
    case Events.TrackerDetailType.RunOverdue:
      return Alerts.alertOnOverdue(alerts, event.detail);
    case Events.TrackerDetailType.RunMissed:
      return Alerts.alertOnMissed(alerts, event.detail);
    default:
      return Alerts.alertOnRunStateChange(alerts, event.detail);
  }
}

// Lambda init: a bad setting fails here, in one line, never while handling an event.
checkStartupConfig(process.env, "alerts");

let fromEnv: ReturnType<typeof createAlertsHandler> | undefined;

/** The Lambda entry point: dependencies from the environment, built on the first event. */
export const handler = (event: SQSEvent, context: Context) => {
  const logger = new Logger({ serviceName: "alerts" });
  if (!fromEnv) {
    reportLambdaMetrics("alerts");
    traceAwsClients("alerts");
  }
  fromEnv ??= createAlertsHandler(
    () => alertsDepsFromEnv(process.env, logger),
    logger,
    recordFailuresFromEnv(Topology.Queues.alerts),
  );
  return fromEnv(event, context);
};
