/**
 * Step (b) of auto-resume: the resume queue's consumer. Once the backoff has passed
 * it calls ResumeWorkflowRun with exactly the failed nodes, links the lineage
 * (ResumedAs), records the outcome, announces "Glue Workflow Run Resumed" and
 * records the new run at once so the lineage is visible without waiting for events.
 *
 * Why a lease before the Glue call: SQS can hand the same message to two containers
 * at once; the store's conditional lease lets exactly one of them call Glue.
 *
 * Why nothing after the Glue call throws: a thrown error makes SQS deliver the
 * message again, and a second ResumeWorkflowRun would run the failed jobs twice.
 * So the steps after it are idempotent and best-effort (failures are reported in
 * the result and logged by the handler); ingest's events and the reconciler still
 * record the new run if the immediate snapshot fails.
 *
 * Why the node ids come from the store: the message only names the run and its
 * claim; the run must still be stored as a FAILED, COMPLETED run, and Glue is asked
 * to restart exactly its stored failed nodes, whatever the message lists.
 */
import { randomUUID } from "node:crypto";
import { WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import type { PerAccount } from "../accounts/per-account.ts";
import { accountOf, runWhere } from "../events/event-account.ts";
import { runResumedEntry, runResumeFailedEntry } from "../events/tracker-events.ts";
import { describeGlueFailure, isRetryableGlueCall } from "../glue/classify.ts";
import type { GlueFor } from "../glue/gateway.ts";
import type { TrackerEventPublisher } from "../ingest/tracker-publisher.ts";
import type { ResumeLease, RunStore } from "../store/run-store.ts";
import { Queues } from "../topology.ts";
import { type AutoResume, Outcome, ResumeDecision, type RunSnapshot, type TrackedRun } from "../workflow-run/types.ts";
import { resumableNodeIds } from "./decide.ts";
import { ResumeError } from "./errors.ts";
import type { ResumeQueue, ResumeRequest } from "./resume-queue.ts";
import type { RunLocks } from "./run-locks.ts";

export interface ResumeWorkerDeps {
  store: Pick<
    RunStore,
    "getRun" | "beginResumeAttempt" | "releaseResumeAttempt" | "addResumedAs" | "recordResumeDecision"
  >;
  /** ResumeWorkflowRun and GetWorkflowRun: the only two calls (and grants) auto-resume has. */
  glue: GlueFor<"resumeWorker">;
  /** Publishes "Glue Workflow Run Resumed" (or "… Resume Failed") on the tracker bus. */
  publisher: TrackerEventPublisher;
  /** Records the new run's snapshot (ingest's recordSnapshot with ObservedVia "command"). */
  recordRun: (snapshot: RunSnapshot) => Promise<unknown>;
  /** Re-queues a message that arrived before its notBefore. */
  queue: ResumeQueue;
  /**
   * Several tracked accounts: the request's account (accountId/region; none: home) gets its
   * own store, Glue client (its operate role), publisher and recorder.
   */
  accounts?: PerAccount<ResumeAccountDeps>;
  /** One per process: serializes attempts on the same run (duplicate deliveries). */
  locks?: RunLocks;
  /** How long an attempt holds the run's lease: at least the worker's timeout (default: the resume queue's). */
  leaseSeconds?: number;
  now?: () => Date;
}

/** What a resume attempt needs of the run's account. */
export type ResumeAccountDeps = Pick<ResumeWorkerDeps, "store" | "glue" | "publisher" | "recordRun">;

/** How long a message waits for its claim: the deciding function's timeout, after which it claimed or died. */
const CLAIM_WAIT_MS = Queues.resumeEvents.functionTimeoutSeconds * 1000;
const CLAIM_RETRY_SECONDS = 2;

export const ResumeAttemptResult = {
  Resumed: "resumed",
  /** The run or its claim changed since the message was sent (a lost claim, a newer attempt). */
  Stale: "stale",
  /** The run already has a resumed run (a duplicate delivery, or resumed by hand). */
  AlreadyResumed: "already-resumed",
  /** Another worker holds the attempt's lease (the same message delivered twice at once). */
  InProgress: "in-progress",
  /** Arrived early (backoff above SQS's 15-minute limit): sent again for the rest of the wait. */
  Requeued: "requeued",
  /** Arrived before the decision that sent it was stored (it is sent first): sent again shortly. */
  AwaitingClaim: "awaiting-claim",
  /** Glue refused the resume for good (e.g. the run is gone): stored as decision "failed", with the reason. */
  Refused: "refused",
  /** The message names an account the configuration does not track (any more): dropped. */
  UnknownAccount: "unknown-account",
} as const;
export type ResumeAttemptResult = (typeof ResumeAttemptResult)[keyof typeof ResumeAttemptResult];

export interface ResumeAttemptOutcome {
  result: ResumeAttemptResult;
  resumedRunId?: string;
  /** Best-effort steps after a successful resume that failed (for the handler to log). */
  followUpErrors: { step: string; error: unknown }[];
}

/**
 * Performs one claimed resume attempt. Throws only when the message should be
 * retried (a transient Glue or store error before ResumeWorkflowRun succeeded).
 *
 * @example
 * const outcome = await performResume(deps, parseResumeRequest(record.body));
 * if (outcome.result === "resumed") console.log(outcome.resumedRunId);
 */
export function performResume(all: ResumeWorkerDeps, request: ResumeRequest): Promise<ResumeAttemptOutcome> {
  const { store, glue, publisher, recordRun } = all;
  const scoped = accountOf(
    all.accounts,
    { AccountId: request.accountId, Region: request.region },
    {
      store,
      glue,
      publisher,
      recordRun,
    },
  );
  if (!scoped) return Promise.resolve({ result: ResumeAttemptResult.UnknownAccount, followUpErrors: [] });
  const deps: ResumeWorkerDeps = { ...all, ...scoped.deps };
  if (!deps.locks) return attempt(deps, request);
  const lock = `${scoped.account?.keyPrefix ?? ""}${request.workflowName}\u0000${request.runId}`;
  return deps.locks.withLock(lock, () => attempt(deps, request));
}

async function attempt(deps: ResumeWorkerDeps, request: ResumeRequest): Promise<ResumeAttemptOutcome> {
  const now = deps.now ?? (() => new Date());
  const run = await deps.store.getRun(request.workflowName, request.runId);
  const claim = run?.AutoResume;
  // The message is sent before its claim is written (on-failed-run.ts): one that overtakes its
  // claim waits for it, as long as the claimer may still be at work; then it is stale.
  if (run && !claim?.Decision && now().getTime() - Date.parse(request.claimedAt) < CLAIM_WAIT_MS) {
    await deps.queue.send(request, CLAIM_RETRY_SECONDS);
    return { result: ResumeAttemptResult.AwaitingClaim, followUpErrors: [] };
  }
  if (!run || claim?.Decision !== ResumeDecision.Resumed || claim.LastAttemptAt !== request.claimedAt) {
    return { result: ResumeAttemptResult.Stale, followUpErrors: [] };
  }
  if (run.ResumedAs && run.ResumedAs.length > 0)
    return { result: ResumeAttemptResult.AlreadyResumed, followUpErrors: [] };
  const nodeIds =
    run.Status === WorkflowRunStatus.COMPLETED && run.Outcome === Outcome.FAILED ? resumableNodeIds(run) : [];
  if (nodeIds.length === 0) return { result: ResumeAttemptResult.Stale, followUpErrors: [] };
  const stored: ResumeRequest = { ...request, nodeIds };

  const waitMs = Date.parse(request.notBefore) - now().getTime();
  if (waitMs > 1000) {
    await deps.queue.send(stored, waitMs / 1000);
    return { result: ResumeAttemptResult.Requeued, followUpErrors: [] };
  }

  const startedAt = now();
  const lease: ResumeLease = {
    owner: randomUUID(),
    now: startedAt.toISOString(),
    until: new Date(
      startedAt.getTime() + (deps.leaseSeconds ?? Queues.resume.functionTimeoutSeconds) * 1000,
    ).toISOString(),
  };
  if (!(await deps.store.beginResumeAttempt(stored.workflowName, stored.runId, stored.claimedAt, lease))) {
    return { result: ResumeAttemptResult.InProgress, followUpErrors: [] };
  }

  let resumed: { runId: string; nodeIds: string[] };
  try {
    resumed = await deps.glue.resumeWorkflowRun(stored.workflowName, stored.runId, stored.nodeIds);
  } catch (error) {
    if (!isRetryableGlueCall(error)) return refused(deps, stored, { ...run, AutoResume: claim }, lease, error);
    await release(deps, stored, lease);
    throw error;
  }
  return {
    result: ResumeAttemptResult.Resumed,
    resumedRunId: resumed.runId,
    followUpErrors: await followUp(deps, stored, { ...run, AutoResume: claim }, resumed),
  };
}

/** Best effort: if the release fails too, the retried message waits for the lease to expire. */
async function release(deps: ResumeWorkerDeps, request: ResumeRequest, lease: ResumeLease): Promise<void> {
  await deps.store.releaseResumeAttempt(request.workflowName, request.runId, lease.owner).catch(() => undefined);
}

/**
 * Glue refused for good. Announced before it is recorded: if publishing fails the
 * message is retried (Glue refuses again), so a failure alert that promised a
 * resume is always followed by one that says it did not happen.
 */
async function refused(
  deps: ResumeWorkerDeps,
  request: ResumeRequest,
  where: TrackedRun & { AutoResume: AutoResume },
  lease: ResumeLease,
  error: unknown,
): Promise<ResumeAttemptOutcome> {
  const claim = where.AutoResume;
  const { workflowName, runId, nodeIds, attempt } = request;
  const glueError = describeGlueFailure(error);
  try {
    await deps.publisher.publish([
      runResumeFailedEntry({ ...runWhere(where), workflowName, runId, nodeIds, attempt, glueError }),
    ]);
  } catch (publishError) {
    await release(deps, request, lease);
    throw publishError;
  }
  await deps.store.recordResumeDecision(workflowName, runId, {
    ...claim,
    Decision: ResumeDecision.Failed,
    Reason: `Resume attempt ${attempt} failed: Glue refused ResumeWorkflowRun (${glueError}).`,
  });
  return { result: ResumeAttemptResult.Refused, followUpErrors: [] };
}

async function followUp(
  deps: ResumeWorkerDeps,
  request: ResumeRequest,
  run: TrackedRun & { AutoResume: AutoResume },
  resumed: { runId: string; nodeIds: string[] },
): Promise<{ step: string; error: unknown }[]> {
  const claim = run.AutoResume;
  const { workflowName, runId } = request;
  const autoResume: AutoResume = {
    ...claim,
    Reason: `${claim.Reason ?? "Transient failure."} Resumed as ${resumed.runId} (nodes ${resumed.nodeIds.join(", ")}).`,
  };
  const steps: [string, () => Promise<unknown>][] = [
    ["addResumedAs", () => deps.store.addResumedAs(workflowName, runId, resumed.runId)],
    ["recordResumeDecision", () => deps.store.recordResumeDecision(workflowName, runId, autoResume)],
    [
      "publishResumed",
      () =>
        deps.publisher.publish([
          runResumedEntry({
            ...runWhere(run),
            workflowName,
            runId,
            resumedRunId: resumed.runId,
            nodeIds: resumed.nodeIds,
            autoResume,
          }),
        ]),
    ],
    [
      "recordResumedRun",
      async () => {
        const run = await deps.glue.getWorkflowRun(workflowName, resumed.runId);
        if (!run) throw new ResumeError(`GetWorkflowRun returned no run for ${workflowName}/${resumed.runId}`);
        return deps.recordRun(run);
      },
    ],
  ];
  const errors: { step: string; error: unknown }[] = [];
  for (const [step, action] of steps) {
    try {
      await action();
    } catch (error) {
      errors.push({ step, error });
    }
  }
  return errors;
}
