/** The reconciler's wiring: the recorder, Glue's discovery reads (counted: its budget), the cursor item. */
import { ConfigName, type Env } from "@glue-run-tracker/core";
import { createDynamoCursorStore, type IngestLogger, type ReconcileDeps } from "@glue-run-tracker/core/ingest";
import { glueFor, need, recorder, wiringFor } from "./builders.ts";

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
