/**
 * The reconciler's wiring: the recorder, Glue's discovery reads (counted: its budget), the cursor
 * item; and what its overdue and missed checks need.
 */
import { ConfigName, type Env, Insights, type RunStore, Store } from "@glue-run-tracker/core";
import { createDynamoCursorStore, type IngestLogger, type ReconcileDeps } from "@glue-run-tracker/core/ingest";
import { glueFor, need, publisher, recorder, runStore, wiringFor } from "./builders.ts";

/**
 * @example
 * const handler = createReconcilerHandler(() => reconcileDepsFromEnv(process.env, logger));
 */
export function reconcileDepsFromEnv(env: Env = process.env, logger?: IngestLogger): ReconcileDeps {
  const w = wiringFor(env, "reconciler");
  return {
    ...recorder(w),
    glue: glueFor(w, "reconciler"),
    cursor: createDynamoCursorStore({ client: w.dynamo(), tableName: need(w, ConfigName.TableName) }),
    logger,
  };
}

/**
 * The overdue and missed checks the reconciler runs after reconciling: the run store, its
 * overdue marks and the tracker-bus publisher (docs/decisions/insights-overdue-and-missed.md).
 *
 * @example
 * const report = await Insights.watchRuns(runWatchDepsFromEnv(process.env, logger));
 */
export function runWatchDepsFromEnv(
  env: Env = process.env,
  logger?: Insights.RunWatchDeps["logger"],
): Insights.RunWatchDeps & { store: RunStore } {
  const w = wiringFor(env, "reconciler");
  const store = runStore(w);
  return {
    store,
    insights: Insights.insightsFromStore(store),
    marks: Store.createOverdueMarks({ client: w.dynamo(), tableName: need(w, ConfigName.TableName) }),
    publisher: publisher(w),
    logger,
  };
}
