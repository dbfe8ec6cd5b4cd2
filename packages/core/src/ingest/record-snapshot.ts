/**
 * recordSnapshot: store a run snapshot and announce its state change on the tracker
 * bus — exactly once per transition in the normal case, at least once (never zero)
 * when a publish fails or the process dies between the write and the publish.
 *
 * Why a ledger: putSnapshot reports a transition exactly once (the conditional
 * write decides). If the PutEvents that follows fails, the retry's putSnapshot sees
 * nothing new and the event would be lost. So the stored run stays the truth and a
 * per-run ledger (announcements.ts) remembers what was announced; any call that
 * finds the two apart announces the stored state, under a short lease so two
 * invocations never publish the same state:
 *
 *   t0  A  putSnapshot → transition RUNNING→COMPLETED           ledger: RUNNING (v3)
 *   t1  A  claim v3→v4 (lease 30 s), PutEvents fails → release v5, throw
 *   t2  B  duplicate event: putSnapshot → no transition; ledger RUNNING < stored COMPLETED
 *          → claim v5→v6, PutEvents ok, commit COMPLETED v7      (the event is not lost)
 *   t3  A' SQS retry: ledger COMPLETED ≥ stored COMPLETED → nothing to publish (no duplicate)
 *
 * A crash between claim and PutEvents leaves a lease that expires; the crashed
 * message's retry then claims it. Only a crash between PutEvents and commit can
 * publish twice (at-least-once). An invocation that meets a live lease gets
 * `announcement: "in-progress"` and should retry later (ingest reports the record
 * as failed) — the holder may be announcing an older state than the one it stored.
 */
