import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { MAX_INLINE_TIMELINE_ACTIONS, RUNNING_TIMELINE_GRACE_DAYS } from "../../src/store/snapshot-writer.ts";
import { at, jobNode, run, runId, runLifecycle } from "../workflow-run/fixtures.ts";
import { useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();

describe("putSnapshot", () => {
  it("stores a new run and reports its first transition (null → RUNNING)", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const snapshot = run({ id: runId("first"), stats: { TotalActions: 1, RunningActions: 1 } });
    // Act
    const result = await store.putSnapshot({ run: snapshot, observedAt: at(1), via: "event" });
    // Assess
    expect(result.stored).toBe(true);
    expect(result.transition).toMatchObject({
      workflowName: "nightly-etl",
      runId: runId("first"),
      previous: null,
      current: { status: "RUNNING", outcome: "RUNNING" },
    });
    expect(result.transition?.run).toMatchObject({ FirstSeenAt: at(1), LastObservedAt: at(1), ObservedVia: "event" });
    expect(await store.getRun("nightly-etl", runId("first"))).toEqual(result.transition?.run);
  });

  it("reports COMPLETED with a failed action as RUNNING → FAILED, with the failed nodes", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const id = runId("failing");
    await store.putSnapshot({
      run: run({ id, stats: { TotalActions: 1, RunningActions: 1 } }),
      observedAt: at(1),
      via: "event",
    });
    const graph = { Nodes: [jobNode("load", ["FAILED"], "Rate exceeded")], Edges: [] };
    const completed = run({
      id,
      status: "COMPLETED",
      completedOn: at(2),
      stats: { TotalActions: 1, FailedActions: 1 },
      graph,
    });
    // Act
    const { transition } = await store.putSnapshot({ run: completed, observedAt: at(3), via: "recheck" });
    // Assess
    expect(transition?.previous).toEqual({ status: "RUNNING", outcome: "RUNNING" });
    expect(transition?.current).toEqual({ status: "COMPLETED", outcome: "FAILED" });
    expect(transition?.run.FailedNodes).toEqual([
      { NodeId: "wnode_job_load", Type: "JOB", Name: "load", State: "FAILED", ErrorMessage: "Rate exceeded" },
    ]);
    expect(transition?.run.FirstSeenAt).toBe(at(1));
  });

  it("refuses a duplicate and an older snapshot without reporting anything", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const [started, progressed] = runLifecycle(runId("dup"), 2);
    if (!started || !progressed) throw new Error("fixture too short");
    await store.putSnapshot({ ...progressed, via: "event" });
    // Act
    const duplicate = await store.putSnapshot({ ...progressed, via: "event" });
    const older = await store.putSnapshot({ ...started, via: "event" });
    // Assess
    expect(duplicate).toEqual({ stored: false, transition: null });
    expect(older).toEqual({ stored: false, transition: null });
    expect((await store.getRun("nightly-etl", runId("dup")))?.Statistics).toEqual(progressed.run.Statistics);
  });

  it("stores progress without a transition when Status and Outcome stay the same", async () => {
    const { store } = await local.freshStore();
    const [first, second] = runLifecycle(runId("progress"), 2);
    if (!first || !second) throw new Error("fixture too short");
    await store.putSnapshot({ ...first, via: "event" });
    expect(await store.putSnapshot({ ...second, via: "event" })).toEqual({ stored: true, transition: null });
  });

  it("never regresses a terminal run, even to a later-observed RUNNING snapshot", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const id = runId("terminal");
    await store.putSnapshot({
      run: run({ id, status: "STOPPED", completedOn: at(2) }),
      observedAt: at(2),
      via: "event",
    });
    // Act
    const late = await store.putSnapshot({
      run: run({ id, stats: { TotalActions: 5, SucceededActions: 4 } }),
      observedAt: at(9),
      via: "reconcile",
    });
    // Assess
    expect(late.stored).toBe(false);
    expect((await store.getRun("nightly-etl", id))?.Status).toBe("STOPPED");
  });

  it("keeps ResumedAs, AutoResume and FirstSeenAt written by others across snapshots", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const id = runId("annotated");
    await store.putSnapshot({ run: run({ id }), observedAt: at(1), via: "event" });
    await store.claimResumeAttempt("nightly-etl", id, { Attempts: 1, LastAttemptAt: at(2) });
    await store.addResumedAs("nightly-etl", id, runId("resumed"));
    // Act
    const { transition } = await store.putSnapshot({
      run: run({ id, status: "COMPLETED", completedOn: at(3), stats: { TotalActions: 1, FailedActions: 1 } }),
      observedAt: at(3),
      via: "event",
    });
    // Assess
    const expected = {
      ResumedAs: [runId("resumed")],
      AutoResume: { Attempts: 1, LastAttemptAt: at(2) },
      FirstSeenAt: at(1),
    };
    expect(transition?.run).toMatchObject(expected);
    expect(await store.getRun("nightly-etl", id)).toMatchObject(expected);
  });

  it("keeps the stored graph and failed nodes when a later snapshot comes without a graph", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const id = runId("graphless");
    const graph = { Nodes: [jobNode("load", ["FAILED"], "boom")], Edges: [] };
    const stats = { TotalActions: 2, FailedActions: 1, RunningActions: 1 };
    await store.putSnapshot({ run: run({ id, stats, graph }), observedAt: at(1), via: "event" });
    // Act
    await store.putSnapshot({
      run: run({
        id,
        status: "COMPLETED",
        completedOn: at(4),
        stats: { TotalActions: 2, FailedActions: 1, SucceededActions: 1 },
      }),
      observedAt: at(5),
      via: "reconcile",
    });
    // Assess
    const stored = await store.getRun("nightly-etl", id, { includeGraph: true });
    expect(stored?.Graph).toEqual(graph);
    expect(stored?.FailedNodes.map((n) => n.Name)).toEqual(["load"]);
    expect(stored?.Outcome).toBe("FAILED");
  });

  it("writes one timeline entry per observed state, oldest first, even when delivered out of order", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const lifecycle = runLifecycle(runId("timeline"), 2);
    const shuffled = [lifecycle[3], lifecycle[0], lifecycle[5], lifecycle[1], lifecycle[3], lifecycle[2], lifecycle[4]];
    // Act
    for (const snapshot of shuffled) if (snapshot) await store.putSnapshot({ ...snapshot, via: "event" });
    const timeline = await store.getTimeline("nightly-etl", runId("timeline"));
    // Assess
    expect(timeline.map((e) => [e.Status, e.Statistics?.TotalActions, e.Statistics?.SucceededActions])).toEqual(
      lifecycle.map((s) => [s.run.Status, s.run.Statistics?.TotalActions, s.run.Statistics?.SucceededActions]),
    );
    expect(timeline.at(-1)).toEqual({
      ObservedAt: lifecycle.at(-1)?.observedAt,
      ObservedVia: "event",
      Status: "COMPLETED",
      Outcome: "SUCCEEDED",
      Statistics: lifecycle.at(-1)?.run.Statistics,
    });
  });

  it("sets no TTL attribute when runs are kept forever (the default)", async () => {
    const { store, tableName } = await local.freshStore();
    const id = runId("forever");
    await store.putSnapshot({
      run: run({ id, status: "COMPLETED", completedOn: at(1) }),
      observedAt: at(1),
      via: "event",
    });
    const { Item } = await local.dynamo.documentClient.send(
      new GetCommand({ TableName: tableName, Key: { pk: "WF#nightly-etl", sk: `RUN#${id}` } }),
    );
    expect(Item).toBeDefined();
    expect(Item?.ExpiresAt).toBeUndefined();
  });

  it("sets ExpiresAt from retentionDays on terminal runs only; the timeline inside the item goes with it", async () => {
    // Prepare
    const { store, tableName } = await local.freshStore({ retentionDays: 30 });
    const id = runId("retained");
    const read = async (sk: string) =>
      (
        await local.dynamo.documentClient.send(
          new GetCommand({ TableName: tableName, Key: { pk: "WF#nightly-etl", sk } }),
        )
      ).Item;
    // Act
    await store.putSnapshot({ run: run({ id }), observedAt: at(0), via: "event" });
    const whileRunning = await read(`RUN#${id}`);
    await store.putSnapshot({
      run: run({ id, status: "COMPLETED", completedOn: at(10) }),
      observedAt: at(11),
      via: "event",
    });
    const completed = await read(`RUN#${id}`);
    // Assess
    expect(whileRunning?.ExpiresAt).toBeUndefined();
    expect(completed?.ExpiresAt).toBe(Date.parse(at(10)) / 1000 + 30 * 86_400);
    expect(
      Object.keys(completed ?? {})
        .filter((name) => name.startsWith("TL#"))
        .sort(),
    ).toEqual(["TL#1_000000_000000", "TL#3_000000_000000"]);
    expect(await read(`RUN#${id}#TL#3.000000.000000`)).toBeUndefined();
  });

  it("keeps the timeline of a run past the inline bound in separate entries that expire with the run", async () => {
    // Prepare
    const { store, tableName } = await local.freshStore({ retentionDays: 30 });
    const id = runId("large");
    const total = MAX_INLINE_TIMELINE_ACTIONS + 1;
    const read = async (sk: string) =>
      (
        await local.dynamo.documentClient.send(
          new GetCommand({ TableName: tableName, Key: { pk: "WF#nightly-etl", sk } }),
        )
      ).Item;
    // Act
    await store.putSnapshot({ run: run({ id, stats: { TotalActions: 2 } }), observedAt: at(0), via: "event" });
    await store.putSnapshot({ run: run({ id, stats: { TotalActions: total } }), observedAt: at(1), via: "event" });
    await store.putSnapshot({
      run: run({
        id,
        status: "COMPLETED",
        completedOn: at(10),
        stats: { TotalActions: total, SucceededActions: total },
      }),
      observedAt: at(11),
      via: "event",
    });
    // Assess
    const item = await read(`RUN#${id}`);
    expect(Object.keys(item ?? {}).filter((name) => name.startsWith("TL#"))).toEqual(["TL#1_000000_000002"]);
    const runningEntry = await read(`RUN#${id}#TL#1.000000.000${total}`);
    const completedEntry = await read(`RUN#${id}#TL#3.000${total}.000${total}`);
    expect(completedEntry?.ExpiresAt).toBe(Date.parse(at(10)) / 1000 + 30 * 86_400);
    expect(runningEntry?.ExpiresAt).toBe(Date.parse(at(1)) / 1000 + (30 + RUNNING_TIMELINE_GRACE_DAYS) * 86_400);
    const timeline = await store.getTimeline("nightly-etl", id);
    expect(timeline.map((entry) => [entry.Status, entry.Statistics?.TotalActions])).toEqual([
      ["RUNNING", 2],
      ["RUNNING", total],
      ["COMPLETED", total],
    ]);
  });

  it("refuses a snapshot without Name, WorkflowRunId or Status, or with a bad observedAt", async () => {
    const { store } = await local.freshStore();
    await expect(store.putSnapshot({ run: { Name: "x" }, observedAt: at(0), via: "event" })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(
      store.putSnapshot({ run: { Name: "x", WorkflowRunId: "wr_1" }, observedAt: at(0), via: "event" }),
    ).rejects.toThrow(InvalidInputError);
    await expect(store.putSnapshot({ run: run(), observedAt: "not a time", via: "event" })).rejects.toThrow(
      InvalidInputError,
    );
  });

  it("lets exactly one of several concurrent deliveries of one snapshot report the transition", async () => {
    const { store } = await local.freshStore();
    const snapshot = { run: run({ id: runId("concurrent") }), observedAt: at(1), via: "event" as const };
    const results = await Promise.all(Array.from({ length: 5 }, () => store.putSnapshot(snapshot)));
    expect(results.filter((r) => r.transition !== null)).toHaveLength(1);
    expect(results.filter((r) => r.stored)).toHaveLength(1);
  });
});
