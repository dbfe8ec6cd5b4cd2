import { describe, expect, it } from "vitest";
import type { Run } from "../src/page/api-types.ts";
import { matchesSearch, STRIP_LENGTH, sortRows, workflowStats } from "../src/page/workflow-stats.ts";

const now = Date.parse("2026-12-05T12:00:00Z");
const daysAgo = (d: number) => new Date(now - d * 86_400_000).toISOString();
const run = (id: string, Outcome: string, StartedOn?: string): Run =>
  ({ Name: "w", WorkflowRunId: id, Outcome, StartedOn, FailedNodes: [] }) as unknown as Run;

describe("workflowStats", () => {
  it("counts runs in the 7-day window and rates failures among finished ones", () => {
    const runs = [
      run("r1", "RUNNING", daysAgo(0)),
      run("r2", "FAILED", daysAgo(1)),
      run("r3", "SUCCEEDED", daysAgo(2)),
      run("r4", "ERROR", daysAgo(3)),
      run("r5", "SUCCEEDED", daysAgo(6.9)),
      run("old", "FAILED", daysAgo(8)),
    ];
    const stats = workflowStats(runs, now, false);
    expect(stats.runCount).toBe(5);
    expect(stats.failureRate).toBe(2 / 4);
    expect(stats.capped).toBe(false);
    expect(stats.recent.map((r) => r.WorkflowRunId)).toEqual(["r1", "r2", "r3", "r4", "r5", "old"]);
  });

  it("says the count is capped when the whole full page is inside the window", () => {
    const runs = Array.from({ length: 20 }, (_, i) => run(`r${i}`, "SUCCEEDED", daysAgo(0.1)));
    const stats = workflowStats(runs, now, true);
    expect(stats.capped).toBe(true);
    expect(stats.recent).toHaveLength(STRIP_LENGTH);
  });

  it("has no failure rate without a finished run, and counts an UNKNOWN outcome as finished, not failed", () => {
    expect(workflowStats([run("r", "RUNNING", daysAgo(0))], now, false).failureRate).toBeUndefined();
    expect(workflowStats([], now, false)).toMatchObject({ runCount: 0, failureRate: undefined, recent: [] });
    expect(
      workflowStats([run("u", "UNKNOWN", daysAgo(1)), run("f", "FAILED", daysAgo(1))], now, false).failureRate,
    ).toBe(0.5);
  });
});

describe("sortRows and matchesSearch", () => {
  const rows = [
    { name: "b", lastStarted: "2026-01-02", outcome: "FAILED", runCount: 3, failureRate: 0.5 },
    { name: "a", lastStarted: undefined, outcome: undefined, runCount: undefined, failureRate: undefined },
    { name: "c", lastStarted: "2026-01-03", outcome: "SUCCEEDED", runCount: 10, failureRate: 0 },
  ];

  it("sorts either way with missing values last", () => {
    expect(sortRows(rows, "name", "ascending").map((r) => r.name)).toEqual(["a", "b", "c"]);
    expect(sortRows(rows, "runCount", "descending").map((r) => r.name)).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, "runCount", "ascending").map((r) => r.name)).toEqual(["b", "c", "a"]);
    expect(sortRows(rows, "lastStarted", "descending").map((r) => r.name)).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, "failureRate", "descending").map((r) => r.name)).toEqual(["b", "c", "a"]);
  });

  it("searches names case-insensitively", () => {
    expect(matchesSearch("Sales-Daily-ETL", " daily ")).toBe(true);
    expect(matchesSearch("customer-sync", "sales")).toBe(false);
    expect(matchesSearch("anything", "")).toBe(true);
  });
});
