/**
 * The API functions' dependencies, built from configuration (ConfigName): the
 * same names on Lambda (set by stacks/Api.ts) and in the local runtime.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import {
  type Commands,
  ConfigName,
  createDocumentClient,
  createEventBridgeClient,
  createGlueClient,
  type Env,
  Ingest,
  required,
  Store,
} from "@glue-run-tracker/core";
import type { HandlerOptions } from "./handlers.ts";
import type { ReadDeps } from "./read-operations.ts";

/** Long enough for a healthy Glue call, short of API Gateway's 30 s integration limit. */
export const DEFAULT_GLUE_TIMEOUT_MS = 8_000;

export function apiLogger(env: Env): Logger {
  return new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME ?? "glue-run-tracker-api" });
}

function storeFrom(env: Env) {
  const retention = env[ConfigName.RunRetentionDays];
  return Store.createRunStore({
    client: createDocumentClient(env),
    tableName: required(env, ConfigName.TableName),
    paginationSecret: required(env, ConfigName.PaginationSecret),
    retentionDays: retention ? Number(retention) : undefined,
  });
}

function options(env: Env): HandlerOptions {
  const token = env[ConfigName.ApiToken];
  return { logger: apiLogger(env), apiToken: token === "" ? undefined : token };
}

/** The read function: the table only. */
export function readDepsFromEnv(env: Env = process.env): ReadDeps & HandlerOptions {
  return { store: storeFrom(env), ...options(env) };
}

/** The commands function: Glue (with a timeout), the table and the tracker bus. */
export function commandDepsFromEnv(env: Env = process.env): Commands.CommandDeps & HandlerOptions {
  const store = storeFrom(env);
  const timeout = Number(env[ConfigName.ApiGlueTimeoutMs] ?? DEFAULT_GLUE_TIMEOUT_MS);
  const publisher = Ingest.createEventBridgePublisher({
    client: createEventBridgeClient(env),
    busName: required(env, ConfigName.TrackerBusName),
  });
  const base = options(env);
  return {
    ...base,
    store,
    glue: createGlueClient(env, {
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_GLUE_TIMEOUT_MS,
    }),
    recorder: { store, publisher },
  };
}
