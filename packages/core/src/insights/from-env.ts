/**
 * The overdue and missed checks' dependencies from configuration (ConfigName): the
 * run store, its overdue marks and the tracker-bus publisher, as the reconciler has
 * them (docs/decisions/insights-overdue-and-missed.md).
 */
import { createDocumentClient, createEventBridgeClient } from "../aws-clients.ts";
import { ConfigName, type Env, required } from "../config.ts";
import { createEventBridgePublisher } from "../ingest/tracker-publisher.ts";
import { createRunStore } from "../store/dynamo-run-store.ts";
import { createOverdueMarks } from "../store/overdue-marks.ts";
import type { RunWatchDeps } from "./run-watch.ts";
import { insightsFromStore } from "./workflow-insights-source.ts";

/** Page tokens of these reads never leave the process: a fixed key is enough without PAGINATION_SECRET. */
const INTERNAL_TOKEN_KEY = "glue-run-tracker/insights-internal-tokens";

/**
 * @example
 * const report = await watchRuns(runWatchDepsFromEnv(process.env, logger));
 */
export function runWatchDepsFromEnv(env: Env = process.env, logger?: RunWatchDeps["logger"]): RunWatchDeps {
  const tableName = required(env, ConfigName.TableName);
  const client = createDocumentClient(env);
  const store = createRunStore({
    client,
    tableName,
    paginationSecret: env[ConfigName.PaginationSecret] || INTERNAL_TOKEN_KEY,
  });
  return {
    store,
    insights: insightsFromStore(store),
    marks: createOverdueMarks({ client, tableName }),
    publisher: createEventBridgePublisher({
      client: createEventBridgeClient(env),
      busName: required(env, ConfigName.TrackerBusName),
    }),
    logger,
  };
}
