/**
 * Lambda entry point: history reads, /openapi.json and API Gateway's `$default`
 * route. IAM: read actions on the tracker table only.
 */
import { readDepsFromEnv } from "./environment.ts";
import { createReadHandler } from "./read-handler.ts";

export const handler = createReadHandler(readDepsFromEnv());
