/**
 * Runs Glue no longer knows: a workflow deleted mid-run, a run past Glue's retention,
 * a local Glue restarted without its state. Left alone they stay RUNNING for ever and
 * are polled every cycle. One "not found" may be a blip, so the run is closed only
 * when a second read at least `confirmAfterMs` later still finds nothing, or at once
 * when the workflow itself is gone (docs/decisions/reliability-unknown-runs.md).
 *
 * Order, so nothing is lost and nothing is said twice: close the run in the store
 * (it stays on the active index), announce the closure through the announcement
 * ledger (consumers read the run from the store, so the store must say UNKNOWN
 * first), then take it off the active index. A crash in between leaves an UNKNOWN
 * run on the active index: the next cycle finds Glue still without it, announces
 * (the ledger publishes at most once) and finishes.
 */
import { Outcome, type TrackedRun } from "../workflow-run/types.ts";
import type { IngestLogger, RunRef } from "./deps.ts";
import { Announcement, announceRunState, type RecordSnapshotDeps } from "./record-snapshot.ts";

/** Default wait between the first "not found" and the read that confirms it. */
export const DEFAULT_CONFIRM_UNKNOWN_AFTER_MS = 5 * 60_000;

export const UnknownRunResult = {
  /** Not tracked, or no longer active: nothing to do. */
  Untracked: "untracked",
  /** First "not found" noted (or not yet confirmed): the run stays active. */
  Pending: "pending",
  Closed: "closed",
} as const;
export type UnknownRunResult = (typeof UnknownRunResult)[keyof typeof UnknownRunResult];

export interface UnknownRunDeps extends RecordSnapshotDeps {
  logger?: IngestLogger;
}

export interface UnknownRunOptions {
  /** When Glue answered "not found". */
  observedAt: Date;
  /** Glue has no such workflow any more: no confirmation needed. */
  workflowDeleted?: boolean;
  confirmAfterMs?: number;
}

/**
 * Call when Glue answered EntityNotFound for a run (or its workflow is gone).
 *
 * @example
 * if (!(await glue.getWorkflowRun(name, runId))) await onRunUnknownToGlue(deps, { workflowName: name, runId }, { observedAt: new Date() });
 */
export async function onRunUnknownToGlue(
  deps: UnknownRunDeps,
  ref: RunRef,
  options: UnknownRunOptions,
): Promise<UnknownRunResult> {
  const at = options.observedAt.toISOString();
  const since = await deps.store.noteRunNotFound(ref.workflowName, ref.runId, at);
  if (since === undefined) {
    // Not active — or closed by an earlier cycle that stopped before it finished.
    const run = await deps.store.getRun(ref.workflowName, ref.runId);
    return run?.Outcome === Outcome.UNKNOWN ? finishClosure(deps, ref, run) : UnknownRunResult.Untracked;
  }
  const waitMs = options.confirmAfterMs ?? DEFAULT_CONFIRM_UNKNOWN_AFTER_MS;
  if (!options.workflowDeleted && options.observedAt.getTime() - Date.parse(since) < waitMs) {
    deps.logger?.warn("Glue no longer knows an active run; it is closed as UNKNOWN if a later read confirms", {
      ...ref,
      notFoundSince: since,
      confirmAfterSeconds: Math.round(waitMs / 1000),
    });
    return UnknownRunResult.Pending;
  }
  const run = await deps.store.getRun(ref.workflowName, ref.runId);
  if (run?.Outcome !== Outcome.RUNNING) return UnknownRunResult.Untracked;
  const reason = options.workflowDeleted
    ? `Glue no longer knows this run: its workflow ${ref.workflowName} was deleted in Glue (noticed ${at}).`
    : `Glue no longer knows this run: GetWorkflowRun answered EntityNotFound from ${since} to ${at}.`;
  const stored = await deps.store.closeRun(ref.workflowName, ref.runId, { reason, closedAt: at });
  if (!stored) return UnknownRunResult.Untracked;
  return finishClosure(deps, ref, stored);
}

/** Announces a stored closure (at most once, by the ledger), then stops polling the run. */
async function finishClosure(deps: UnknownRunDeps, ref: RunRef, closed: TrackedRun): Promise<UnknownRunResult> {
  const announcement = await announceRunState(deps, closed);
  // Another invocation holds the lease: it announces; the next cycle finishes.
  if (announcement === Announcement.InProgress) return UnknownRunResult.Pending;
  if (!(await deps.store.finishRunClosure(ref.workflowName, ref.runId))) return UnknownRunResult.Untracked;
  deps.logger?.warn("closed a run Glue no longer knows: Outcome UNKNOWN, no longer polled", {
    ...ref,
    status: closed.Status,
    reason: closed.ClosedReason,
  });
  return UnknownRunResult.Closed;
}
