/**
 * The API functions' dependencies, built from configuration (ConfigName): the
 * same names on Lambda (set by stacks/Api.ts) and in the local runtime.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import {
  type Commands,
  ConfigName,
  checkConfig,
  createDocumentClient,
  createGlueClient,
  type Env,
  Glue,
  required,
  Store,
} from "@glue-run-tracker/core";
// By subpath: the Ingest namespace would bundle all of ingest (and its SQS client).
import { recordSnapshotDepsFromEnv } from "@glue-run-tracker/core/ingest";
import type { HandlerOptions } from "./read-handler.ts";
import type { ReadDeps } from "./read-operations.ts";

import { DEFAULT_GLUE_TIMEOUT_MS } from "./settings.ts";

/** Powertools Logger; level from POWERTOOLS_LOG_LEVEL, service from POWERTOOLS_SERVICE_NAME. */
export function apiLogger(env: Env): Logger {
  return new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME ?? "glue-run-tracker-api" });
}

function storeFrom(env: Env, keys?: Store.PaginationKeys | string) {
  const { [ConfigName.RunRetentionDays]: retention } = checkConfig(env, { only: [ConfigName.RunRetentionDays] });
  return Store.createRunStore({
    client: createDocumentClient(env),
    tableName: required(env, ConfigName.TableName),
    paginationSecret: keys ?? required(env, ConfigName.PaginationSecret),
    retentionDays: retention || undefined,
  });
}

function options(env: Env): HandlerOptions {
  const token = env[ConfigName.ApiToken];
  return { logger: apiLogger(env), apiToken: token === "" ? undefined : token };
}

/**
 * The read function: the table only.
 *
 * @example
 * const handler = createReadHandler(readDepsFromEnv({ TRACKER_TABLE_NAME: "tracker", PAGINATION_SECRET: "…" }));
 */
export function readDepsFromEnv(
  env: Env = process.env,
  keys?: Store.PaginationKeys | string,
): ReadDeps & HandlerOptions {
  return { store: storeFrom(env, keys), ...options(env) };
}

/**
 * The commands function: Glue (with a timeout), and what recording a run needs —
 * the table, the tracker bus and the announcement ledger, as ingest records.
 *
 * @example
 * const handler = createCommandsHandler(commandDepsFromEnv(process.env));
 */
export function commandDepsFromEnv(env: Env = process.env): Commands.CommandDeps & HandlerOptions {
  const recorder = recordSnapshotDepsFromEnv(env);
  const { [ConfigName.ApiGlueTimeoutMs]: timeout } = checkConfig(env, { only: [ConfigName.ApiGlueTimeoutMs] });
  return {
    ...options(env),
    store: recorder.store,
    // No throttling retries: a person waits on the answer (429 tells them to retry).
    glue: Glue.createGlueGateway({
      client: createGlueClient(env, { timeoutMs: timeout ?? DEFAULT_GLUE_TIMEOUT_MS }),
      throttleRetries: 0,
    }),
    recorder,
  };
}
