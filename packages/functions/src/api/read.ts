/**
 * Lambda entry point: history reads, /openapi.json and API Gateway's `$default`
 * route. IAM: read actions on the tracker table only.
 */
import { reportLambdaMetrics } from "../shared/observability.ts";
import { checkStartupConfig } from "../shared/startup.ts";
import { readDepsFromEnv } from "./environment.ts";
import { createReadHandler } from "./read-handler.ts";

// Lambda init: a bad setting fails here, in one line, never while handling an event.
checkStartupConfig(process.env, "read");
reportLambdaMetrics("read");
export const handler = createReadHandler(readDepsFromEnv());
