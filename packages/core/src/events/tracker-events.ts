/** The tracker's own events on the tracker bus (docs/architecture.md#tracker-events). */
import type { WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import type { AutoResume, FailedNode, Outcome, RunSnapshot } from "../workflow-run/types.ts";
import { TRACKER_SOURCE, TrackerDetailType } from "./patterns.ts";

/** detail of "Glue Workflow Run State Change": exactly one per transition. */
export interface RunStateChangeDetail {
  workflowName: string;
  runId: string;
  previousRunId?: string;
  status: WorkflowRunStatus;
  previousStatus?: WorkflowRunStatus;
  outcome: Outcome;
  previousOutcome?: Outcome;
  statistics?: RunSnapshot["Statistics"];
  failedNodes: FailedNode[];
  startedOn?: string;
  completedOn?: string;
  errorMessage?: string;
  /** With outcome UNKNOWN: why the tracker closed a run Glue no longer knows (status is the last observed). */
  closedReason?: string;
  closedAt?: string;
}

/** detail of "Glue Workflow Run Resumed". */
export interface RunResumedDetail {
  workflowName: string;
  /** The failed run that was resumed. */
  runId: string;
  /** The new run Glue started. */
  resumedRunId: string;
  nodeIds: string[];
  autoResume: AutoResume;
}

/** detail of "Glue Workflow Run Resume Failed". */
export interface RunResumeFailedDetail {
  workflowName: string;
  /** The failed run the tracker tried to resume. */
  runId: string;
  nodeIds: string[];
  /** The attempt's number in the lineage. */
  attempt: number;
  /** Glue's exception name and message. */
  glueError: string;
}

/** The PutEvents entry shape (without EventBusName, which the caller sets). */
export interface TrackerEventEntry {
  Source: typeof TRACKER_SOURCE;
  DetailType: TrackerDetailType;
  Detail: string;
  Time?: Date;
}

export function runStateChangeEntry(detail: RunStateChangeDetail): TrackerEventEntry {
  return { Source: TRACKER_SOURCE, DetailType: TrackerDetailType.RunStateChange, Detail: JSON.stringify(detail) };
}

export function runResumedEntry(detail: RunResumedDetail): TrackerEventEntry {
  return { Source: TRACKER_SOURCE, DetailType: TrackerDetailType.RunResumed, Detail: JSON.stringify(detail) };
}

export function runResumeFailedEntry(detail: RunResumeFailedDetail): TrackerEventEntry {
  return { Source: TRACKER_SOURCE, DetailType: TrackerDetailType.RunResumeFailed, Detail: JSON.stringify(detail) };
}
