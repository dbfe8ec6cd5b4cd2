export * as Digest from "./digest/index.ts";
export * from "./from-env.ts";
export * from "./glue-schedule.ts";
export * from "./missed.ts";
export * from "./overdue.ts";
export * from "./run-watch.ts";
export * from "./workflow-insights-source.ts";
