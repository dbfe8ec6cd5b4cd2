/** What GET /workflows/{name}/stats serves, and what overdue and the digest read (RunStore.getWorkflowStats). */
import type { DurationSummary } from "./sketch.ts";

export type { DurationSummary } from "./sketch.ts";

/** Terminal runs by Outcome. UNKNOWN: closed by the tracker after Glue forgot the run. */
export interface OutcomeCounts {
  runs: number;
  succeeded: number;
  failed: number;
  stopped: number;
  errored: number;
  unknown: number;
  /** (failed + errored) / runs; absent when there were no runs. */
  failureRate?: number;
}

export interface AutoResumeStats {
  /** Runs the tracker started by resuming a failed run (ResumeWorkflowRun), that have ended. */
  count: number;
  succeeded: number;
  /** succeeded / count; absent when count is 0. */
  successRate?: number;
}

export interface CostTotal {
  amount: number;
  /** Absent until a run with a Cost was counted. */
  currency?: string;
  dpuSeconds: number;
}

export interface DayStats extends OutcomeCounts {
  /** yyyy-mm-dd (UTC) of the runs' StartedOn. */
  day: string;
  autoResumes: AutoResumeStats;
  duration: DurationSummary;
  successfulDuration: DurationSummary;
  cost: CostTotal;
}

export const NodeKindName = { Job: "JOB", Crawler: "CRAWLER" } as const;
export type NodeKindName = (typeof NodeKindName)[keyof typeof NodeKindName];

/** A job or crawler of the workflow: its last attempt in each counted run. */
export interface NodeStats extends OutcomeCounts {
  type: NodeKindName;
  name: string;
  duration: DurationSummary;
}

export interface WorkflowStats extends OutcomeCounts {
  workflowName: string;
  /** First and last day of the window (yyyy-mm-dd, UTC, inclusive). */
  since: string;
  until: string;
  autoResumes: AutoResumeStats;
  /** Every counted run with a StartedOn and CompletedOn. */
  duration: DurationSummary;
  /** Succeeded runs only: the baseline "usual duration" (overdue uses p95 and count). */
  successfulDuration: DurationSummary;
  cost: CostTotal;
  /** Days with at least one counted run, oldest first. */
  days: DayStats[];
  /** Jobs and crawlers, by name. */
  nodes: NodeStats[];
}

/** A stats window: whole UTC days, inclusive. */
export interface StatsWindow {
  /** yyyy-mm-dd */
  since: string;
  /** yyyy-mm-dd */
  until: string;
}
