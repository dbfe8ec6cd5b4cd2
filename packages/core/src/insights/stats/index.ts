/**
 * Duration and reliability statistics (issue 14, part 1): what one ended run adds
 * to its day (contribution), how a day item stores it (layout), and how days merge
 * into a window's figures (summarize). Pure; the store part is store/workflow-stats.ts.
 */
export { type RunContribution, runContribution, utcDay } from "./contribution.ts";
export { type CountStoredRunsReport, countStoredRuns } from "./count-stored-runs.ts";
export { type DayAggregate, readDayItem } from "./layout.ts";
export { readWorkflowStats } from "./read.ts";
export { DURATION_RELATIVE_ACCURACY, durationBin, summarizeBins } from "./sketch.ts";
export { summarizeDays } from "./summarize.ts";
export type * from "./types.ts";
export { NodeKindName } from "./types.ts";
export { DEFAULT_STATS_WINDOW_DAYS, MAX_STATS_WINDOW_DAYS, statsWindow, windowDays } from "./window.ts";
