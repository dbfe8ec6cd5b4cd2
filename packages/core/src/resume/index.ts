export * from "./decide.ts";
export * from "./errors.ts";
export * from "./lineage.ts";
export * from "./on-failed-run.ts";
export * from "./policy.ts";
export * from "./resume-queue.ts";
export * from "./run-locks.ts";
export * from "./worker.ts";
