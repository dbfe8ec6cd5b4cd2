/**
 * Lambda entry point: history reads, /openapi.json and API Gateway's `$default`
 * route. IAM: read actions on the tracker table, and reading the pagination secret.
 */
import { reportLambdaMetrics } from "../shared/observability.ts";
import { paginationKeysFromEnv } from "../shared/pagination-keys.ts";
import { checkStartupConfig } from "../shared/startup.ts";
import { readDepsFromEnv } from "../shared/wiring/read.ts";
import { createReadHandler } from "./read-handler.ts";

// Lambda init: a bad setting fails here, in one line, never while handling an event.
checkStartupConfig(process.env, "read");
reportLambdaMetrics("read");
// Cold start: the pagination keys are read once from Secrets Manager (top-level await, during init).
export const handler = createReadHandler(readDepsFromEnv(process.env, await paginationKeysFromEnv(process.env)));
