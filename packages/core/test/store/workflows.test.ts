import { DeleteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { EntityNotFoundError } from "../../src/errors.ts";
import { at, crawlerNode, jobNode, run, runId } from "../workflow-run/fixtures.ts";
import { useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();

const graphOf = (...nodes: ReturnType<typeof jobNode>[]) => ({ Nodes: nodes, Edges: [] });

describe("workflows catalog", () => {
  it("upserts Glue's Workflow (without its DefaultRunProperties) and serves it with or without its graph", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const graph = graphOf(jobNode("extract", []), crawlerNode("raw", []));
    // Act
    await store.putWorkflow(
      {
        Name: "wf",
        Description: "nightly",
        MaxConcurrentRuns: 1,
        DefaultRunProperties: { env: "prod" },
        CreatedOn: at(0),
        Graph: graph,
      },
      at(1),
    );
    // Assess: DefaultRunProperties are not kept (they may hold secrets; issue 12, point 6)
    expect(await store.getWorkflow("wf")).toEqual({
      Name: "wf",
      Description: "nightly",
      MaxConcurrentRuns: 1,
      CreatedOn: at(0),
      LastSyncedAt: at(1),
    });
    expect((await store.getWorkflow("wf", { includeGraph: true }))?.Graph).toEqual(graph);
    expect(await store.getWorkflow("unknown")).toBeUndefined();
  });

  it("keeps the last run's summary from tracked runs: later-started runs win, older ones never replace them", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const newer = runId("newer");
    await store.putSnapshot({
      run: run({ name: "wf", id: newer, startedOn: at(10) }),
      observedAt: at(10),
      via: "event",
    });
    // Act
    await store.putSnapshot({
      run: run({ name: "wf", id: runId("older"), startedOn: at(1), status: "COMPLETED", completedOn: at(2) }),
      observedAt: at(11),
      via: "backfill",
    });
    await store.putSnapshot({
      run: run({
        name: "wf",
        id: newer,
        startedOn: at(10),
        status: "COMPLETED",
        completedOn: at(12),
        stats: { TotalActions: 1, FailedActions: 1 },
      }),
      observedAt: at(12),
      via: "event",
    });
    // Assess
    expect((await store.getWorkflow("wf"))?.LastRun).toEqual({
      WorkflowRunId: newer,
      Status: "COMPLETED",
      Outcome: "FAILED",
      StartedOn: at(10),
      CompletedOn: at(12),
    });
  });

  it("lists every workflow by name across pages, including ones only seen through runs or deleted from Glue", async () => {
    // Prepare
    const { store } = await local.freshStore();
    for (const name of ["delta", "alpha", "charlie"]) await store.putWorkflow({ Name: name }, at(0));
    await store.putSnapshot({ run: run({ name: "bravo", id: runId("b") }), observedAt: at(1), via: "event" });
    await store.markWorkflowDeleted("delta", at(2));
    // Act
    const first = await store.listWorkflows({ maxResults: 3 });
    const second = await store.listWorkflows({ maxResults: 3, nextToken: first.nextToken });
    // Assess
    expect([...first.items, ...second.items].map((w) => w.Name)).toEqual(["alpha", "bravo", "charlie", "delta"]);
    expect(second.items.at(-1)?.DeletedFromGlueAt).toBe(at(2));
    expect(second.nextToken).toBeUndefined();
  });

  it("clears DeletedFromGlueAt when Glue knows the workflow again", async () => {
    const { store } = await local.freshStore();
    await store.markWorkflowDeleted("wf", at(1));
    await store.putWorkflow({ Name: "wf" }, at(2));
    expect(await store.getWorkflow("wf")).toEqual({ Name: "wf", LastSyncedAt: at(2) });
  });
});