import { TERMINAL_RUN_STATUSES, type WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import { type RunStateChangeDetail, runStateChangeEntry } from "../events/tracker-events.ts";
import type { PutSnapshotResult, RunStore } from "../store/run-store.ts";
import { deriveOutcome } from "../workflow-run/outcome.ts";
import type { ObservedVia, Outcome, RunSnapshot, TrackedRun } from "../workflow-run/types.ts";
import { type AnnouncedState, type AnnouncementLog, announcementRank } from "./announcements.ts";
import { IngestError } from "./errors.ts";
import type { TrackerEventPublisher } from "./tracker-publisher.ts";

export interface RecordSnapshotDeps {
  store: RunStore;
  publisher: TrackerEventPublisher;
  /**
   * The announcement ledger. Without it a transition is published right after the
   * write, and a failed publish is lost on retry; every tracker function passes one.
   */
  announcements?: AnnouncementLog;
  now?: () => Date;
  /** How long a claim blocks other announcers (default 30 s). */
  announceLeaseMs?: number;
}

export const Announcement = {
  /** This call published a state change. */
  Published: "published",
  /** Nothing to publish: the stored state is already announced. */
  None: "none",
  /** Another invocation holds the lease; retry later to confirm. */
  InProgress: "in-progress",
} as const;
export type Announcement = (typeof Announcement)[keyof typeof Announcement];

export interface RecordSnapshotOptions {
  /**
   * A run that ended before this instant (ISO) is recorded without announcing
   * (the ledger still notes it): backfill and the reconciler import history
   * without alerting on, or auto-resuming, failures from weeks ago.
   */
  quietBefore?: string;
}

export interface RecordSnapshotResult extends PutSnapshotResult {
  announcement: Announcement;
}

const DEFAULT_LEASE_MS = 30_000;

/**
 * Stores a snapshot (conditional write) and publishes one "Glue Workflow Run State
 * Change" per transition.
 *
 * @example
 * const run = toRunSnapshot((await glue.getWorkflowRun(name, runId)).Run);
 * const result = await recordSnapshot({ store, publisher, announcements }, run, ObservedVia.Command);
 * if (result.transition) console.log(result.transition.current.outcome);
 */
export async function recordSnapshot(
  deps: RecordSnapshotDeps,
  snapshot: RunSnapshot,
  via: ObservedVia,
  observedAt?: string,
  options: RecordSnapshotOptions = {},
): Promise<RecordSnapshotResult> {
  const { Name: workflowName, WorkflowRunId: runId } = snapshot;
  if (!workflowName || !runId) {
    throw new IngestError("A run snapshot needs Name and WorkflowRunId", { retryable: false });
  }
  const now = deps.now ?? (() => new Date());
  const result = await deps.store.putSnapshot({ run: snapshot, observedAt: observedAt ?? now().toISOString(), via });

  if (!deps.announcements) {
    // ── insights/stats hook (issue 14), no-ledger path: count an ended run once (store/workflow-stats.ts).
    if (result.transition) await deps.store.recordRunStats(result.transition.run);
    if (!result.transition || endedBefore(result.transition.run, options.quietBefore)) {
      return { ...result, announcement: Announcement.None };
    }
    await deps.publisher.publish([
      runStateChangeEntry(stateChangeDetail(result.transition.run, result.transition.previous)),
    ]);
    return { ...result, announcement: Announcement.Published };
  }
  const announcement = await announce(deps, deps.announcements, result, snapshot, now, options);
  return { ...result, announcement };
}

async function announce(
  deps: RecordSnapshotDeps,
  log: AnnouncementLog,
  result: PutSnapshotResult,
  snapshot: RunSnapshot,
  now: () => Date,
  options: RecordSnapshotOptions,
): Promise<Announcement> {
  const workflowName = snapshot.Name as string;
  const runId = snapshot.WorkflowRunId as string;
  const record = await log.get(workflowName, runId);
  let run: TrackedRun | undefined = result.transition?.run;
  // Cheap exit for the common duplicate: a terminal state was announced and nothing moves past terminal.
  if (!run && record.announced && TERMINAL_RUN_STATUSES.has(record.announced.status)) return Announcement.None;
  // Cheap exit for a write that changed no state (statistics progressed): its state equals the snapshot's.
  if (!run && result.stored && record.announced && sameState(record.announced, snapshotState(snapshot))) {
    return Announcement.None;
  }
  run ??= await deps.store.getRun(workflowName, runId);
  if (!run?.Status) return Announcement.None;

  const target: AnnouncedState = { status: run.Status, outcome: run.Outcome };
  if (record.announced && announcementRank(record.announced) >= announcementRank(target)) return Announcement.None;
  const at = now().getTime();
  if (record.pending && record.pending.leaseUntil > at) return Announcement.InProgress;
  const leaseUntil = at + (deps.announceLeaseMs ?? DEFAULT_LEASE_MS);
  if (!(await log.claim(workflowName, runId, record.version, { state: target, leaseUntil }))) {
    return Announcement.InProgress;
  }
  const claimedVersion = record.version + 1;
  // ── insights/stats hook (issue 14): count an ended run in its day's statistics (store/workflow-stats.ts)
  // here, under the claim and before the announcement is committed, not right after putSnapshot: a crash
  // or failed publish leaves the state unannounced, so the retry comes back here and nothing is lost;
  // counting is idempotent (a per-day set of counted runs), so nothing is counted twice. Backfilled
  // (quiet) runs count too. Costs one UpdateItem per ended run, nothing for snapshots that change no state.
  try {
    await deps.store.recordRunStats(run);
  } catch (error) {
    await log.release(workflowName, runId, claimedVersion).catch(() => undefined);
    throw error;
  }
  if (endedBefore(run, options.quietBefore)) {
    await log.commit(workflowName, runId, claimedVersion, target);
    return Announcement.None;
  }
  try {
    await deps.publisher.publish([runStateChangeEntry(stateChangeDetail(run, record.announced ?? null))]);
  } catch (error) {
    // Give the lease back so the retry (or a duplicate event) can announce at once.
    await log.release(workflowName, runId, claimedVersion).catch(() => undefined);
    throw error;
  }
  await log.commit(workflowName, runId, claimedVersion, target);
  return Announcement.Published;
}

/** Status and outcome as the store derives them for this snapshot. */
function snapshotState(snapshot: RunSnapshot): AnnouncedState | undefined {
  return snapshot.Status ? { status: snapshot.Status, outcome: deriveOutcome(snapshot) } : undefined;
}

function endedBefore(run: TrackedRun, instant: string | undefined): boolean {
  if (!instant || !run.Status || !TERMINAL_RUN_STATUSES.has(run.Status)) return false;
  const ended = run.CompletedOn ?? run.StartedOn;
  return ended !== undefined && Date.parse(ended) < Date.parse(instant);
}

function sameState(a: AnnouncedState, b: AnnouncedState | undefined): boolean {
  return b !== undefined && a.status === b.status && a.outcome === b.outcome;
}

/** The tracker event's detail for a run, relative to the last state announced for it. */
export function stateChangeDetail(
  run: TrackedRun,
  previous: { status: WorkflowRunStatus; outcome: Outcome } | null,
): RunStateChangeDetail {
  return {
    workflowName: run.Name,
    runId: run.WorkflowRunId,
    previousRunId: run.PreviousRunId,
    status: run.Status as WorkflowRunStatus,
    previousStatus: previous?.status,
    outcome: run.Outcome,
    previousOutcome: previous?.outcome,
    statistics: run.Statistics,
    failedNodes: run.FailedNodes,
    startedOn: run.StartedOn,
    completedOn: run.CompletedOn,
    errorMessage: run.ErrorMessage,
    ...(run.ClosedReason !== undefined ? { closedReason: run.ClosedReason, closedAt: run.ClosedAt } : {}),
  };
}

/**
 * Announces a state the caller is about to store (or stored) by other means than a
 * snapshot — a run closed as UNKNOWN — through the same ledger and lease, so it is
 * published once and a retry after a failed publish finds it unannounced.
 */
export async function announceRunState(deps: RecordSnapshotDeps, run: TrackedRun): Promise<Announcement> {
  const result: PutSnapshotResult = { stored: true, transition: null };
  if (!deps.announcements) {
    await deps.publisher.publish([runStateChangeEntry(stateChangeDetail(run, null))]);
    return Announcement.Published;
  }
  const now = deps.now ?? (() => new Date());
  return announce(deps, deps.announcements, { ...result, transition: asTransition(run) }, run, now, {});
}

function asTransition(run: TrackedRun): PutSnapshotResult["transition"] {
  return {
    workflowName: run.Name,
    runId: run.WorkflowRunId,
    previous: null,
    current: { status: run.Status as WorkflowRunStatus, outcome: run.Outcome },
    run,
  };
}
