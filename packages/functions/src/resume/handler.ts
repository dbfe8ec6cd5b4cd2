/**
 * Resume function: a run's FAILED transition (from its SQS queue) → the auto-resume
 * decision stored on the run, and for a transient failure a delayed message on the
 * resume queue. Failed records are retried by SQS, then dead-lettered.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Metric, Resume, recordMetric, Topology } from "@glue-run-tracker/core";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { type DepsSource, describeError, lazy } from "../shared/deps.ts";
import { reportLambdaMetrics } from "../shared/observability.ts";
import { type RecordFailures, recordFailuresFromEnv, sqsBatchHandler } from "../shared/sqs-batch.ts";
import { checkStartupConfig } from "../shared/startup.ts";
import { traceAwsClients } from "../shared/tracing.ts";
import { parseStateChange } from "../shared/tracker-event.ts";
import { resumeDepsFromEnv } from "../shared/wiring/resume.ts";

/**
 * @example
 * const handler = createResumeHandler({ store, queue, policy });
 */
export function createResumeHandler(
  deps: DepsSource<Resume.FailedRunDeps>,
  logger = new Logger({ serviceName: "resume" }),
  failures: RecordFailures = { queue: Topology.Queues.resumeEvents },
) {
  const resolved = lazy(deps);

  async function onRecord(record: SQSRecord): Promise<void> {
    let where: Record<string, unknown> = { messageId: record.messageId };
    try {
      const resume = await resolved();
      const detail = parseStateChange(record.body);
      where = {
        ...where,
        workflowName: detail.workflowName,
        runId: detail.runId,
        ...(detail.AccountId ? { accountId: detail.AccountId, region: detail.Region } : {}),
      };
      const outcome = await Resume.onFailedRun(resume, detail);
      if (outcome.result === Resume.FailedRunResult.UnknownAccount) {
        // No retry can make it tracked: logged and dropped (docs/decisions/accounts-flows.md).
        logger.warn("auto-resume skipped: the run's account is not tracked (TRACKER_MEMBER_ACCOUNTS)", where);
        return;
      }
      if (!outcome.verdict) {
        // The event said FAILED, the store does not: a forged or stale event is not acted on.
        logger.warn("auto-resume skipped: the stored run is not FAILED", { ...where, result: outcome.result });
        return;
      }
      recordMetric(Metric.ResumeAttempts, 1, { Step: "decision", Decision: outcome.verdict.decision });
      logger.info(`auto-resume ${outcome.verdict.decision} (${outcome.result})`, {
        ...where,
        reason: outcome.verdict.reason,
      });
    } catch (error) {
      logger.error("auto-resume decision failed; the message will be retried", {
        ...where,
        error: describeError(error),
      });
      throw error;
    }
  }

  return sqsBatchHandler(logger, onRecord, failures);
}

// Lambda init: a bad setting fails here, in one line, never while handling an event.
checkStartupConfig(process.env, "resume");

let fromEnv: ReturnType<typeof createResumeHandler> | undefined;

/** The Lambda entry point: dependencies from the environment, built on the first event. */
export const handler = (event: SQSEvent, context: Context) => {
  if (!fromEnv) {
    reportLambdaMetrics("resume");
    traceAwsClients("resume");
  }
  fromEnv ??= createResumeHandler(
    () => resumeDepsFromEnv(process.env),
    undefined,
    recordFailuresFromEnv(Topology.Queues.resumeEvents),
  );
  return fromEnv(event, context);
};
