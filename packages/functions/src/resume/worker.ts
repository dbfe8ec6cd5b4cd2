/**
 * Resume worker: delayed messages from the resume queue → ResumeWorkflowRun on
 * Glue, lineage, "Glue Workflow Run Resumed", and the new run's first snapshot.
 * Only errors before the Glue call succeeded are retried (see core's worker).
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Metric, Resume, recordMetric, Topology } from "@glue-run-tracker/core";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { type DepsSource, describeError, lazy } from "../shared/deps.ts";
import { reportLambdaMetrics } from "../shared/observability.ts";
import { type RecordFailures, recordFailuresFromEnv, sqsBatchHandler } from "../shared/sqs-batch.ts";
import { checkStartupConfig } from "../shared/startup.ts";
import { traceAwsClients } from "../shared/tracing.ts";
import { resumeWorkerDepsFromEnv } from "../shared/wiring/resume-worker.ts";

/**
 * @example
 * const handler = createResumeWorkerHandler({ store, glue, publisher, recordRun, queue });
 */
export function createResumeWorkerHandler(
  deps: DepsSource<Resume.ResumeWorkerDeps>,
  logger = new Logger({ serviceName: "resume-worker" }),
  failures: RecordFailures = { queue: Topology.Queues.resume },
) {
  const resolved = lazy(deps);

  async function onRecord(record: SQSRecord): Promise<void> {
    let where: Record<string, unknown> = { messageId: record.messageId };
    try {
      const worker = await resolved();
      const request = Resume.parseResumeRequest(record.body);
      where = {
        ...where,
        workflowName: request.workflowName,
        runId: request.runId,
        attempt: request.attempt,
        ...(request.accountId ? { accountId: request.accountId, region: request.region } : {}),
      };
      const outcome = await Resume.performResume(worker, request);
      recordMetric(Metric.ResumeAttempts, 1, { Step: "attempt", Decision: outcome.result });
      if (outcome.result === Resume.ResumeAttemptResult.UnknownAccount) {
        logger.warn("resume dropped: the account is not tracked (TRACKER_MEMBER_ACCOUNTS)", where);
        return;
      }
      logger.info(`resume ${outcome.result}`, { ...where, resumedRunId: outcome.resumedRunId });
      for (const { step, error } of outcome.followUpErrors) {
        logger.error(`resumed, but ${step} failed (not retried: a retry would resume twice)`, {
          ...where,
          resumedRunId: outcome.resumedRunId,
          error: describeError(error),
        });
      }
    } catch (error) {
      logger.error("resume attempt failed; the message will be retried", { ...where, error: describeError(error) });
      throw error;
    }
  }

  return sqsBatchHandler(logger, onRecord, failures);
}

// Lambda init: a bad setting fails here, in one line, never while handling an event.
checkStartupConfig(process.env, "resumeWorker");

let fromEnv: ReturnType<typeof createResumeWorkerHandler> | undefined;

/** The Lambda entry point: dependencies from the environment, built on the first event. */
export const handler = (event: SQSEvent, context: Context) => {
  if (!fromEnv) {
    reportLambdaMetrics("resume-worker");
    traceAwsClients("resume-worker");
  }
  fromEnv ??= createResumeWorkerHandler(
    () => resumeWorkerDepsFromEnv(process.env),
    undefined,
    recordFailuresFromEnv(Topology.Queues.resume),
  );
  return fromEnv(event, context);
};
