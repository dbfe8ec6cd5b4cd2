import { withDefaults } from "../../src/insights/settings.ts";
/**
 * A minimal in-memory RunStore for unit tests of ingest: status-ordered snapshots,
 * transitions on Status/Outcome change, the announced state and one lease per state
 * as the real store keeps them on the run item. The real store is exercised by
 * packages/core/test/store and tests/ingest.
 */
import { announcementRank } from "../../src/store/announcement.ts";
import type {
  AnnounceDecision,
  Announcer,
  PutSnapshotResult,
  RunState,
  RunStore,
  SnapshotInput,
  StandaloneJobRun,
} from "../../src/store/run-store.ts";
import type { Outcome, TrackedRun } from "../../src/workflow-run/types.ts";

const RANK: Record<string, number> = { RUNNING: 0, STOPPING: 1, COMPLETED: 2, STOPPED: 2, ERROR: 2 };

function outcomeOf(input: SnapshotInput): Outcome {
  const { Status, Statistics } = input.run;
  if (Status === "RUNNING" || Status === "STOPPING") return "RUNNING";
  if (Status === "STOPPED") return "STOPPED";
  if (Status === "ERROR") return "ERROR";
  const failed =
    (Statistics?.FailedActions ?? 0) + (Statistics?.TimeoutActions ?? 0) + (Statistics?.ErroredActions ?? 0);
  return failed > 0 ? "FAILED" : "SUCCEEDED";
}

function progress(run: { Statistics?: Record<string, number | undefined> }): number {
  const s = run.Statistics ?? {};
  return (s.TotalActions ?? 0) * 1000 - (s.RunningActions ?? 0);
}

export function createFakeStore(): RunStore & { runs: Map<string, TrackedRun>; standalone: StandaloneJobRun[] } {
  const runs = new Map<string, TrackedRun>();
  const standalone: StandaloneJobRun[] = [];
  const countedRuns = new Set<string>();
  const announced = new Map<string, RunState>();
  const leases = new Map<string, { owner: string; until: string }>();
  const leaseKey = (key: string, state: RunState) => `${key}|${state.status}|${state.outcome}`;
  const decide = (key: string, announcer: Announcer | undefined): AnnounceDecision | undefined => {
    const run = runs.get(key);
    if (!announcer || !run) return undefined;
    const state: RunState = { status: run.Status ?? "RUNNING", outcome: run.Outcome };
    const done = announced.get(key);
    if (done && announcementRank(done) >= announcementRank(state)) return { kind: "announced" };
    const lease = leases.get(leaseKey(key, state));
    if (lease && lease.owner !== announcer.owner && lease.until > announcer.now.toISOString()) return { kind: "busy" };
    const until = new Date(announcer.now.getTime() + announcer.leaseMs).toISOString();
    leases.set(leaseKey(key, state), { owner: announcer.owner, until });
    return { kind: "mine", state, previous: done ?? null, run };
  };
  const withDecision = (result: PutSnapshotResult, key: string, announcer: Announcer | undefined) => {
    const announce = decide(key, announcer);
    return announce ? { ...result, announce } : result;
  };
  const notUsed = () => {
    throw new Error("not used by this test");
  };
  return {
    runs,
    standalone,
    async putSnapshot(input): Promise<PutSnapshotResult> {
      const key = `${input.run.Name}/${input.run.WorkflowRunId}`;
      const old = runs.get(key);
      const newer =
        !old ||
        (RANK[input.run.Status ?? "RUNNING"] ?? 0) > (RANK[old.Status ?? "RUNNING"] ?? 0) ||
        ((RANK[input.run.Status ?? "RUNNING"] ?? 0) === (RANK[old.Status ?? "RUNNING"] ?? 0) &&
          progress(input.run) > progress(old));
      if (!newer) return withDecision({ stored: false, transition: null }, key, input.announcer);
      const run: TrackedRun = {
        ...input.run,
        Name: input.run.Name as string,
        WorkflowRunId: input.run.WorkflowRunId as string,
        Outcome: outcomeOf(input),
        FailedNodes: [],
        FirstSeenAt: old?.FirstSeenAt ?? input.observedAt,
        LastObservedAt: input.observedAt,
        ObservedVia: input.via,
      };
      runs.set(key, run);
      const changed = !old || old.Status !== run.Status || old.Outcome !== run.Outcome;
      return withDecision(
        {
          stored: true,
          transition: changed
            ? {
                workflowName: run.Name,
                runId: run.WorkflowRunId,
                previous: old ? { status: old.Status ?? "RUNNING", outcome: old.Outcome } : null,
                current: { status: run.Status ?? "RUNNING", outcome: run.Outcome },
                run,
              }
            : null,
        },
        key,
        input.announcer,
      );
    },
    async claimAnnouncement(workflowName, runId, announcer) {
      return decide(`${workflowName}/${runId}`, announcer);
    },
    async commitAnnouncement(workflowName, runId, owner, state) {
      const key = `${workflowName}/${runId}`;
      if (leases.get(leaseKey(key, state))?.owner === owner) leases.delete(leaseKey(key, state));
      const done = announced.get(key);
      if (!done || announcementRank(done) < announcementRank(state)) announced.set(key, state);
    },
    async releaseAnnouncement(workflowName, runId, owner, state) {
      const key = `${workflowName}/${runId}`;
      if (leases.get(leaseKey(key, state))?.owner === owner) leases.delete(leaseKey(key, state));
    },
    async getRun(workflowName, runId) {
      return runs.get(`${workflowName}/${runId}`);
    },
    async putStandaloneJobRun(jobRun) {
      standalone.push(jobRun);
    },
    getRunProperties: notUsed,
    listRuns: notUsed,
    listActiveRuns: notUsed,
    listRunsByOutcome: notUsed,
    getTimeline: notUsed,
    putWorkflow: notUsed,
    markWorkflowDeleted: notUsed,
    getWorkflow: notUsed,
    listWorkflows: notUsed,
    workflowsContaining: notUsed,
    claimResumeAttempt: notUsed,
    beginResumeAttempt: notUsed,
    releaseResumeAttempt: notUsed,
    recordResumeDecision: notUsed,
    addResumedAs: notUsed,
    async noteRunNotFound(workflowName, runId, at) {
      const run = runs.get(`${workflowName}/${runId}`) as (TrackedRun & { NotFoundSince?: string }) | undefined;
      if (run?.Outcome !== "RUNNING") return undefined;
      run.NotFoundSince ??= at;
      return run.NotFoundSince;
    },
    async closeRun(workflowName, runId, closure) {
      const run = runs.get(`${workflowName}/${runId}`);
      if (run?.Outcome !== "RUNNING") return undefined;
      const closed: TrackedRun = {
        ...run,
        Outcome: "UNKNOWN",
        ClosedReason: closure.reason,
        ClosedAt: closure.closedAt,
      };
      runs.set(`${workflowName}/${runId}`, closed);
      return closed;
    },
    async finishRunClosure(workflowName, runId) {
      return runs.get(`${workflowName}/${runId}`)?.Outcome === "UNKNOWN";
    },
    async recordRunStats(run) {
      const key = `${run.Name}/${run.WorkflowRunId}`;
      if (run.Outcome === "RUNNING") return "not-ended";
      if (countedRuns.has(key)) return "already-counted";
      countedRuns.add(key);
      return "counted";
    },
    getWorkflowStats: notUsed,
    async getWorkflowSettings() {
      return withDefaults(undefined);
    },
    putWorkflowSettings: notUsed,
  };
}
