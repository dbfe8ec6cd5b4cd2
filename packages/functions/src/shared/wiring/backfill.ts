/** The backfill CLI's wiring (not a function: it runs with the operator's credentials). */
import { ConfigName, type Env } from "@glue-run-tracker/core";
import type { BackfillDeps, IngestLogger } from "@glue-run-tracker/core/ingest";
import { glueFor, recorder, runStore, wiringFor } from "./builders.ts";

/**
 * Without TRACKER_BUS_NAME it imports only: no tracker events, and nothing recorded as
 * announced (`announce: false`), so a later observation announces active runs.
 *
 * @example
 * const deps = backfillDepsFromEnv(process.env);
 * await Ingest.backfill(deps, { all: true });
 */
export function backfillDepsFromEnv(
  env: Env = process.env,
  logger?: IngestLogger,
): BackfillDeps & { announcing: boolean } {
  const w = wiringFor(env, "backfill");
  const glue = glueFor(w, "backfill");
  if (w.config[ConfigName.TrackerBusName] === undefined) {
    return {
      store: runStore(w),
      glue,
      publisher: { publish: async () => {} },
      announce: false,
      logger,
      announcing: false,
    };
  }
  return { ...recorder(w), glue, logger, announcing: true };
}
