/**
 * The handler factories and their env-based dependency builders, for the local
 * runtime and tests. Lambda uses each file's `handler` export instead.
 */
export { alertsDepsFromEnv } from "./alerts/deps.ts";
export { createAlertsHandler } from "./alerts/handler.ts";
export { commandDepsFromEnv, readDepsFromEnv } from "./api/environment.ts";
export * as Api from "./api/index.ts";
export { digestDepsFromEnv } from "./digest/deps.ts";
export { createDigestHandler } from "./digest/handler.ts";
export { createIngestHandler } from "./ingest/handler.ts";
export { createReconcilerHandler } from "./reconciler/handler.ts";
export { resumeDepsFromEnv, resumeWorkerDepsFromEnv } from "./resume/deps.ts";
export { createResumeHandler } from "./resume/handler.ts";
export { createResumeWorkerHandler } from "./resume/worker.ts";
export { type RecordFailures, recordFailuresFromEnv } from "./shared/sqs-batch.ts";
