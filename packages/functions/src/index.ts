/**
 * The handler factories and their env-based dependency builders, for the local
 * runtime and tests. Lambda uses each file's `handler` export instead.
 */
export { createAlertsHandler } from "./alerts/handler.ts";
export * as Api from "./api/index.ts";
export { createDigestHandler } from "./digest/handler.ts";
export { createIngestHandler } from "./ingest/handler.ts";
export { createReconcilerHandler } from "./reconciler/handler.ts";
export { createResumeHandler } from "./resume/handler.ts";
export { createResumeWorkerHandler } from "./resume/worker.ts";
export { type RecordFailures, recordFailuresFromEnv } from "./shared/sqs-batch.ts";
// Each function's dependencies from the environment (docs/decisions/functions-wiring.md).
export { alertsDepsFromEnv } from "./shared/wiring/alerts.ts";
export { backfillDepsFromEnv } from "./shared/wiring/backfill.ts";
export { commandDepsFromEnv } from "./shared/wiring/commands.ts";
export { digestDepsFromEnv } from "./shared/wiring/digest.ts";
export { ingestDepsFromEnv } from "./shared/wiring/ingest.ts";
export { readDepsFromEnv } from "./shared/wiring/read.ts";
export { reconcileDepsFromEnv, runWatchDepsFromEnv } from "./shared/wiring/reconciler.ts";
export { resumeDepsFromEnv } from "./shared/wiring/resume.ts";
export { resumeWorkerDepsFromEnv } from "./shared/wiring/resume-worker.ts";
