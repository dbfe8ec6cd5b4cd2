import { withDefaults } from "../../src/insights/settings.ts";
/**
 * A minimal in-memory RunStore for unit tests of ingest: status-ordered snapshots,
 * transitions on Status/Outcome change. The real store is exercised by tests/ingest.
 */
import type { PutSnapshotResult, RunStore, SnapshotInput, StandaloneJobRun } from "../../src/store/run-store.ts";
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
      if (!newer) return { stored: false, transition: null };
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
      return {
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
      };
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
