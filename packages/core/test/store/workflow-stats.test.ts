/**
 * Statistics in the store (dynalite, and DynamoDB Local with `npm run test:dynamodb-local`):
 * one conditional UpdateItem per ended run, counted once whatever repeats it, read
 * back over a window of days with merged duration percentiles.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { countStoredRuns } from "../../src/insights/stats/count-stored-runs.ts";
import { statsDayKey } from "../../src/store/keys.ts";
import type { RunStore } from "../../src/store/run-store.ts";
import type { RunSnapshot, TrackedRun } from "../../src/workflow-run/types.ts";
import { crawlerNode, jobNode, largeGraph, run, runId } from "../workflow-run/fixtures.ts";
import { useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();

/** Stores a finished run (start, then end) and returns it as the ending transition reports it. */
async function endedRun(store: RunStore, snapshot: RunSnapshot): Promise<TrackedRun> {
  await store.putSnapshot({
    run: { ...snapshot, Status: "RUNNING", CompletedOn: undefined },
    observedAt: snapshot.StartedOn as string,
    via: "event",
  });
  const { transition } = await store.putSnapshot({
    run: snapshot,
    observedAt: snapshot.CompletedOn as string,
    via: "event",
  });
  if (!transition) throw new Error("expected a transition");
  return transition.run;
}

const minutes = (start: string, m: number) => new Date(Date.parse(start) + m * 60_000).toISOString();

function finished(
  id: string,
  startedOn: string,
  durationMinutes: number,
  outcome: "SUCCEEDED" | "FAILED" | "STOPPED" = "SUCCEEDED",
  extra: Partial<RunSnapshot> = {},
): RunSnapshot {
  const failed = outcome === "FAILED" ? 1 : 0;
  return {
    ...run({
      id: runId(id),
      startedOn,
      completedOn: minutes(startedOn, durationMinutes),
      status: outcome === "STOPPED" ? "STOPPED" : "COMPLETED",
      stats: {
        TotalActions: 1,
        SucceededActions: 1 - failed - (outcome === "STOPPED" ? 1 : 0),
        FailedActions: failed,
        StoppedActions: outcome === "STOPPED" ? 1 : 0,
      },
    }),
    ...extra,
  };
}

