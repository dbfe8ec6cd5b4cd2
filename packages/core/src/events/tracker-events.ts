/**
 * The tracker's own events on the tracker bus (docs/architecture.md#tracker-events), defined once:
 * these zod schemas are the contract, the TypeScript types are inferred from them, and the
 * functions that consume the events parse with the same schemas
 * (docs/decisions/consolidation-events-contract.md).
 */
import { NodeType, type WorkflowRunStatistics, WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import * as z from "zod";
import { ACCOUNT_ID, REGION } from "../accounts/account.ts";
import { type AutoResume, type FailedNode, Outcome, ResumeDecision } from "../workflow-run/types.ts";
import { TRACKER_SOURCE, TrackerDetailType } from "./patterns.ts";

// FailedNode and AutoResume belong to the run model (stored items); the annotations make the
// compiler check these schemas against it.
const failedNodeSchema: z.ZodType<FailedNode> = z.object({
  NodeId: z.string(),
  Type: z.enum([NodeType.JOB, NodeType.CRAWLER]),
  Name: z.string(),
  State: z.string(),
  ErrorMessage: z.string().optional(),
});

const autoResumeSchema: z.ZodType<AutoResume> = z.object({
  Attempts: z.number().int().nonnegative(),
  LastAttemptAt: z.string().optional(),
  Decision: z.enum(ResumeDecision).optional(),
  Reason: z.string().optional(),
});

const count = z.number().int().nonnegative().optional();
// Counters Glue may add later are dropped, not refused.
const statisticsSchema: z.ZodType<WorkflowRunStatistics> = z.object({
  TotalActions: count,
  TimeoutActions: count,
  FailedActions: count,
  StoppedActions: count,
  SucceededActions: count,
  RunningActions: count,
  ErroredActions: count,
  WaitingActions: count,
});

const status = z.enum(WorkflowRunStatus);
const outcome = z.enum(Outcome);
const name = z.string().min(1);

/**
 * Where the run lives (docs/decisions/accounts-flows.md): optional, since events already
 * on the bus without them — and every event of a single-account tracker — are the home account's.
 */
const where = {
  AccountId: z.string().regex(ACCOUNT_ID).optional(),
  Region: z.string().regex(REGION).optional(),
};

/** detail of "Glue Workflow Run State Change": exactly one per transition. */
export const RunStateChangeDetailSchema = z.object({
  ...where,
  workflowName: name,
  runId: name,
  previousRunId: z.string().optional(),
  status,
  previousStatus: status.optional(),
  outcome,
  previousOutcome: outcome.optional(),
  statistics: statisticsSchema.optional(),
  failedNodes: z.array(failedNodeSchema).default([]),
  startedOn: z.string().optional(),
  completedOn: z.string().optional(),
  errorMessage: z.string().optional(),
  /** With outcome UNKNOWN: why the tracker closed a run Glue no longer knows (status is the last observed). */
  closedReason: z.string().optional(),
  closedAt: z.string().optional(),
});
export type RunStateChangeDetail = z.infer<typeof RunStateChangeDetailSchema>;

/** detail of "Glue Workflow Run Resumed". */
export const RunResumedDetailSchema = z.object({
  ...where,
  workflowName: name,
  /** The failed run that was resumed. */
  runId: name,
  /** The new run Glue started. */
  resumedRunId: name,
  nodeIds: z.array(z.string()),
  autoResume: autoResumeSchema,
});
export type RunResumedDetail = z.infer<typeof RunResumedDetailSchema>;

/** detail of "Glue Workflow Run Resume Failed". */
export const RunResumeFailedDetailSchema = z.object({
  ...where,
  workflowName: name,
  /** The failed run the tracker tried to resume. */
  runId: name,
  nodeIds: z.array(z.string()),
  /** The attempt's number in the lineage. */
  attempt: z.number().int().positive(),
  /** Glue's exception name and message. */
  glueError: z.string(),
});
export type RunResumeFailedDetail = z.infer<typeof RunResumeFailedDetailSchema>;

const instant = z.string().min(1);
const seconds = z.number().nonnegative();

/**
 * detail of "Glue Workflow Run Overdue": the run has been RUNNING longer than its limit
 * (docs/decisions/insights-overdue-and-missed.md). Published once per run, and once more
 * with `ended` when that run finally ends ("finished after …").
 */
export const RunOverdueDetailSchema = z.object({
  ...where,
  workflowName: name,
  runId: name,
  startedOn: instant,
  /** The limit it passed, in seconds. */
  limitSeconds: seconds,
  /** "configured": the workflow's runTimeLimitMinutes; "baseline": p95 of recent successful runs × overdueFactor. */
  limitSource: z.enum(["configured", "baseline"]),
  /** The usual duration (p95 of recent successful runs), when known. */
  usualSeconds: seconds.optional(),
  /** How long it had run when the tracker noticed. */
  runningSeconds: seconds,
  observedAt: instant,
  /** Set on the second event: how the overdue run ended. */
  ended: z
    .object({ status, outcome, completedOn: z.string().optional(), durationSeconds: seconds.optional() })
    .optional(),
});
export type RunOverdueDetail = z.infer<typeof RunOverdueDetailSchema>;

/** detail of "Glue Workflow Run Missed": a SCHEDULED start trigger's slot passed (+ grace) with no run. */
export const RunMissedDetailSchema = z.object({
  ...where,
  workflowName: name,
  triggerName: z.string(),
  /** As on the trigger, e.g. `cron(0 3 * * ? *)` (UTC). */
  schedule: z.string(),
  /** The slot with no run (ISO, UTC). */
  slot: instant,
  graceMinutes: seconds,
  observedAt: instant,
  /** The workflow's newest run start the tracker knows, if any. */
  lastStartedOn: z.string().optional(),
});
export type RunMissedDetail = z.infer<typeof RunMissedDetailSchema>;

/** A tracker event as EventBridge delivers it (envelope fields the tracker does not read are ignored). */
function trackerEventSchema<D extends TrackerDetailType, S extends z.ZodType>(detailType: D, detail: S) {
  return z.object({ source: z.literal(TRACKER_SOURCE), "detail-type": z.literal(detailType), detail });
}

export const RunStateChangeEventSchema = trackerEventSchema(
  TrackerDetailType.RunStateChange,
  RunStateChangeDetailSchema,
);
export const RunResumedEventSchema = trackerEventSchema(TrackerDetailType.RunResumed, RunResumedDetailSchema);
export const RunResumeFailedEventSchema = trackerEventSchema(
  TrackerDetailType.RunResumeFailed,
  RunResumeFailedDetailSchema,
);
export const RunOverdueEventSchema = trackerEventSchema(TrackerDetailType.RunOverdue, RunOverdueDetailSchema);
export const RunMissedEventSchema = trackerEventSchema(TrackerDetailType.RunMissed, RunMissedDetailSchema);

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

export function runOverdueEntry(detail: RunOverdueDetail): TrackerEventEntry {
  return { Source: TRACKER_SOURCE, DetailType: TrackerDetailType.RunOverdue, Detail: JSON.stringify(detail) };
}

export function runMissedEntry(detail: RunMissedDetail): TrackerEventEntry {
  return { Source: TRACKER_SOURCE, DetailType: TrackerDetailType.RunMissed, Detail: JSON.stringify(detail) };
}
