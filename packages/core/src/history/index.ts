/**
 * History: the reads behind the tracker API. Plain functions over a RunStore; no
 * HTTP, no Lambda.
 */
export * from "./runs.ts";
export * from "./workflows.ts";