describe("job/crawler → workflow index", () => {
  it("finds the workflows whose run graphs hold a job or a crawler", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const snapshot = (name: string, graph: ReturnType<typeof graphOf>) => ({
      run: run({ name, id: runId(name), graph }),
      observedAt: at(1),
      via: "event" as const,
    });
    // Act
    await store.putSnapshot(snapshot("wf-1", graphOf(jobNode("shared", []), crawlerNode("raw", []))));
    await store.putSnapshot(snapshot("wf-2", graphOf(jobNode("shared", []), jobNode("only-2", []))));
    // Assess
    expect(await store.workflowsContaining({ jobName: "shared" })).toEqual(["wf-1", "wf-2"]);
    expect(await store.workflowsContaining({ crawlerName: "raw" })).toEqual(["wf-1"]);
    expect(await store.workflowsContaining({ jobName: "raw" })).toEqual([]);
    expect(await store.workflowsContaining({ jobName: "unknown" })).toEqual([]);
  });

  it("indexes a run's graph once, not on every snapshot", async () => {
    // Prepare
    const { store, tableName } = await local.freshStore();
    const id = runId("once");
    const graph = graphOf(jobNode("load", []));
    await store.putSnapshot({ run: run({ name: "wf", id, graph }), observedAt: at(1), via: "event" });
    const read = async () =>
      (
        await local.dynamo.documentClient.send(
          new GetCommand({ TableName: tableName, Key: { pk: "JOB#load", sk: "WF#wf" } }),
        )
      ).Item;
    await local.dynamo.documentClient.send(
      new DeleteCommand({ TableName: tableName, Key: { pk: "JOB#load", sk: "WF#wf" } }),
    );
    // Act: same node set again → no index write (the deleted entry stays deleted)
    await store.putSnapshot({
      run: run({ name: "wf", id, graph, stats: { TotalActions: 1 } }),
      observedAt: at(2),
      via: "event",
    });
    // Assess
    expect(await read()).toBeUndefined();
  });

  it("follows the workflow's definition exactly when the catalog syncs its graph", async () => {
    // Prepare
    const { store } = await local.freshStore();
    await store.putWorkflow({ Name: "wf", Graph: graphOf(jobNode("old", []), jobNode("kept", [])) }, at(0));
    // Act
    await store.putWorkflow({ Name: "wf", Graph: graphOf(jobNode("kept", []), crawlerNode("new", [])) }, at(1));
    // Assess
    expect(await store.workflowsContaining({ jobName: "old" })).toEqual([]);
    expect(await store.workflowsContaining({ jobName: "kept" })).toEqual(["wf"]);
    expect(await store.workflowsContaining({ crawlerName: "new" })).toEqual(["wf"]);
  });
  it("indexes a run's graph again after the catalog sync removed one of its nodes", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const graph = graphOf(jobNode("legacy", []));
    await store.putSnapshot({ run: run({ name: "wf", id: runId("r1"), graph }), observedAt: at(0), via: "event" });
    await store.putWorkflow({ Name: "wf", Graph: graphOf(jobNode("current", [])) }, at(1));
    // Act
    await store.putSnapshot({ run: run({ name: "wf", id: runId("r2"), graph }), observedAt: at(2), via: "event" });
    // Assess
    expect(await store.workflowsContaining({ jobName: "legacy" })).toEqual(["wf"]);
  });
});

