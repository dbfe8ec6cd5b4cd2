/**
 * A RunStore double for the HTTP layer's unit tests (no network): runs and
 * workflows in maps, pages by offset with a checksummed token. The real store
 * is exercised by tests/api against dynalite.
 */
import { createHash } from "node:crypto";
import {
  Insights,
  InvalidInputError,
  type RunStore,
  type TrackedRun,
  type TrackedWorkflow,
} from "@glue-run-tracker/core";

const sign = (offset: number) =>
  `${offset}.${createHash("sha256").update(`page:${offset}`).digest("hex").slice(0, 12)}`;

function page<T>(items: T[], maxResults = 100, nextToken?: string) {
  let start = 0;
  if (nextToken) {
    const offset = Number(nextToken.split(".")[0]);
    if (!Number.isInteger(offset) || sign(offset) !== nextToken) throw new InvalidInputError("nextToken is invalid");
    start = offset;
  }
  const end = start + maxResults;
  return { items: items.slice(start, end), nextToken: end < items.length ? sign(end) : undefined };
}

export function createMemoryStore(seed: { runs?: TrackedRun[]; workflows?: TrackedWorkflow[] } = {}): RunStore {
  const runs = [...(seed.runs ?? [])];
  const settings = new Map<string, Insights.WorkflowSettings>();
  const workflows = [...(seed.workflows ?? [])];
  const newestFirst = (list: TrackedRun[]) =>
    [...list].sort((a, b) => (b.StartedOn ?? "").localeCompare(a.StartedOn ?? ""));
  const unsupported = async (): Promise<never> => {
    throw new Error("not used by the API's unit tests");
  };
  return {
    async getRun(name, runId) {
      return runs.find((run) => run.Name === name && run.WorkflowRunId === runId);
    },
    getRunProperties: unsupported,
    async listRuns(name, query = {}) {
      return page(
        newestFirst(runs.filter((run) => run.Name === name && (!query.outcome || run.Outcome === query.outcome))),
        query.maxResults,
        query.nextToken,
      );
    },
    async listActiveRuns(request = {}) {
      return page(newestFirst(runs.filter((run) => run.Outcome === "RUNNING")), request.maxResults, request.nextToken);
    },
    async listRunsByOutcome(outcome, query = {}) {
      return page(newestFirst(runs.filter((run) => run.Outcome === outcome)), query.maxResults, query.nextToken);
    },
    async getTimeline(name, runId) {
      const run = runs.find((r) => r.Name === name && r.WorkflowRunId === runId);
      return run
        ? [{ ObservedAt: run.FirstSeenAt, ObservedVia: run.ObservedVia, Status: run.Status, Outcome: run.Outcome }]
        : [];
    },
    async getWorkflow(name) {
      return workflows.find((workflow) => workflow.Name === name);
    },
    async listWorkflows(request = {}) {
      return page(workflows, request.maxResults, request.nextToken);
    },
    putSnapshot: unsupported,
    claimAnnouncement: unsupported,
    commitAnnouncement: unsupported,
    releaseAnnouncement: unsupported,
    putWorkflow: unsupported,
    markWorkflowDeleted: unsupported,
    workflowsContaining: unsupported,
    putStandaloneJobRun: unsupported,
    claimResumeAttempt: unsupported,
    beginResumeAttempt: unsupported,
    releaseResumeAttempt: unsupported,
    recordResumeDecision: unsupported,
    addResumedAs: unsupported,
    noteRunNotFound: unsupported,
    closeRun: unsupported,
    finishRunClosure: unsupported,
    recordRunStats: unsupported,
    getWorkflowStats: unsupported,
    async getWorkflowSettings(name) {
      return Insights.withDefaults(settings.get(name));
    },
    async putWorkflowSettings(name, value) {
      settings.set(name, value);
    },
  };
}

/** A finished run with one failed job, as the store serves it. */
export function trackedRun(overrides: Partial<TrackedRun> = {}): TrackedRun {
  return {
    Name: "etl",
    WorkflowRunId: "wr_0001",
    StartedOn: "2024-05-01T10:00:00.000Z",
    CompletedOn: "2024-05-01T10:05:00.000Z",
    Status: "COMPLETED",
    Statistics: { TotalActions: 2, SucceededActions: 1, FailedActions: 1, RunningActions: 0 },
    Outcome: "FAILED",
    FailedNodes: [{ NodeId: "job-load", Type: "JOB", Name: "load", State: "FAILED", ErrorMessage: "boom" }],
    FirstSeenAt: "2024-05-01T10:00:01.000Z",
    LastObservedAt: "2024-05-01T10:05:01.000Z",
    ObservedVia: "event",
    ...overrides,
  };
}
