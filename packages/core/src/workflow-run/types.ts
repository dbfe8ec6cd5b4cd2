import type { WorkflowRun } from "@glue-run-tracker/glue-model";
import type { RunCost } from "../insights/cost.ts";

/** The truth Glue's `Status` hides: COMPLETED runs can have failed actions. */
export const Outcome = {
  RUNNING: "RUNNING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  STOPPED: "STOPPED",
  ERROR: "ERROR",
  /**
   * Glue no longer knows the run (it answered EntityNotFound on reads minutes apart,
   * or the workflow was deleted): the tracker closed it without knowing how it ended.
   * Status stays as last observed; ClosedReason says why (docs/decisions/reliability-unknown-runs.md).
   */
  UNKNOWN: "UNKNOWN",
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

export const ObservedVia = {
  Event: "event",
  Recheck: "recheck",
  Reconcile: "reconcile",
  Backfill: "backfill",
  Command: "command",
} as const;
export type ObservedVia = (typeof ObservedVia)[keyof typeof ObservedVia];

export const ResumeDecision = {
  Resumed: "resumed",
  NotTransient: "not transient",
  Exhausted: "exhausted",
  Disabled: "disabled",
  /** Decided "resumed", but Glue refused ResumeWorkflowRun for good (the Reason says why). */
  Failed: "failed",
} as const;
export type ResumeDecision = (typeof ResumeDecision)[keyof typeof ResumeDecision];

/** Dates become ISO-8601 UTC strings: the shape stored, served and emitted. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** A WorkflowRun with ISO-string timestamps (graph included). */
export type RunSnapshot = Jsonified<WorkflowRun>;

export interface FailedNode {
  NodeId: string;
  Type: "JOB" | "CRAWLER";
  Name: string;
  /** JobRunState or CrawlState of the node's last attempt in the run. */
  State: string;
  ErrorMessage?: string;
}

export interface AutoResume {
  /** Resume attempts made so far in this run's lineage (including this run's own). */
  Attempts: number;
  LastAttemptAt?: string;
  Decision?: ResumeDecision;
  /** Why the decision was taken, in a sentence (shown in alerts). */
  Reason?: string;
}

/**
 * What the tracker serves for one workflow run. WorkflowRunProperties are stored but
 * never part of the read model (they may hold secrets): only the properties route
 * serves them (RunStore.getRunProperties, docs/decisions/security-run-properties.md).
 */
export interface TrackedRun extends Omit<RunSnapshot, "WorkflowRunProperties"> {
  Name: string;
  WorkflowRunId: string;
  Outcome: Outcome;
  FailedNodes: FailedNode[];
  ResumedAs?: string[];
  AutoResume?: AutoResume;
  FirstSeenAt: string;
  LastObservedAt: string;
  ObservedVia: ObservedVia;
  /** Set with Outcome UNKNOWN: why the tracker closed the run, and when. */
  ClosedReason?: string;
  ClosedAt?: string;
  /** The run's Glue cost, from the last graph stored (insights/cost.ts). */
  Cost?: RunCost;
  /** Set once the run was announced overdue (docs/decisions/insights-overdue-and-missed.md). */
  Overdue?: RunOverdueMark;
  /** Where the run lives: set by a store built for an account (docs/decisions/accounts-run-identity.md). */
  AccountId?: string;
  Region?: string;
}

/** What the tracker recorded when it announced a run overdue, and when it announced its end. */
export interface RunOverdueMark {
  AnnouncedAt: string;
  LimitSeconds: number;
  LimitSource: "configured" | "baseline";
  UsualSeconds?: number;
  /** When the "finished after …" alert was published. */
  EndAnnouncedAt?: string;
}
