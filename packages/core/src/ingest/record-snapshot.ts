/**
 * recordSnapshot: store a run snapshot and announce its state change on the tracker
 * bus — exactly once per transition in the normal case, at least once (never zero)
 * when a publish fails or the process dies between the write and the publish.
 *
 * It reads as write (claims) → maybe publish → commit. The run item is the truth and
 * also carries what was announced (`Announced`) and, per state, the lease of the one
 * attempt announcing it (store/announcement.ts): the snapshot's own conditional write
 * takes that lease when it stores a state nobody announces yet, so a state change
 * costs two requests (write, commit) and a snapshot that changes nothing costs one.
 *
 *   t0  A  write: RUNNING→COMPLETED, takes the COMPLETED lease      Announced: RUNNING
 *   t1  A  PutEvents fails → release the lease, throw
 *   t2  B  duplicate event: write refused (or no change); Announced RUNNING < stored
 *          COMPLETED, lease free → claim, PutEvents ok, commit COMPLETED (not lost)
 *   t3  A' SQS retry: Announced COMPLETED ≥ stored COMPLETED → nothing (no duplicate)
 *
 * A crash between the write and the commit leaves a lease that expires; the retry
 * (a new attempt id) then claims it. Only a crash between PutEvents and the commit
 * can publish twice (at-least-once). An attempt that meets a live lease gets
 * `announcement: "in-progress"` and should retry later (ingest reports the record
 * as failed).
 */
import { randomUUID } from "node:crypto";
import { TERMINAL_RUN_STATUSES, type WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import { runWhere } from "../events/event-account.ts";
import { type RunStateChangeDetail, runStateChangeEntry } from "../events/tracker-events.ts";
import type { AnnounceDecision, Announcer, PutSnapshotResult, RunStore } from "../store/run-store.ts";
import type { ObservedVia, Outcome, RunSnapshot, TrackedRun } from "../workflow-run/types.ts";
import { IngestError } from "./errors.ts";
import type { TrackerEventPublisher } from "./tracker-publisher.ts";

export interface RecordSnapshotDeps {
  store: RunStore;
  publisher: TrackerEventPublisher;
  /**
   * false: record without announcing and without noting anything as announced (backfill
   * with no tracker bus): a later observation of the run announces its state.
   */
  announce?: boolean;
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
   * (it is still noted as announced): backfill and the reconciler import history
   * without alerting on, or auto-resuming, failures from weeks ago.
   */
  quietBefore?: string;
}

export interface RecordSnapshotResult extends Omit<PutSnapshotResult, "announce"> {
  announcement: Announcement;
}

const DEFAULT_LEASE_MS = 30_000;

/**
 * Stores a snapshot (conditional write) and publishes one "Glue Workflow Run State
 * Change" per transition.
 *
 * @example
 * const run = toRunSnapshot((await glue.getWorkflowRun(name, runId)).Run);
 * const result = await recordSnapshot({ store, publisher }, run, ObservedVia.Command);
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
  const announcer = deps.announce === false ? undefined : newAnnouncer(deps);
  const at = observedAt ?? (announcer?.now ?? (deps.now ?? (() => new Date()))()).toISOString();
  const { announce, ...result } = await deps.store.putSnapshot({
    run: snapshot,
    observedAt: at,
    via,
    ...(announcer ? { announcer } : {}),
  });
  if (!announcer) {
    // insights/stats (issue 14): an ended run counts in its day's statistics once, announced or not.
    if (result.transition) await deps.store.recordRunStats(result.transition.run);
    return { ...result, announcement: Announcement.None };
  }
  const announcement = await settle(deps, workflowName, runId, announcer, announce, options);
  return { ...result, announcement };
}

/** One attempt: its own lease owner (a resend of the same write wins its own lease). */
function newAnnouncer(deps: RecordSnapshotDeps): Announcer {
  const now = (deps.now ?? (() => new Date()))();
  return { owner: randomUUID(), now, leaseMs: deps.announceLeaseMs ?? DEFAULT_LEASE_MS };
}

/** Publishes what the store says this attempt must announce, then commits it. */
async function settle(
  deps: RecordSnapshotDeps,
  workflowName: string,
  runId: string,
  announcer: Announcer,
  decision: AnnounceDecision | undefined,
  options: RecordSnapshotOptions,
): Promise<Announcement> {
  if (!decision || decision.kind === "announced") return Announcement.None;
  if (decision.kind === "busy") return Announcement.InProgress;
  const { state, previous, run } = decision;
  // insights/stats (issue 14): count an ended run in its day's statistics here, under this state's
  // announcement lease and before the commit, not right after the write: a crash or a failed publish
  // leaves the state unannounced, so the retry comes back here and nothing is lost; counting is
  // idempotent (a per-day set of counted runs), so nothing counts twice. Quiet (backfilled) runs count
  // too. One UpdateItem per ended run; nothing for snapshots that change no state.
  try {
    await deps.store.recordRunStats(run);
  } catch (error) {
    await deps.store.releaseAnnouncement(workflowName, runId, announcer.owner, state).catch(() => undefined);
    throw error;
  }
  if (endedBefore(run, options.quietBefore)) {
    await deps.store.commitAnnouncement(workflowName, runId, announcer.owner, state);
    return Announcement.None;
  }
  try {
    await deps.publisher.publish([runStateChangeEntry(stateChangeDetail(run, previous))]);
  } catch (error) {
    // Give the lease back so the retry (or a duplicate event) can announce at once.
    await deps.store.releaseAnnouncement(workflowName, runId, announcer.owner, state).catch(() => undefined);
    throw error;
  }
  await deps.store.commitAnnouncement(workflowName, runId, announcer.owner, state);
  return Announcement.Published;
}

function endedBefore(run: TrackedRun, instant: string | undefined): boolean {
  if (!instant || !run.Status || !TERMINAL_RUN_STATUSES.has(run.Status)) return false;
  const ended = run.CompletedOn ?? run.StartedOn;
  return ended !== undefined && Date.parse(ended) < Date.parse(instant);
}

/** The tracker event's detail for a run, relative to the last state announced for it. */
export function stateChangeDetail(
  run: TrackedRun,
  previous: { status: WorkflowRunStatus; outcome: Outcome } | null,
): RunStateChangeDetail {
  return {
    ...runWhere(run),
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
 * Announces a state stored by other means than a snapshot — a run closed as
 * UNKNOWN — through the same state and lease on the run item, so it is published
 * once and a retry after a failed publish finds it unannounced.
 */
export async function announceRunState(deps: RecordSnapshotDeps, run: TrackedRun): Promise<Announcement> {
  if (deps.announce === false) return Announcement.None;
  const announcer = newAnnouncer(deps);
  const decision = await deps.store.claimAnnouncement(run.Name, run.WorkflowRunId, announcer);
  return settle(deps, run.Name, run.WorkflowRunId, announcer, decision, {});
}
