/**
 * Fixtures for auto-resume and alert unit tests: failed-run events and an in-memory
 * store with the auto-resume bookkeeping semantics of the RunStore contract
 * (claim only while no decision is recorded; one lease per claimed attempt;
 * ResumedAs appended idempotently). The DynamoDB store is held to the same
 * contract in tests/alerts against dynalite.
 */
import type { RunStateChangeDetail } from "../../src/events/tracker-events.ts";
import type { RunStore } from "../../src/store/run-store.ts";
import type { FailedNode, TrackedRun } from "../../src/workflow-run/types.ts";

export function failedNode(overrides: Partial<FailedNode> = {}): FailedNode {
  return {
    NodeId: "job-load",
    Type: "JOB",
    Name: "load",
    State: "FAILED",
    ErrorMessage: "ThrottlingException: Rate exceeded",
    ...overrides,
  };
}

export function failedDetail(overrides: Partial<RunStateChangeDetail> = {}): RunStateChangeDetail {
  return {
    workflowName: "nightly",
    runId: "wr_1",
    status: "COMPLETED",
    previousStatus: "RUNNING",
    outcome: "FAILED",
    previousOutcome: "RUNNING",
    statistics: { TotalActions: 3, SucceededActions: 2, FailedActions: 1, RunningActions: 0 },
    failedNodes: [failedNode()],
    startedOn: "2026-01-01T00:00:00.000Z",
    completedOn: "2026-01-01T00:12:05.000Z",
    ...overrides,
  };
}

export function trackedRun(detail: RunStateChangeDetail, extra: Partial<TrackedRun> = {}): TrackedRun {
  return {
    Name: detail.workflowName,
    WorkflowRunId: detail.runId,
    PreviousRunId: detail.previousRunId,
    Status: detail.status,
    Outcome: detail.outcome,
    FailedNodes: detail.failedNodes,
    ...(detail.statistics ? { Statistics: detail.statistics } : {}),
    ...(detail.errorMessage ? { ErrorMessage: detail.errorMessage } : {}),
    StartedOn: detail.startedOn,
    CompletedOn: detail.completedOn,
    FirstSeenAt: detail.startedOn ?? "2026-01-01T00:00:00.000Z",
    LastObservedAt: detail.completedOn ?? "2026-01-01T00:00:00.000Z",
    ObservedVia: "event",
    ...extra,
  };
}

export type ResumeStore = Pick<
  RunStore,
  | "getRun"
  | "claimResumeAttempt"
  | "beginResumeAttempt"
  | "releaseResumeAttempt"
  | "recordResumeDecision"
  | "addResumedAs"
> & {
  runs: Map<string, TrackedRun>;
  /** Resume leases held, by run: until when, and by which attempt. */
  leases: Map<string, { until: string; owner: string }>;
  put(run: TrackedRun): void;
  claims: number;
};

export function createResumeStore(runs: TrackedRun[] = []): ResumeStore {
  const byKey = new Map<string, TrackedRun>();
  const key = (workflowName: string, runId: string) => `${workflowName}/${runId}`;
  const leases = new Map<string, { until: string; owner: string }>();
  const store: ResumeStore = {
    runs: byKey,
    leases,
    claims: 0,
    put(run) {
      byKey.set(key(run.Name, run.WorkflowRunId), structuredClone(run));
    },
    async getRun(workflowName, runId) {
      const run = byKey.get(key(workflowName, runId));
      return run && structuredClone(run);
    },
    async claimResumeAttempt(workflowName, runId, autoResume) {
      const run = byKey.get(key(workflowName, runId));
      if (!run || run.AutoResume?.Decision) return false;
      run.AutoResume = structuredClone(autoResume);
      store.claims += 1;
      return true;
    },
    async beginResumeAttempt(workflowName, runId, claimedAt, lease) {
      const k = key(workflowName, runId);
      const claim = byKey.get(k)?.AutoResume;
      const held = leases.get(k);
      if (claim?.Decision !== "resumed" || claim.LastAttemptAt !== claimedAt) return false;
      if (byKey.get(k)?.ResumedAs?.length) return false;
      if (held && held.until > lease.now && held.owner !== lease.owner) return false;
      leases.set(k, { until: lease.until, owner: lease.owner });
      return true;
    },
    async releaseResumeAttempt(workflowName, runId, owner) {
      if (leases.get(key(workflowName, runId))?.owner === owner) leases.delete(key(workflowName, runId));
    },
    async recordResumeDecision(workflowName, runId, autoResume) {
      const run = byKey.get(key(workflowName, runId));
      if (run) run.AutoResume = structuredClone(autoResume);
      leases.delete(key(workflowName, runId));
    },
    async addResumedAs(workflowName, runId, resumedRunId) {
      const run = byKey.get(key(workflowName, runId));
      if (run && !run.ResumedAs?.includes(resumedRunId)) run.ResumedAs = [...(run.ResumedAs ?? []), resumedRunId];
    },
  };
  for (const run of runs) store.put(run);
  return store;
}
