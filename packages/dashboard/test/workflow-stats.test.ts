import { describe, expect, it } from "vitest";
import type { Run, WorkflowStatsBody } from "../src/page/api-types.ts";
import { matchesSearch, STRIP_LENGTH, sortRows, workflowStats } from "../src/page/workflow-stats.ts";

const now = Date.parse("2026-12-05T12:00:00Z");
const daysAgo = (d: number) => new Date(now - d * 86_400_000).toISOString();
const run = (id: string, Outcome: string, StartedOn?: string): Run =>
  ({ Name: "w", WorkflowRunId: id, Outcome, StartedOn, FailedNodes: [] }) as unknown as Run;

/** A stats body as GET /workflows/{name}/stats answers it (figures of the last 30 days). */
const figures = (overrides: Partial<WorkflowStatsBody> = {}): WorkflowStatsBody => ({
  WorkflowName: "w",
  Since: "2026-11-06",
  Until: "2026-12-05",
  Runs: 4,
  Succeeded: 2,
  Failed: 1,
  Stopped: 0,
  Errored: 1,
  Unknown: 0,
  FailureRate: 0.5,
  AutoResumes: { Count: 0, Succeeded: 0 },
  Duration: { Count: 4, P50: 600, P95: 1800, Max: 1800 },
  SuccessfulDuration: { Count: 2, P50: 600, P95: 600, Max: 600 },
  Cost: { Amount: 0, DpuSeconds: 0 },
  Days: [],
  Nodes: [],
  ...overrides,
});

describe("workflowStats", () => {
  it("takes the counts, failure rate and durations from the stats route, and the strip from the newest runs", () => {
    const runs = [run("r1", "RUNNING", daysAgo(0)), run("r2", "FAILED", daysAgo(1))];
    const stats = workflowStats(runs, figures());
    expect(stats).toMatchObject({ runCount: 4, failureRate: 0.5, p50: 600, p95: 1800 });
    expect(stats.recent.map((r) => r.WorkflowRunId)).toEqual(["r1", "r2"]);
  });

  it("keeps at most STRIP_LENGTH runs in the strip", () => {
    const runs = Array.from({ length: 20 }, (_, i) => run(`r${i}`, "SUCCEEDED", daysAgo(0.1)));
    expect(workflowStats(runs, figures()).recent).toHaveLength(STRIP_LENGTH);
  });

  it("has no failure rate or durations when no run ended in the window", () => {
    const empty = figures({
      Runs: 0,
      Succeeded: 0,
      Failed: 0,
      Errored: 0,
      FailureRate: undefined,
      Duration: { Count: 0 },
    });
    expect(workflowStats([], empty)).toMatchObject({
      runCount: 0,
      failureRate: undefined,
      p50: undefined,
      p95: undefined,
    });
  });
});

describe("sortRows and matchesSearch", () => {
  const rows = [
    { name: "b", lastStarted: "2026-01-02", outcome: "FAILED", runCount: 3, failureRate: 0.5, p95: 90 },
    { name: "a", lastStarted: undefined, outcome: undefined, runCount: undefined, failureRate: undefined },
    { name: "c", lastStarted: "2026-01-03", outcome: "SUCCEEDED", runCount: 10, failureRate: 0, p95: 30 },
  ];

  it("sorts either way with missing values last", () => {
    expect(sortRows(rows, "name", "ascending").map((r) => r.name)).toEqual(["a", "b", "c"]);
    expect(sortRows(rows, "runCount", "descending").map((r) => r.name)).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, "runCount", "ascending").map((r) => r.name)).toEqual(["b", "c", "a"]);
    expect(sortRows(rows, "lastStarted", "descending").map((r) => r.name)).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, "failureRate", "descending").map((r) => r.name)).toEqual(["b", "c", "a"]);
    expect(sortRows(rows, "p95", "ascending").map((r) => r.name)).toEqual(["c", "b", "a"]);
  });

  it("searches names case-insensitively", () => {
    expect(matchesSearch("Sales-Daily-ETL", " daily ")).toBe(true);
    expect(matchesSearch("customer-sync", "sales")).toBe(false);
    expect(matchesSearch("anything", "")).toBe(true);
  });
});
