/** What an alert says, independent of the channel (Slack, SNS, a local sink). */
import type { WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import type { RunCost } from "../insights/cost.ts";
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

export interface RunAlert {
  kind: AlertKind;
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
  links: { glueConsole: string; tracker?: string };
  /** The run's Glue cost as stored (insights/cost.ts), when known. */
  cost?: RunCost;
}
