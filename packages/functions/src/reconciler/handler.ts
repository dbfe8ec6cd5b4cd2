/**
 * Reconciler function (scheduled): bounded work per invocation and tracked account,
 * resuming from each account's cursor stored in the table (docs/decisions/accounts-flows.md). See core's Ingest.reconcile. Then, as its own step, the
 * overdue and missed checks (core's Insights.watchRuns), from stored data only.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { type Accounts, Ingest, Insights, Metric, recordMetric } from "@glue-run-tracker/core";
import middy from "@middy/core";
import type { Context, ScheduledEvent } from "aws-lambda";
import { type DepsSource, describeError, lazy } from "../shared/deps.ts";
import { reportLambdaMetrics } from "../shared/observability.ts";
import { checkStartupConfig } from "../shared/startup.ts";
import { traceAwsClients } from "../shared/tracing.ts";
import { reconcileDepsFromEnv, runWatchDepsFromEnv } from "../shared/wiring/reconciler.ts";

/**
 * @example
 * const handler = createReconcilerHandler({ store, glue, publisher, cursor }, { maxGlueCalls: 50 });
 * const report = await handler(scheduledEvent, context);
 */
export function createReconcilerHandler(
  deps: DepsSource<Ingest.AccountsReconcileDeps>,
  options: Ingest.ReconcileOptions = {},
  logger: Logger = new Logger({ serviceName: "reconciler" }),
  /** The overdue and missed checks' dependencies; without them the step is skipped. */
  watch?: DepsSource<Insights.RunWatchDeps & { accounts?: Accounts.PerAccount<Insights.RunWatchDeps> }>,
) {
  const resolved = lazy(deps);
  const watchDeps = watch ? lazy(watch) : undefined;
  return middy<ScheduledEvent, ReconcilerReport, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async () => {
      // Every tracked account, each with its own budget; one that fails is reported and skipped.
      const report: ReconcilerReport = await Ingest.reconcileAcrossAccounts(await resolved(), options);
      notReconciled(logger, "reconcile", report.failedAccounts);
      // Runs Glue has that the tracker follows or had to record itself: with no event ingested
      // meanwhile, the "no event ingested" alarm fires (events are not reaching the tracker).
      recordMetric(Metric.GlueRunsSeen, report.activeRunsChecked + report.runsRecorded);
      logger.info("reconciled", { ...report });
      if (watchDeps) {
        // Its own step: a failure here is logged and retried by the next schedule (claims keep
        // it exactly-once), and never undoes the reconcile that already ran.
        try {
          report.watch = await Insights.watchRunsAcrossAccounts(await watchDeps());
          notReconciled(logger, "overdue and missed check", report.watch.failedAccounts);
          logger.info("overdue and missed runs checked", { ...report.watch });
        } catch (error) {
          logger.error("overdue and missed check failed; the next run retries it", { error: describeError(error) });
        }
      }
      return report;
    });
}

export type ReconcilerReport = Ingest.AccountsReconcileReport & {
  watch?: Insights.RunWatchReport & { failedAccounts: Accounts.AccountFailure[] };
};

/** An account not swept (e.g. AccessDenied: its member stack is not deployed): logged and counted, never fatal. */
function notReconciled(logger: Logger, step: string, failures: readonly Accounts.AccountFailure[]): void {
  for (const failure of failures) {
    recordMetric(Metric.AccountsNotReconciled, 1);
    logger.error(`${step} skipped an account: its Glue or store failed`, { ...failure });
  }
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
    fromEnv = createReconcilerHandler(
      () => reconcileDepsFromEnv(process.env, logger),
      {},
      logger,
      () => runWatchDepsFromEnv(process.env, logger),
    );
  }
  return fromEnv(event, context);
};