describe("run annotations", () => {
  it("lets one claim of an auto-resume attempt win, then records the decision", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const id = runId("resume");
    await store.putSnapshot({ run: run({ id }), observedAt: at(0), via: "event" });
    const claim = { Attempts: 1, LastAttemptAt: at(1), Decision: "resumed" as const };
    // Act
    const claims = await Promise.all([1, 2, 3].map(() => store.claimResumeAttempt("nightly-etl", id, claim)));
    await store.recordResumeDecision("nightly-etl", id, { ...claim, Reason: "Rate exceeded is transient" });
    // Assess
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await store.getRun("nightly-etl", id))?.AutoResume).toEqual({
      ...claim,
      Reason: "Rate exceeded is transient",
    });
  });

  it("lets one resume worker at a time hold a claimed run's lease, and none once it is resumed", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const id = runId("lease");
    await store.putSnapshot({ run: run({ id }), observedAt: at(0), via: "event" });
    const claim = { Attempts: 1, LastAttemptAt: at(1), Decision: "resumed" as const };
    await store.claimResumeAttempt("nightly-etl", id, claim);
    const lease = (owner: string, now: number, until: number) => ({ owner, now: at(now), until: at(until) });

    // Act
    const racing = await Promise.all(
      ["a", "b", "c"].map((owner) => store.beginResumeAttempt("nightly-etl", id, at(1), lease(owner, 2, 3))),
    );
    const winner = ["a", "b", "c"][racing.indexOf(true)] ?? "none";
    const whileHeld = await store.beginResumeAttempt("nightly-etl", id, at(1), lease("d", 2, 4));
    const afterExpiry = await store.beginResumeAttempt("nightly-etl", id, at(1), lease("e", 3, 5));
    await store.releaseResumeAttempt("nightly-etl", id, winner); // not the lease held (e's): kept
    const afterWrongRelease = await store.beginResumeAttempt("nightly-etl", id, at(1), lease("f", 4, 6));
    await store.releaseResumeAttempt("nightly-etl", id, "e");
    const afterRelease = await store.beginResumeAttempt("nightly-etl", id, at(1), lease("g", 4, 6));
    await store.addResumedAs("nightly-etl", id, "wr_next");
    const afterResumed = await store.beginResumeAttempt("nightly-etl", id, at(1), lease("h", 7, 8));

    // Assess
    expect(racing.filter(Boolean)).toHaveLength(1);
    expect([whileHeld, afterExpiry, afterWrongRelease, afterRelease, afterResumed]).toEqual([
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(await store.getRun("nightly-etl", id)).not.toHaveProperty("ResumeLease");
  });

  it("gives the lease again to the same attempt (the SDK retrying a write whose response was lost)", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const id = runId("lease-retry");
    await store.putSnapshot({ run: run({ id }), observedAt: at(0), via: "event" });
    await store.claimResumeAttempt("nightly-etl", id, { Attempts: 1, LastAttemptAt: at(1), Decision: "resumed" });
    const lease = { owner: "attempt-1", now: at(2), until: at(5) };

    // Act
    const first = await store.beginResumeAttempt("nightly-etl", id, at(1), lease);
    const retried = await store.beginResumeAttempt("nightly-etl", id, at(1), lease);
    const other = await store.beginResumeAttempt("nightly-etl", id, at(1), { ...lease, owner: "attempt-2" });

    // Assess
    expect([first, retried, other]).toEqual([true, true, false]);
  });

  it("gives no lease for another claim, an unclaimed run or an unknown run", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const claimed = runId("claimed");
    const unclaimed = runId("unclaimed");
    for (const id of [claimed, unclaimed])
      await store.putSnapshot({ run: run({ id }), observedAt: at(0), via: "event" });
    await store.claimResumeAttempt("nightly-etl", claimed, { Attempts: 1, LastAttemptAt: at(1), Decision: "resumed" });
    const lease = { owner: "attempt-1", now: at(2), until: at(3) };

    // Act
    const results = await Promise.all([
      store.beginResumeAttempt("nightly-etl", claimed, at(0), lease),
      store.beginResumeAttempt("nightly-etl", unclaimed, at(1), lease),
      store.beginResumeAttempt("nightly-etl", runId("ghost"), at(1), lease),
    ]);

    // Assess
    expect(results).toEqual([false, false, false]);
    expect(await store.getRun("nightly-etl", runId("ghost"))).toBeUndefined();
  });

  it("ends the lease when the decision is recorded", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const id = runId("lease-end");
    await store.putSnapshot({ run: run({ id }), observedAt: at(0), via: "event" });
    const claim = { Attempts: 1, LastAttemptAt: at(1), Decision: "resumed" as const };
    await store.claimResumeAttempt("nightly-etl", id, claim);
    await store.beginResumeAttempt("nightly-etl", id, at(1), { owner: "attempt-1", now: at(2), until: at(9) });

    // Act
    await store.recordResumeDecision("nightly-etl", id, { ...claim, Reason: "Glue was throttling." });
    const again = await store.beginResumeAttempt("nightly-etl", id, at(1), {
      owner: "attempt-2",
      now: at(3),
      until: at(4),
    });

    // Assess
    expect(again).toBe(true);
  });

  it("honours a live resume lease written by the previous version, then takes it over and clears it", async () => {
    // Prepare: a worker of the version before the one lease module holds the run until at(5)
    const { store, tableName } = await local.freshStore();
    const id = runId("lease-upgrade");
    await store.putSnapshot({ run: run({ id }), observedAt: at(0), via: "event" });
    await store.claimResumeAttempt("nightly-etl", id, { Attempts: 1, LastAttemptAt: at(1), Decision: "resumed" });
    const key = { pk: "WF#nightly-etl", sk: `RUN#${id}` };
    await local.dynamo.documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: "SET ResumeLeaseUntil = :until, ResumeLeaseOwner = :owner",
        ExpressionAttributeValues: { ":until": at(5), ":owner": "old-version-attempt" },
      }),
    );

    // Act
    const whileHeld = await store.beginResumeAttempt("nightly-etl", id, at(1), {
      owner: "a",
      now: at(2),
      until: at(6),
    });
    const afterExpiry = await store.beginResumeAttempt("nightly-etl", id, at(1), {
      owner: "b",
      now: at(5),
      until: at(8),
    });

    // Assess
    expect([whileHeld, afterExpiry]).toEqual([false, true]);
    const { Item } = await local.dynamo.documentClient.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    expect(Item).not.toHaveProperty("ResumeLeaseUntil");
    expect(Item).not.toHaveProperty("ResumeLeaseOwner");
    expect(Item?.ResumeLease).toEqual({ Owner: "b", Until: at(8) });
  });

  it("records each resumed run once in ResumedAs", async () => {
    const { store } = await local.freshStore();
    const id = runId("lineage");
    await store.putSnapshot({ run: run({ id }), observedAt: at(0), via: "event" });
    await store.addResumedAs("nightly-etl", id, "wr_next");
    await store.addResumedAs("nightly-etl", id, "wr_next");
    await store.addResumedAs("nightly-etl", id, "wr_later");
    expect((await store.getRun("nightly-etl", id))?.ResumedAs).toEqual(["wr_next", "wr_later"]);
  });

  it("raises EntityNotFoundError for runs the tracker does not know (and creates no item)", async () => {
    const { store } = await local.freshStore();
    const unknown = runId("ghost");
    await expect(store.claimResumeAttempt("wf", unknown, { Attempts: 1 })).rejects.toThrow(EntityNotFoundError);
    await expect(store.recordResumeDecision("wf", unknown, { Attempts: 1 })).rejects.toThrow(EntityNotFoundError);
    await expect(store.addResumedAs("wf", unknown, "wr_x")).rejects.toThrow(EntityNotFoundError);
    expect(await store.getRun("wf", unknown)).toBeUndefined();
  });

  it("stores standalone job runs without letting a late RUNNING event replace a finished state", async () => {
    // Prepare
    const { store, tableName } = await local.freshStore();
    const jobRun = { JobName: "adhoc", Id: "jr_1", StartedOn: at(0) };
    // Act
    await store.putStandaloneJobRun({ ...jobRun, JobRunState: "SUCCEEDED", ObservedAt: at(2) });
    await store.putStandaloneJobRun({ ...jobRun, JobRunState: "RUNNING", ObservedAt: at(3) });
    // Assess
    const { Item } = await local.dynamo.documentClient.send(
      new GetCommand({ TableName: tableName, Key: { pk: "JOB#adhoc", sk: "JOBRUN#jr_1" } }),
    );
    expect(Item).toMatchObject({
      JobName: "adhoc",
      Id: "jr_1",
      JobRunState: "SUCCEEDED",
      ObservedAt: at(2),
      entityType: "StandaloneJobRun",
    });
  });

  it("serves the newest stored run as LastRun, not the summary entries written before it was read from the runs", async () => {
    // Prepare: a catalog entry from before store-last-run-on-read.md, naming a run since superseded.
    const { store, tableName } = await local.freshStore();
    await store.putWorkflow({ Name: "wf" }, at(0));
    await store.putSnapshot({
      run: run({ name: "wf", id: runId("new"), startedOn: at(5) }),
      observedAt: at(5),
      via: "event",
    });
    await local.dynamo.documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: "WF#wf", sk: "WORKFLOW" },
        UpdateExpression: "SET LastRun = :run, LastRunKey = :key",
        ExpressionAttributeValues: { ":run": { WorkflowRunId: runId("old"), Outcome: "FAILED" }, ":key": `${at(1)}#x` },
      }),
    );
    // Act
    const listed = await store.listWorkflows();
    const got = await store.getWorkflow("wf");
    // Assess
    expect(listed.items[0]?.LastRun).toEqual({
      WorkflowRunId: runId("new"),
      Status: "RUNNING",
      Outcome: "RUNNING",
      StartedOn: at(5),
    });
    expect(got?.LastRun).toEqual(listed.items[0]?.LastRun);
    expect(got).not.toHaveProperty("LastRunKey");
  });
});
