/**
 * Reconciler function (scheduled): bounded work per invocation, resuming from the
 * cursor stored in the table. See core's Ingest.reconcile.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { Ingest, Metric, recordMetric } from "@glue-run-tracker/core";
import middy from "@middy/core";
import type { Context, ScheduledEvent } from "aws-lambda";
import { type DepsSource, lazy } from "../shared/deps.ts";
import { reportLambdaMetrics } from "../shared/observability.ts";
import { checkStartupConfig } from "../shared/startup.ts";
import { traceAwsClients } from "../shared/tracing.ts";

/**
 * @example
 * const handler = createReconcilerHandler({ store, glue, publisher, cursor }, { maxGlueCalls: 50 });
 * const report = await handler(scheduledEvent, context);
 */
export function createReconcilerHandler(
  deps: DepsSource<Ingest.ReconcileDeps>,
  options: Ingest.ReconcileOptions = {},
  logger: Logger = new Logger({ serviceName: "reconciler" }),
) {
  const resolved = lazy(deps);
  return middy<ScheduledEvent, Ingest.ReconcileReport, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async () => {
      const report = await Ingest.reconcile(await resolved(), options);
      // Runs Glue has that the tracker follows or had to record itself: with no event ingested
      // meanwhile, the "no event ingested" alarm fires (events are not reaching the tracker).
      recordMetric(Metric.GlueRunsSeen, report.activeRunsChecked + report.runsRecorded);
      logger.info("reconciled", { ...report });
      return report;
    });
}

// Lambda init: a bad setting fails here, in one line, never while handling an event.
checkStartupConfig(process.env, "reconciler");

let fromEnv: ReturnType<typeof createReconcilerHandler> | undefined;

/** The Lambda entry point: dependencies from the environment, built on the first event. */
export const handler = (event: ScheduledEvent, context: Context) => {
  if (!fromEnv) {
    reportLambdaMetrics("reconciler");
    traceAwsClients("reconciler");
    const logger = new Logger({ serviceName: "reconciler" });
    fromEnv = createReconcilerHandler(() => Ingest.reconcileDepsFromEnv(process.env, logger), {}, logger);
  }
  return fromEnv(event, context);
};