describe("workflow statistics in the store", () => {
  it("counts an ended run once: a duplicate, a retry and a concurrent copy count nothing more", async () => {
    // Prepare
    const { store, tableName } = await local.freshStore();
    const ended = await endedRun(store, finished("once", "2026-12-01T10:00:00.000Z", 30, "FAILED"));

    // Act
    const first = await store.recordRunStats(ended);
    const again = await store.recordRunStats(ended);
    const racing = await Promise.all([store.recordRunStats(ended), store.recordRunStats(ended)]);

    // Assess
    expect(first).toBe("counted");
    expect(again).toBe("already-counted");
    expect(racing).toEqual(["already-counted", "already-counted"]);
    const stats = await store.getWorkflowStats("nightly-etl", { since: "2026-12-01", until: "2026-12-01" });
    expect(stats).toMatchObject({ runs: 1, failed: 1, succeeded: 0, failureRate: 1 });
    const { Item } = await local.dynamo.documentClient.send(
      new GetCommand({ TableName: tableName, Key: statsDayKey("nightly-etl", "2026-12-01") }),
    );
    expect(Item?.CountedRuns).toEqual(new Set([expect.any(String)]));
  });

  it("two different runs racing on the same day are both counted", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const a = await endedRun(store, finished("race-a", "2026-12-01T01:00:00.000Z", 10));
    const b = await endedRun(store, finished("race-b", "2026-12-01T02:00:00.000Z", 20));

    // Act
    const results = await Promise.all([store.recordRunStats(a), store.recordRunStats(b)]);

    // Assess
    expect(results).toEqual(["counted", "counted"]);
    expect(await store.getWorkflowStats("nightly-etl", { since: "2026-12-01", until: "2026-12-01" })).toMatchObject({
      runs: 2,
      succeeded: 2,
    });
  });

  it("makes no request for a run still running", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const { transition } = await store.putSnapshot({
      run: run({ id: runId("running") }),
      observedAt: "2026-12-01T00:00:00.000Z",
      via: "event",
    });

    // Act
    const result = await store.recordRunStats(transition?.run as TrackedRun);

    // Assess
    expect(result).toBe("not-ended");
  });

  it("serves per-day buckets, totals, failure rate and duration percentiles over a window", async () => {
    // Prepare: day 1 two successes (10, 20 min) and a failure (5 min); day 2 one stopped run; day 3 outside the window
    const { store } = await local.freshStore();
    const runs = [
      finished("d1-a", "2026-11-10T01:00:00.000Z", 10),
      finished("d1-b", "2026-11-10T02:00:00.000Z", 20),
      finished("d1-c", "2026-11-10T23:59:00.000Z", 5, "FAILED"),
      finished("d2-a", "2026-11-11T08:00:00.000Z", 60, "STOPPED"),
      finished("d3-a", "2026-11-13T08:00:00.000Z", 1),
    ];
    for (const snapshot of runs) await store.recordRunStats(await endedRun(store, snapshot));

    // Act
    const stats = await store.getWorkflowStats("nightly-etl", { since: "2026-11-10", until: "2026-11-12T23:00:00Z" });

    // Assess
    expect(stats).toMatchObject({
      workflowName: "nightly-etl",
      since: "2026-11-10",
      until: "2026-11-12",
      runs: 4,
      succeeded: 2,
      failed: 1,
      stopped: 1,
      errored: 0,
      failureRate: 0.25,
      autoResumes: { count: 0, succeeded: 0 },
    });
    expect(stats.days.map((d) => [d.day, d.runs, d.failureRate])).toEqual([
      ["2026-11-10", 3, 0.3333],
      ["2026-11-11", 1, 0],
    ]);
    expect(stats.successfulDuration.count).toBe(2);
    expect(stats.successfulDuration.p95).toBeCloseTo(1200, -1); // within 1 % of 20 min
    expect(Math.abs((stats.duration.max ?? 0) - 3600) / 3600).toBeLessThanOrEqual(0.01);
    expect(Math.abs((stats.duration.p50 ?? 0) - 600) / 600).toBeLessThanOrEqual(0.01);
  });

  it("keeps per-node counts and durations, for node names with any characters", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const graph = {
      Nodes: [
        jobNode("load.v2|eu", ["FAILED", "SUCCEEDED"]),
        jobNode("report", ["TIMEOUT"]),
        crawlerNode("raw crawler", ["SUCCEEDED"]),
      ],
      Edges: [],
    };
    const snapshot = finished("nodes", "2026-11-01T08:00:00.000Z", 30, "FAILED", { Graph: graph });
    await store.recordRunStats(await endedRun(store, snapshot));

    // Act
    const stats = await store.getWorkflowStats("nightly-etl", { since: "2026-11-01", until: "2026-11-01" });

    // Assess
    expect(stats.nodes.map((n) => [n.type, n.name, n.runs, n.succeeded, n.failed])).toEqual([
      ["JOB", "load.v2|eu", 1, 1, 0],
      ["CRAWLER", "raw crawler", 1, 1, 0],
      ["JOB", "report", 1, 0, 1],
    ]);
    // the last attempt of load.v2|eu ran 5 minutes (fixtures)
    expect(Math.abs((stats.nodes[0]?.duration.p50 ?? 0) - 300) / 300).toBeLessThanOrEqual(0.01);
  });

  it("a 100-node graph fits in the one request (expressions stay under DynamoDB's 4 KB)", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const snapshot = finished("large", "2026-11-01T08:00:00.000Z", 30, "FAILED", { Graph: largeGraph(80, 20) });

    // Act
    const result = await store.recordRunStats(await endedRun(store, snapshot));

    // Assess
    const stats = await store.getWorkflowStats("nightly-etl", { since: "2026-11-01", until: "2026-11-01" });
    expect(result).toBe("counted");
    expect(stats.runs).toBe(1);
    expect(stats.nodes.length).toBeGreaterThan(0);
  });

  it("counts auto-resumes and their successes; a resume by hand is not one", async () => {
    // Prepare: original run failed, auto-resume decided "resumed"; another failed run resumed by hand
    const { store } = await local.freshStore();
    const original = await endedRun(store, finished("orig", "2026-11-20T01:00:00.000Z", 5, "FAILED"));
    await store.claimResumeAttempt("nightly-etl", original.WorkflowRunId, {
      Attempts: 1,
      Decision: "resumed",
      LastAttemptAt: "2026-11-20T01:10:00.000Z",
    });
    const byHand = await endedRun(store, finished("hand", "2026-11-20T03:00:00.000Z", 5, "FAILED"));
    const resumed = await endedRun(
      store,
      finished("resumed", "2026-11-20T01:12:00.000Z", 4, "SUCCEEDED", { PreviousRunId: original.WorkflowRunId }),
    );
    const manual = await endedRun(
      store,
      finished("manual", "2026-11-20T03:30:00.000Z", 4, "SUCCEEDED", { PreviousRunId: byHand.WorkflowRunId }),
    );

    // Act
    for (const r of [original, byHand, resumed, manual]) await store.recordRunStats(r);

    // Assess
    const stats = await store.getWorkflowStats("nightly-etl", { since: "2026-11-20", until: "2026-11-20" });
    expect(stats.autoResumes).toEqual({ count: 1, succeeded: 1, successRate: 1 });
    expect(stats.runs).toBe(4);
  });

  it("sums run cost when runs carry one", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const a = await endedRun(store, finished("cost-a", "2026-11-21T01:00:00.000Z", 5));
    const b = await endedRun(store, finished("cost-b", "2026-11-22T01:00:00.000Z", 5));
    const cost = (amount: number) => ({
      Cost: { DpuSeconds: amount * 1000, Amount: amount, Currency: "USD", Estimated: false },
    });

    // Act
    await store.recordRunStats({ ...a, ...cost(1.25) } as TrackedRun);
    await store.recordRunStats({ ...b, ...cost(0.5) } as TrackedRun);

    // Assess
    const stats = await store.getWorkflowStats("nightly-etl", { since: "2026-11-21", until: "2026-11-22" });
    expect(stats.cost).toEqual({ amount: 1.75, currency: "USD", dpuSeconds: 1750 });
    expect(stats.days.map((d) => d.cost.amount)).toEqual([1.25, 0.5]);
  });

  it("answers an empty window with zero counts, and refuses a reversed or over-long one", async () => {
    // Prepare
    const { store } = await local.freshStore({ now: () => new Date("2026-12-05T10:00:00.000Z") });

    // Act
    const empty = await store.getWorkflowStats("never-ran");

    // Assess
    expect(empty).toMatchObject({ since: "2026-11-06", until: "2026-12-05", runs: 0, days: [], nodes: [] });
    expect(empty.failureRate).toBeUndefined();
    expect(empty.successfulDuration).toEqual({ count: 0 });
    await expect(store.getWorkflowStats("x", { since: "2026-12-02", until: "2026-12-01" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(store.getWorkflowStats("x", { since: "2025-01-01", until: "2026-12-01" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});

describe("countStoredRuns", () => {
  it("counts runs stored before statistics existed, once, however often it is repeated", async () => {
    // Prepare: three ended runs and a running one in the store, none counted (as before this feature)
    const { store } = await local.freshStore();
    for (const [id, outcome] of [
      ["old-a", "SUCCEEDED"],
      ["old-b", "FAILED"],
      ["old-c", "SUCCEEDED"],
    ] as const) {
      await endedRun(store, finished(id, "2026-10-05T01:00:00.000Z", 10, outcome));
    }
    await store.putSnapshot({
      run: run({ id: runId("old-running"), startedOn: "2026-10-05T05:00:00.000Z" }),
      observedAt: "2026-10-05T05:00:00.000Z",
      via: "event",
    });

    // Act
    const first = await countStoredRuns(store, "nightly-etl");
    const again = await countStoredRuns(store, "nightly-etl");

    // Assess
    expect(first).toEqual({ counted: 3, alreadyCounted: 0, running: 1 });
    expect(again).toEqual({ counted: 0, alreadyCounted: 3, running: 1 });
    expect(await store.getWorkflowStats("nightly-etl", { since: "2026-10-05", until: "2026-10-05" })).toMatchObject({
      runs: 3,
      failed: 1,
    });
  });
});
