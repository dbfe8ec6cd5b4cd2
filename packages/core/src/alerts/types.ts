/** What an alert says, independent of the channel (Slack, SNS, a local sink). */
import type { WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import type { RunCost } from "../insights/cost.ts";
import type { Digest } from "../insights/digest/compute.ts";
import type { FailedNode, Outcome, ResumeDecision, RunSnapshot } from "../workflow-run/types.ts";

export const AlertKind = {
  /** A run ended FAILED or ERROR (or STOPPED, when configured). */
  Failure: "failure",
  /** A run resumed by the tracker ended SUCCEEDED. */
  Recovered: "recovered",
  /** The failure alert said "resuming", but Glue refused ResumeWorkflowRun. */
  ResumeFailed: "resume-failed",
  /** The tracker closed a run Glue no longer knows (Outcome UNKNOWN). */
  Closed: "closed",
  /** A run still RUNNING past its workflow's limit (docs/decisions/insights-overdue-and-missed.md). */
  Overdue: "overdue",
  /** An overdue run ended ("finished after …"). */
  OverdueEnded: "overdue-ended",
  /** A SCHEDULED workflow did not start within its slot + grace. */
  Missed: "missed",
  /** The daily digest: about every workflow, once per period (insights/digest). */
  Digest: "digest",
} as const;
export type AlertKind = (typeof AlertKind)[keyof typeof AlertKind];

/** The auto-resume decision as the alert shows it. */
export interface AlertResumeDecision {
  decision: ResumeDecision;
  reason: string;
  /** When resumed: the attempt's number and its wait. */
  attempt?: number;
  maxAttempts?: number;
  delaySeconds?: number;
}

/**
 * The account and region an alert is about, named when the tracker follows more than
 * one account (docs/decisions/accounts-flows.md).
 */
export interface AlertAccount {
  accountId: string;
  region: string;
  alias?: string;
  /** Member accounts with a configured ConsoleRoleName: the links offer the switch-role page. */
  consoleRoleName?: string;
  home: boolean;
}

/** The alert's links: the Glue console of the run's region, the switch-role page of its account, the tracker. */
export interface AlertLinks {
  glueConsole: string;
  /** A member account with a console role: the console's switch-role page into that account. */
  switchRole?: string;
  tracker?: string;
}

export interface RunAlert {
  kind: Exclude<AlertKind, typeof AlertKind.Missed | typeof AlertKind.Digest>;
  workflowName: string;
  runId: string;
  previousRunId?: string;
  status: WorkflowRunStatus;
  outcome: Outcome;
  failedNodes: FailedNode[];
  statistics?: RunSnapshot["Statistics"];
  startedOn?: string;
  completedOn?: string;
  /** Glue's ErrorMessage (set when the run could not start). */
  errorMessage?: string;
  /** Closed alerts: why the tracker closed the run (Glue no longer knows it). */
  closedReason?: string;
  /** Failure alerts: what auto-resume decided for this run. */
  autoResume?: AlertResumeDecision;
  /** Recovered alerts: the run that was resumed and the lineage's attempts. */
  recovery?: { resumedFromRunId: string; attempts: number };
  /** Overdue and overdue-ended alerts: the limit it passed and how long it ran. */
  overdue?: AlertOverdue;
  /** Set when several accounts are tracked. */
  account?: AlertAccount;
  links: AlertLinks;
  /** The run's Glue cost as stored (insights/cost.ts), when known. */
  cost?: RunCost;
}

export interface AlertOverdue {
  /** How long it had run when noticed (overdue), or its whole duration (overdue-ended). */
  runningSeconds: number;
  limitSeconds: number;
  limitSource: "configured" | "baseline";
  usualSeconds?: number;
}

/** A scheduled slot with no run: about a workflow, not a run. */
export interface MissedRunAlert {
  kind: typeof AlertKind.Missed;
  workflowName: string;
  triggerName: string;
  schedule: string;
  slot: string;
  graceMinutes: number;
  lastStartedOn?: string;
  /** Set when several accounts are tracked. */
  account?: AlertAccount;
  links: AlertLinks;
}

/** The day's summary: about no single workflow, so no workflow name, run or links. */
export interface DigestAlert {
  kind: typeof AlertKind.Digest;
  digest: Digest;
}

/** Every alert a channel may carry. */
export type Alert = RunAlert | MissedRunAlert | DigestAlert;

export function isMissedAlert(alert: Alert): alert is MissedRunAlert {
  return alert.kind === AlertKind.Missed;
}

/** An alert about one run (neither a missed slot nor the digest). */
export function isRunAlert(alert: Alert): alert is RunAlert {
  return alert.kind !== AlertKind.Missed && alert.kind !== AlertKind.Digest;
}
