/**
 * Where the overdue and missed checks read a workflow's settings and statistics: the
 * store's (RunStore.getWorkflowSettings, defaults applied; RunStore.getWorkflowStats),
 * through one seam that tests replace with fixed values.
 */
import type { RunStore } from "../store/run-store.ts";
import type { WorkflowSettings } from "./settings.ts";
import type { WorkflowStats } from "./stats/types.ts";

/** The part of WorkflowStats the checks read (the successful runs' durations, seconds). */
export type WorkflowStatsView = Pick<WorkflowStats, "successfulDuration">;

export interface WorkflowInsightsSource {
  settings(workflowName: string): Promise<WorkflowSettings>;
  /** undefined when no statistics are kept. */
  stats(workflowName: string, window: { since: string; until: string }): Promise<WorkflowStatsView | undefined>;
}

/**
 * @example
 * const source = insightsFromStore(store);
 * const settings = await source.settings("nightly-etl"); // { overdueFactor: 1.5, … }
 */
export function insightsFromStore(
  store: Pick<RunStore, "getWorkflowSettings" | "getWorkflowStats">,
): WorkflowInsightsSource {
  return {
    settings: (name) => store.getWorkflowSettings(name),
    stats: (name, window) => store.getWorkflowStats(name, window),
  };
}
