/**
 * Daily digest function (scheduled by EventBridge Scheduler at DIGEST_HOUR in
 * DIGEST_TIME_ZONE): one summary of the day to Slack and SNS. See core's
 * Insights.Digest and docs/decisions/insights-daily-digest.md.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { Digest } from "@glue-run-tracker/core";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { type DepsSource, lazy } from "../shared/deps.ts";
import { reportLambdaMetrics } from "../shared/observability.ts";
import { checkStartupConfig } from "../shared/startup.ts";
import { traceAwsClients } from "../shared/tracing.ts";
import { type DigestHandlerDeps, digestDepsFromEnv } from "../shared/wiring/digest.ts";

export interface DigestReport {
  period: { start: string; end: string; label: string };
  workflows: number;
  channels: string[];
}

/**
 * @example
 * const handler = createDigestHandler({ digest: { store, marks, ledger, publishers }, schedule: { timeZone: "UTC", hour: 8 } });
 * const report = await handler({}, context);
 */
export function createDigestHandler(
  deps: DepsSource<DigestHandlerDeps>,
  logger: Logger = new Logger({ serviceName: "digest" }),
) {
  const resolved = lazy(deps);
  return middy<unknown, DigestReport, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async () => {
      const { digest, schedule } = await resolved();
      const result = await Digest.sendDigest(digest, schedule);
      const report = {
        period: result.digest.current,
        workflows: result.digest.workflows.length,
        channels: result.channels,
      };
      logger.info("digest sent", { ...report });
      return report;
    });
}

// Lambda init: a bad setting fails here, in one line, never while handling an event.
checkStartupConfig(process.env, "digest");

let fromEnv: ReturnType<typeof createDigestHandler> | undefined;

/** The Lambda entry point: dependencies from the environment, built on the first event. */
export const handler = (event: unknown, context: Context) => {
  if (!fromEnv) {
    reportLambdaMetrics("digest");
    traceAwsClients("digest");
    const logger = new Logger({ serviceName: "digest" });
    fromEnv = createDigestHandler(() => digestDepsFromEnv(process.env, logger), logger);
  }
  return fromEnv(event, context);
};
