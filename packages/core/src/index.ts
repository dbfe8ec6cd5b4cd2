export * from "./config.ts";
export * as Patterns from "./events/patterns.ts";
export * from "./workflow-run/types.ts";
export type * from "./store/run-store.ts";
