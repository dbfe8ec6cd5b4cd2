/**
 * Step (a) of auto-resume: on a run's FAILED transition, decide, store the decision
 * on the run, and for a resumable run schedule the attempt on the resume queue.
 *
 * Why the message is sent before the claim: the claim (a conditional write) is what
 * makes an attempt happen at most once, and the message carries the claim's
 * LastAttemptAt. The worker acts only on a message whose claimedAt equals the
 * stored one, so a message whose claim lost is dropped, and a claim is never left
 * without a message:
 *
 *   t0  A  decision "resumed": send msg(claimedAt=T1), claim(T1) → won
 *   t1  B  duplicate event: run already has a decision → nothing sent
 *   t1' C  concurrent duplicate: send msg(T2), claim(T2) → lost (msg(T2) is dropped by the worker)
 *   t2  A' (A crashed between send and claim) retry: send msg(T3), claim(T3) → won; msg(T1) dropped
 *
 * Why the run is read from the store: the event may be forged (anyone allowed
 * PutEvents on the tracker bus). Status, failed nodes and lineage come from the
 * stored run; a run the store does not hold as FAILED is left alone.
 */
import type { TrackedAccount } from "../accounts/account.ts";
import type { PerAccount } from "../accounts/per-account.ts";
import { accountOf } from "../events/event-account.ts";
import { storedStateChange } from "../events/stored-state-change.ts";
import type { RunStateChangeDetail } from "../events/tracker-events.ts";
import type { RunStore } from "../store/run-store.ts";
import { type AutoResume, Outcome, ResumeDecision } from "../workflow-run/types.ts";
import { decide, type ResumeVerdict } from "./decide.ts";
import { lineageAttempts } from "./lineage.ts";
import { type ResumePolicy, workflowPolicy } from "./policy.ts";
import type { ResumeQueue, ResumeRequest } from "./resume-queue.ts";

export interface FailedRunDeps {
  /** getWorkflowSettings: a workflow whose settings say AutoResume false is never resumed. */
  store: Pick<RunStore, "getRun" | "claimResumeAttempt"> & Partial<Pick<RunStore, "getWorkflowSettings">>;
  queue: ResumeQueue;
  policy: ResumePolicy;
  /**
   * Several tracked accounts: the decision and its claim on the failed run's account's store,
   * found by the event's AccountId and Region (none: the home account's, `store`).
   */
  accounts?: PerAccount<Pick<FailedRunDeps, "store">>;
  now?: () => Date;
}

export const FailedRunResult = {
  /** This call stored the decision (and scheduled the attempt when resumed). */
  Decided: "decided",
  /** A decision was already stored for the run (duplicate or replayed event). */
  AlreadyDecided: "already-decided",
  /** The store does not hold the run as FAILED (a forged or stale event): nothing decided. */
  NotFailed: "not-failed",
  /** The event names an account the configuration does not track (any more): dropped. */
  UnknownAccount: "unknown-account",
} as const;
export type FailedRunResult = (typeof FailedRunResult)[keyof typeof FailedRunResult];

export type FailedRunOutcome =
  | { result: typeof FailedRunResult.Decided | typeof FailedRunResult.AlreadyDecided; verdict: ResumeVerdict }
  | { result: typeof FailedRunResult.NotFailed | typeof FailedRunResult.UnknownAccount; verdict?: undefined };

/**
 * Handles one "Glue Workflow Run State Change" whose outcome is FAILED.
 *
 * @example
 * const { verdict } = await onFailedRun({ store, queue, policy }, event.detail);
 * // verdict.decision: "resumed" | "not transient" | "exhausted" | "disabled"
 */
export async function onFailedRun(all: FailedRunDeps, event: RunStateChangeDetail): Promise<FailedRunOutcome> {
  const scoped = accountOf(all.accounts, event, { store: all.store });
  if (!scoped) return { result: FailedRunResult.UnknownAccount };
  const deps = { ...all, store: scoped.deps.store };
  const now = deps.now ?? (() => new Date());
  const detail = await storedStateChange(deps.store, event);
  if (detail?.outcome !== Outcome.FAILED) return { result: FailedRunResult.NotFailed };
  const attemptsSoFar = await lineageAttempts(deps.store, detail.workflowName, detail.previousRunId);
  const settings = (await deps.store.getWorkflowSettings?.(detail.workflowName)) ?? {};
  const policy = workflowPolicy(deps.policy, settings);
  const verdict = decide({ Status: detail.status, FailedNodes: detail.failedNodes }, attemptsSoFar, policy);

  const stored = await deps.store.getRun(detail.workflowName, detail.runId);
  if (stored?.AutoResume?.Decision) return { result: FailedRunResult.AlreadyDecided, verdict };

  const at = now();
  const autoResume: AutoResume = {
    Attempts: verdict.decision === ResumeDecision.Resumed ? verdict.attempt : attemptsSoFar,
    Decision: verdict.decision,
    Reason: verdict.reason,
  };
  if (verdict.decision === ResumeDecision.Resumed) {
    autoResume.LastAttemptAt = at.toISOString();
    const request: ResumeRequest = {
      kind: "resume",
      ...requestScope(scoped.account),
      workflowName: detail.workflowName,
      runId: detail.runId,
      nodeIds: verdict.nodeIds,
      attempt: verdict.attempt,
      claimedAt: autoResume.LastAttemptAt,
      notBefore: new Date(at.getTime() + verdict.delaySeconds * 1000).toISOString(),
    };
    await deps.queue.send(request, verdict.delaySeconds);
  }
  const claimed = await deps.store.claimResumeAttempt(detail.workflowName, detail.runId, autoResume);
  return { result: claimed ? FailedRunResult.Decided : FailedRunResult.AlreadyDecided, verdict };
}

/** The worker resumes in the run's account: named on the message when accounts are known. */
function requestScope(account: TrackedAccount | undefined): Pick<ResumeRequest, "accountId" | "region"> {
  return account?.accountId ? { accountId: account.accountId, region: account.region } : {};
}
