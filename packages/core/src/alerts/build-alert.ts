/** Turning a tracker state change into the alert to send (pure). */
import type { RunResumeFailedDetail, RunStateChangeDetail } from "../events/tracker-events.ts";
import type { ResumeVerdict } from "../resume/decide.ts";
import type { ResumePolicy } from "../resume/policy.ts";
import { Outcome, ResumeDecision, type TrackedRun } from "../workflow-run/types.ts";
import { glueConsoleRunUrl, switchRoleUrl, trackerRunUrl } from "./links.ts";
import type { AlertSettings } from "./settings.ts";
import { AlertKind, type AlertLinks, type RunAlert } from "./types.ts";

/**
 * The failure alert of a run, with the auto-resume verdict for it.
 *
 * @example
 * const alert = failureAlert(event.detail, decide(run, attempts, policy), policy, settings);
 */
export function failureAlert(
  detail: RunStateChangeDetail,
  verdict: ResumeVerdict,
  policy: Pick<ResumePolicy, "maxAttempts">,
  settings: AlertSettings,
): RunAlert {
  return {
    ...common(detail, settings),
    kind: AlertKind.Failure,
    autoResume:
      verdict.decision === ResumeDecision.Resumed
        ? {
            decision: verdict.decision,
            reason: verdict.reason,
            attempt: verdict.attempt,
            maxAttempts: policy.maxAttempts,
            delaySeconds: verdict.delaySeconds,
          }
        : { decision: verdict.decision, reason: verdict.reason },
  };
}

/**
 * The "recovered" alert: `detail` is the resumed run's SUCCEEDED transition and
 * `resumedFrom` the run the tracker resumed.
 *
 * @example
 * const alert = recoveredAlert(event.detail, previousRun, settings);
 */
export function recoveredAlert(
  detail: RunStateChangeDetail,
  resumedFrom: Pick<TrackedRun, "WorkflowRunId" | "AutoResume">,
  settings: AlertSettings,
): RunAlert {
  return {
    ...common(detail, settings),
    kind: AlertKind.Recovered,
    recovery: { resumedFromRunId: resumedFrom.WorkflowRunId, attempts: resumedFrom.AutoResume?.Attempts ?? 1 },
  };
}

/**
 * The alert that follows a "resuming" failure alert when Glue refused the resume:
 * the run as stored (its failed nodes, times) and Glue's refusal.
 *
 * @example
 * const alert = resumeFailedAlert(event.detail, await store.getRun(name, runId), settings);
 */
export function resumeFailedAlert(
  detail: RunResumeFailedDetail,
  run: TrackedRun | undefined,
  settings: AlertSettings,
): RunAlert {
  const asStateChange: RunStateChangeDetail = {
    workflowName: detail.workflowName,
    runId: detail.runId,
    previousRunId: run?.PreviousRunId,
    status: run?.Status ?? "COMPLETED",
    outcome: run?.Outcome ?? Outcome.FAILED,
    failedNodes: run?.FailedNodes ?? [],
    statistics: run?.Statistics,
    startedOn: run?.StartedOn,
    completedOn: run?.CompletedOn,
    errorMessage: run?.ErrorMessage,
  };
  return {
    ...common(asStateChange, settings),
    kind: AlertKind.ResumeFailed,
    autoResume: {
      decision: ResumeDecision.Failed,
      reason: `Attempt ${detail.attempt}: Glue refused ResumeWorkflowRun (${detail.glueError}). Resume the run by hand or start a new one.`,
      attempt: detail.attempt,
    },
  };
}

/**
 * The alert for a run the tracker closed as UNKNOWN: Glue no longer knows it, so how
 * it ended cannot be told; the reason says what was observed.
 *
 * @example
 * const alert = closedAlert(event.detail, settings); // kind "closed", outcome UNKNOWN
 */
export function closedAlert(detail: RunStateChangeDetail, settings: AlertSettings): RunAlert {
  return {
    ...common(detail, settings),
    kind: AlertKind.Closed,
    closedReason: detail.closedReason ?? "Glue no longer knows this run.",
  };
}

function common(detail: RunStateChangeDetail, settings: AlertSettings): Omit<RunAlert, "kind"> {
  return {
    workflowName: detail.workflowName,
    runId: detail.runId,
    previousRunId: detail.previousRunId,
    status: detail.status,
    outcome: detail.outcome,
    failedNodes: detail.failedNodes ?? [],
    statistics: detail.statistics,
    startedOn: detail.startedOn,
    completedOn: detail.completedOn,
    errorMessage: detail.errorMessage,
    ...(settings.account ? { account: settings.account } : {}),
    links: runLinks(settings, detail.workflowName, detail.runId),
  };
}

/** A run's links: the Glue console in the run's region, the switch-role page of its account, the tracker. */
export function runLinks(settings: AlertSettings, workflowName: string, runId: string): AlertLinks {
  const switchRole = switchRoleUrl(settings.account);
  return {
    glueConsole: glueConsoleRunUrl(settings.region, workflowName, runId),
    ...(switchRole ? { switchRole } : {}),
    tracker: settings.trackerBaseUrl
      ? trackerRunUrl(settings.trackerBaseUrl, workflowName, runId, settings.account)
      : undefined,
  };
}
