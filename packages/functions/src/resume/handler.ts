/**
 * Resume function: a run's FAILED transition (from its SQS queue) → the auto-resume
 * decision stored on the run, and for a transient failure a delayed message on the
 * resume queue. Failed records are retried by SQS, then dead-lettered.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { Resume } from "@glue-run-tracker/core";
import middy from "@middy/core";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { type DepsSource, describeError, lazyDeps } from "../alerts/lazy-deps.ts";
import { parseStateChange } from "../alerts/tracker-event.ts";
import { resumeDepsFromEnv } from "./deps.ts";

export interface ResumeHandlerDeps {
  resume: Resume.FailedRunDeps;
}

/**
 * @example
 * const handler = createResumeHandler({ resume: { store, queue, policy } });
 */
export function createResumeHandler(
  deps: DepsSource<ResumeHandlerDeps>,
  logger = new Logger({ serviceName: "resume" }),
) {
  const resolved = lazyDeps(deps);

  async function onRecord(record: SQSRecord): Promise<void> {
    let where: Record<string, unknown> = { messageId: record.messageId };
    try {
      const { resume } = await resolved();
      const detail = parseStateChange(record.body);
      where = { ...where, workflowName: detail.workflowName, runId: detail.runId };
      const { result, verdict } = await Resume.onFailedRun(resume, detail);
      logger.info(`auto-resume ${verdict.decision} (${result})`, { ...where, reason: verdict.reason });
    } catch (error) {
      logger.error("auto-resume decision failed; the message will be retried", {
        ...where,
        error: describeError(error),
      });
      throw error;
    }
  }

  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler((event, context) =>
      processPartialResponse(event, onRecord, new BatchProcessor(EventType.SQS), {
        context,
        throwOnFullBatchFailure: false,
      }),
    );
}

let fromEnv: ReturnType<typeof createResumeHandler> | undefined;

/** The Lambda entry point: dependencies from the environment, built on the first event. */
export const handler = (event: SQSEvent, context: Context) => {
  fromEnv ??= createResumeHandler(() => resumeDepsFromEnv(process.env));
  return fromEnv(event, context);
};
