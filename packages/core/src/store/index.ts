export { createRunStore, type RunStoreOptions } from "./dynamo-run-store.ts";
export { type AccountKeys, keysFor } from "./keys.ts";
export { createOverdueMarks, type MissedSlotRecord, type OverdueMarks, type WatchedRun } from "./overdue-marks.ts";
export { MAX_RESULTS, type PaginationKeys } from "./pagination.ts";
export type * from "./run-store.ts";
export { RUNNING_TIMELINE_GRACE_DAYS } from "./snapshot-writer.ts";
export { createTableInput, ensureTable, IndexName, KeyAttribute, TrackerTable } from "./table.ts";
