/**
 * EventBridge event patterns, defined once: the stacks deploy them as rules and the
 * local bus matches them with the same semantics.
 */
import { GLUE_SOURCE, GlueDetailType } from "@glue-run-tracker/glue-model";

// Glue's own vocabulary lives in glue-model (glue-local emits it too); re-exported as Events.*.
export { GLUE_SOURCE, GlueDetailType };
export const TRACKER_SOURCE = "glue-run-tracker";

export const TrackerDetailType = {
  RunStateChange: "Glue Workflow Run State Change",
  RunResumed: "Glue Workflow Run Resumed",
  /** Auto-resume was decided, but Glue refused ResumeWorkflowRun for good. */
  RunResumeFailed: "Glue Workflow Run Resume Failed",
  /** A run still RUNNING past its workflow's limit, and (detail.ended) that run's end (docs/decisions/insights-overdue-and-missed.md). */
  RunOverdue: "Glue Workflow Run Overdue",
  /** A SCHEDULED workflow did not start within its slot + grace. */
  RunMissed: "Glue Workflow Run Missed",
} as const;
export type TrackerDetailType = (typeof TrackerDetailType)[keyof typeof TrackerDetailType];

/** An EventBridge pattern (the subset of the pattern language the tracker uses). */
export type EventPattern = Record<string, unknown>;

/** Glue events the ingest queue receives (default bus). */
export const glueStateChangePattern: EventPattern = {
  source: [GLUE_SOURCE],
  "detail-type": [GlueDetailType.JobStateChange, GlueDetailType.JobRunStatus, GlueDetailType.CrawlerStateChange],
};

/** Tracker run transitions that need an alert (STOPPED only when configured). */
export function failedRunPattern(options: { includeStopped: boolean }): EventPattern {
  return {
    source: [TRACKER_SOURCE],
    "detail-type": [TrackerDetailType.RunStateChange],
    detail: { outcome: options.includeStopped ? ["FAILED", "ERROR", "STOPPED"] : ["FAILED", "ERROR"] },
  };
}

/** Transitions the alerts function also watches: a resumed lineage ending SUCCEEDED ("recovered"). */
export const recoveredRunPattern: EventPattern = {
  source: [TRACKER_SOURCE],
  "detail-type": [TrackerDetailType.RunStateChange],
  detail: { outcome: ["SUCCEEDED"], previousRunId: [{ exists: true }] },
};

/** Auto-resumes Glue refused: the alerts function says so (the failure alert promised a resume). */
export const resumeFailedPattern: EventPattern = {
  source: [TRACKER_SOURCE],
  "detail-type": [TrackerDetailType.RunResumeFailed],
};

/** Runs the tracker closed because Glue no longer knows them (Outcome UNKNOWN): the alerts function says so. */
export const closedRunPattern: EventPattern = {
  source: [TRACKER_SOURCE],
  "detail-type": [TrackerDetailType.RunStateChange],
  detail: { outcome: ["UNKNOWN"] },
};

/** Transitions the resume function considers. */
export const resumeCandidatePattern: EventPattern = {
  source: [TRACKER_SOURCE],
  "detail-type": [TrackerDetailType.RunStateChange],
  detail: { status: ["COMPLETED"], outcome: ["FAILED"] },
};

/** Overdue runs and their end → alerts. */
export const overdueRunPattern: EventPattern = {
  source: [TRACKER_SOURCE],
  "detail-type": [TrackerDetailType.RunOverdue],
};

/** Scheduled slots with no run → alerts. */
export const missedRunPattern: EventPattern = {
  source: [TRACKER_SOURCE],
  "detail-type": [TrackerDetailType.RunMissed],
};
