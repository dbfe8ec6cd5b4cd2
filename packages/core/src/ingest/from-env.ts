/**
 * Dependencies built from configuration (ConfigName), for the Lambda handlers, the
 * local runtime and the CLIs. Each reads only what it needs and names what is missing.
 */
import { createDocumentClient, createEventBridgeClient, createGlueClient, createSqsClient } from "../aws-clients.ts";
import { ConfigName, type Env, required } from "../config.ts";
import { createGlueGateway } from "../glue/gateway.ts";
import { createRunStore } from "../store/dynamo-run-store.ts";
import type { BackfillDeps } from "./backfill.ts";
import { type IngestDeps, type IngestLogger, JobRunLinks, NodeIndexCache } from "./deps.ts";
import { createDynamoCursorStore } from "./dynamo-ledgers.ts";
import { createSqsRecheckScheduler } from "./recheck.ts";
import type { ReconcileDeps } from "./reconcile.ts";
import type { RecordSnapshotDeps } from "./record-snapshot.ts";
import { createEventBridgePublisher, type TrackerEventPublisher } from "./tracker-publisher.ts";

/**
 * Ingest's store tokens never leave the tracker (the reconciler keeps them in its
 * own cursor item), so without PAGINATION_SECRET a fixed key is acceptable here;
 * the API, whose tokens users hold, requires the real secret.
 */
const INTERNAL_TOKEN_KEY = "glue-run-tracker/ingest-internal-tokens";

function storeAndLedger(env: Env) {
  const tableName = required(env, ConfigName.TableName);
  const client = createDocumentClient(env);
  const store = createRunStore({
    client,
    tableName,
    paginationSecret: env[ConfigName.PaginationSecret] || INTERNAL_TOKEN_KEY,
    retentionDays: Number(env[ConfigName.RunRetentionDays] || 0),
  });
  return { client, tableName, store };
}

function trackerPublisher(env: Env): TrackerEventPublisher {
  return createEventBridgePublisher({
    client: createEventBridgeClient(env),
    busName: required(env, ConfigName.TrackerBusName),
  });
}

/**
 * What `recordSnapshot` needs (store, tracker-bus publisher).
 *
 * @example
 * await recordSnapshot(recordSnapshotDepsFromEnv(process.env), snapshot, "command");
 */
export function recordSnapshotDepsFromEnv(env: Env = process.env): RecordSnapshotDeps {
  const { store } = storeAndLedger(env);
  return { store, publisher: trackerPublisher(env) };
}

/** The ingest handler's dependencies (adds Glue and the re-check queue). */
export function ingestDepsFromEnv(env: Env = process.env, logger?: IngestLogger): IngestDeps {
  const { store } = storeAndLedger(env);
  return {
    store,
    publisher: trackerPublisher(env),
    glue: createGlueGateway({ client: createGlueClient(env) }),
    rechecks: createSqsRecheckScheduler({
      client: createSqsClient(env),
      queueUrl: required(env, ConfigName.IngestQueueUrl),
    }),
    links: new JobRunLinks(),
    nodeIndex: new NodeIndexCache(),
    logger,
  };
}

/** The reconciler's dependencies (adds the cursor item). */
export function reconcileDepsFromEnv(env: Env = process.env, logger?: IngestLogger): ReconcileDeps {
  const { client, tableName, store } = storeAndLedger(env);
  return {
    store,
    publisher: trackerPublisher(env),
    glue: createGlueGateway({ client: createGlueClient(env) }),
    cursor: createDynamoCursorStore({ client, tableName }),
    logger,
  };
}

/**
 * Backfill's dependencies. Without TRACKER_BUS_NAME it imports only: no tracker
 * events and nothing noted as announced (a later observation announces active runs).
 */
export function backfillDepsFromEnv(
  env: Env = process.env,
  logger?: IngestLogger,
): BackfillDeps & { announcing: boolean } {
  const { store } = storeAndLedger(env);
  const glue = createGlueGateway({ client: createGlueClient(env) });
  if (!env[ConfigName.TrackerBusName]) {
    return { store, glue, publisher: { publish: async () => {} }, announce: false, logger, announcing: false };
  }
  return { store, glue, publisher: trackerPublisher(env), logger, announcing: true };
}
