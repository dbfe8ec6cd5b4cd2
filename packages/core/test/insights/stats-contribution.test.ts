/** What one ended run adds to its day, and the one request that adds it. */
import { describe, expect, it } from "vitest";
import { runContribution } from "../../src/insights/stats/contribution.ts";
import { readDayItem } from "../../src/insights/stats/layout.ts";
import { countedRunId, dayUpdate } from "../../src/store/workflow-stats.ts";
import type { TrackedRun } from "../../src/workflow-run/types.ts";
import { crawlerNode, jobNode, largeGraph, run, runId } from "../workflow-run/fixtures.ts";

function tracked(overrides: Partial<TrackedRun>): TrackedRun {
  const { WorkflowRunProperties: _p, ...snapshot } = run({ id: runId("c"), startedOn: "2026-12-04T23:30:00.000Z" });
  return {
    ...snapshot,
    Name: "nightly-etl",
    WorkflowRunId: runId("c"),
    Outcome: "SUCCEEDED",
    FailedNodes: [],
    FirstSeenAt: "2026-12-04T23:30:01.000Z",
    LastObservedAt: "2026-12-05T00:10:00.000Z",
    ObservedVia: "event",
    Status: "COMPLETED",
    CompletedOn: "2026-12-05T00:10:00.000Z",
    ...overrides,
  };
}

/** Applies a contribution's increments the way DynamoDB's ADD would, to an empty item. */
function applied(contribution: NonNullable<ReturnType<typeof runContribution>>): Record<string, unknown> {
  const item: Record<string, unknown> = { Day: contribution.day };
  for (const map of [contribution.increments, ...contribution.nodeIncrements]) {
    for (const [name, value] of map) item[name] = ((item[name] as number | undefined) ?? 0) + value;
  }
  return item;
}

describe("runContribution", () => {
  it("buckets by the StartedOn day (UTC), not the day the run ended", () => {
    expect(runContribution(tracked({}), { autoResumed: false })?.day).toBe("2026-12-04");
  });

  it("counts nothing for a run still running", () => {
    expect(runContribution(tracked({ Outcome: "RUNNING", Status: "RUNNING" }), { autoResumed: false })).toBeUndefined();
  });

  it("reads back as one run of its outcome, its duration, and each node's last attempt", () => {
    // Prepare
    const graph = {
      Nodes: [jobNode("load", ["FAILED", "SUCCEEDED"]), crawlerNode("raw", ["CANCELLED"]), jobNode("idle", [])],
      Edges: [],
    };
    const run = tracked({ Outcome: "FAILED", Graph: graph });

    // Act
    const day = readDayItem(applied(runContribution(run, { autoResumed: true }) as never));

    // Assess
    expect(day.counts).toEqual({ runs: 1, succeeded: 0, failed: 1, stopped: 0, errored: 0, unknown: 0 });
    expect(day.autoResumes).toBe(1);
    expect(day.autoResumesSucceeded).toBe(0);
    expect([...day.bins.all.values()]).toEqual([1]);
    expect(day.bins.ok.size).toBe(0);
    expect([...day.nodes.values()].map((n) => [n.kind, n.name, n.counts.succeeded, n.counts.stopped])).toEqual([
      ["JOB", "load", 1, 0],
      ["CRAWLER", "raw", 0, 1],
    ]);
  });
});

describe("dayUpdate", () => {
  it("keeps the expression under DynamoDB's 4 KB by cutting the node list of a huge graph, never the run", () => {
    // Prepare
    const run = tracked({ Outcome: "FAILED", Graph: largeGraph(400, 100) });
    const contribution = runContribution(run, { autoResumed: false });

    // Act
    const request = dayUpdate(run, contribution as never);

    // Assess
    expect(request.UpdateExpression.length).toBeLessThanOrEqual(4000);
    const names = Object.values(request.ExpressionAttributeNames);
    expect(names).toEqual(expect.arrayContaining(["Runs", "Failed", "CountedRuns"]));
    expect(names.filter((n) => n.startsWith("N|")).length).toBeGreaterThan(50);
    expect(request.ConditionExpression).toMatch(/^NOT contains\(#\w+, :id\)$/);
    expect(request.ExpressionAttributeValues[":id"]).toBe(countedRunId(run.WorkflowRunId));
  });
});
