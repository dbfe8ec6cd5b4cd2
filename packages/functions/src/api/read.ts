/**
 * Lambda entry point: history reads, /openapi.json and API Gateway's `$default`
 * route. IAM: read actions on the tracker table, and reading the pagination secret.
 */
import { paginationKeysFromEnv } from "../shared/pagination-keys.ts";
import { readDepsFromEnv } from "./environment.ts";
import { createReadHandler } from "./read-handler.ts";

// Cold start: the pagination keys are read once from Secrets Manager (top-level await, during init).
export const handler = createReadHandler(readDepsFromEnv(process.env, await paginationKeysFromEnv(process.env)));
