/**
 * Functionality: workflow definitions — Create / Update / Delete / Get / ListWorkflows /
 * BatchGetWorkflows, the graph derived from triggers, and their errors.
 */
import {
  BatchGetWorkflowsCommand,
  CreateWorkflowCommand,
  DeleteWorkflowCommand,
  GetTriggerCommand,
  GetWorkflowCommand,
  GetWorkflowRunCommand,
  ListWorkflowsCommand,
  StartWorkflowRunCommand,
  UpdateWorkflowCommand,
} from "@aws-sdk/client-glue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createConditionalTrigger,
  createCrawler,
  createJob,
  createOneJobWorkflow,
  createStartTrigger,
  createWorkflow,
  glueError,
  LONG,
  startTestGlue,
  type TestGlue,
} from "./support/glue.ts";

let t: TestGlue;
beforeEach(async () => {
  t = await startTestGlue();
});
afterEach(async () => {
  await t.stop();
});

describe("CreateWorkflow / GetWorkflow / UpdateWorkflow", () => {
  it("stores a workflow and returns it in Glue's shape", async () => {
    // Prepare
    const created = await t.client.send(
      new CreateWorkflowCommand({
        Name: "wf",
        Description: "nightly",
        DefaultRunProperties: { env: "dev" },
        MaxConcurrentRuns: 2,
        Tags: { team: "data" },
      }),
    );
    // Act
    const { Workflow } = await t.client.send(new GetWorkflowCommand({ Name: "wf" }));
    // Assess
    expect(created.Name).toBe("wf");
    expect(Workflow).toMatchObject({
      Name: "wf",
      Description: "nightly",
      DefaultRunProperties: { env: "dev" },
      MaxConcurrentRuns: 2,
    });
    expect(Workflow?.CreatedOn).toBeInstanceOf(Date);
    expect(Workflow?.LastModifiedOn).toBeInstanceOf(Date);
    expect(Workflow?.Graph).toBeUndefined();
    expect(Workflow?.LastRun).toBeUndefined();
  });

  it("raises AlreadyExistsException for a second workflow of the same name", async () => {
    // Prepare
    await createWorkflow(t.client, { Name: "dup" });
    // Act
    const error = await glueError(t.client.send(new CreateWorkflowCommand({ Name: "dup" })));
    // Assess
    expect(error.name).toBe("AlreadyExistsException");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it("updates only the fields given", async () => {
    // Prepare
    await createWorkflow(t.client, { Name: "wf", Description: "old", DefaultRunProperties: { a: "1" } });
    // Act
    const updated = await t.client.send(new UpdateWorkflowCommand({ Name: "wf", MaxConcurrentRuns: 1 }));
    const { Workflow } = await t.client.send(new GetWorkflowCommand({ Name: "wf" }));
    // Assess
    expect(updated.Name).toBe("wf");
    expect(Workflow).toMatchObject({ Description: "old", DefaultRunProperties: { a: "1" }, MaxConcurrentRuns: 1 });
  });

  it.each([
    ["GetWorkflow", () => t.client.send(new GetWorkflowCommand({ Name: "missing" }))],
    ["UpdateWorkflow", () => t.client.send(new UpdateWorkflowCommand({ Name: "missing", Description: "x" }))],
    ["StartWorkflowRun", () => t.client.send(new StartWorkflowRunCommand({ Name: "missing" }))],
    ["GetWorkflowRun", () => t.client.send(new GetWorkflowRunCommand({ Name: "missing", RunId: "wr_x" }))],
  ])("%s on a missing workflow raises EntityNotFoundException", async (_op, call) => {
    // Act
    const error = await glueError(call());
    // Assess
    expect(error.name).toBe("EntityNotFoundException");
  });

  it("refuses to start a workflow without a start trigger", async () => {
    // Prepare
    await createWorkflow(t.client, { Name: "empty" });
    // Act
    const error = await glueError(t.client.send(new StartWorkflowRunCommand({ Name: "empty" })));
    // Assess
    expect(error.name).toBe("InvalidInputException");
    expect(error.message).toContain("no start trigger");
  });
});

describe("the workflow graph", () => {
  it("has a node per trigger, job and crawler, and edges trigger → action and condition → trigger", async () => {
    // Prepare
    await createWorkflow(t.client, { Name: "g" });
    await createCrawler(t.client, "c");
    await createJob(t.client, "j1");
    await createJob(t.client, "j2");
    await createStartTrigger(t.client, "g", "s", [{ crawler: "c" }, { job: "j1" }]);
    await createConditionalTrigger(t.client, "g", "k", [{ crawler: "c" }, { job: "j1" }], [{ job: "j2" }]);
    // Act
    const { Workflow } = await t.client.send(new GetWorkflowCommand({ Name: "g", IncludeGraph: true }));
    // Assess
    const nodes = Workflow?.Graph?.Nodes ?? [];
    const id = (name: string) => nodes.find((n) => n.Name === name)?.UniqueId;
    expect(nodes.map((n) => `${n.Type}:${n.Name}`).sort()).toEqual([
      "CRAWLER:c",
      "JOB:j1",
      "JOB:j2",
      "TRIGGER:k",
      "TRIGGER:s",
    ]);
    expect(new Set(nodes.map((n) => n.UniqueId)).size).toBe(5);
    expect(nodes.every((n) => /^wnode_[0-9a-f]{64}$/.test(n.UniqueId ?? ""))).toBe(true);
    expect(Workflow?.Graph?.Edges?.map((e) => `${e.SourceId}>${e.DestinationId}`).sort()).toEqual(
      [
        `${id("s")}>${id("c")}`,
        `${id("s")}>${id("j1")}`,
        `${id("c")}>${id("k")}`,
        `${id("j1")}>${id("k")}`,
        `${id("k")}>${id("j2")}`,
      ].sort(),
    );
    const trigger = nodes.find((n) => n.Name === "k")?.TriggerDetails?.Trigger;
    expect(trigger).toMatchObject({ Name: "k", WorkflowName: "g", Type: "CONDITIONAL", State: "ACTIVATED" });
    expect(nodes.find((n) => n.Type === "JOB")?.JobDetails).toBeUndefined();
  });

  it("keeps node ids stable across calls", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "stable");
    const ids = async () =>
      (
        (await t.client.send(new GetWorkflowCommand({ Name: "stable", IncludeGraph: true }))).Workflow?.Graph?.Nodes ??
        []
      ).map((n) => n.UniqueId);
    // Act
    const first = await ids();
    const second = await ids();
    // Assess
    expect(second).toEqual(first);
  });
});

describe("DeleteWorkflow", () => {
  it("deletes the workflow with its triggers and runs, and is idempotent", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "gone");
    const { RunId } = await t.client.send(new StartWorkflowRunCommand({ Name: "gone" }));
    // Act
    const deleted = await t.client.send(new DeleteWorkflowCommand({ Name: "gone" }));
    const again = await t.client.send(new DeleteWorkflowCommand({ Name: "gone" }));
    // Assess
    expect(deleted.Name).toBe("gone");
    expect(again.Name).toBe("gone");
    expect((await glueError(t.client.send(new GetWorkflowCommand({ Name: "gone" })))).name).toBe(
      "EntityNotFoundException",
    );
    expect((await glueError(t.client.send(new GetTriggerCommand({ Name: "gone-start" })))).name).toBe(
      "EntityNotFoundException",
    );
    expect((await glueError(t.client.send(new GetWorkflowRunCommand({ Name: "gone", RunId })))).name).toBe(
      "EntityNotFoundException",
    );
    await t.glue.runUntilIdle(); // the orphaned job run still ends cleanly
  });
});

describe("ListWorkflows", () => {
  it("pages names in order, every workflow exactly once", async () => {
    // Prepare
    const names = Array.from({ length: 11 }, (_, i) => `wf-${String(i).padStart(2, "0")}`);
    for (const name of [...names].reverse()) await createWorkflow(t.client, { Name: name });
    // Act
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await t.client.send(new ListWorkflowsCommand({ MaxResults: 4, NextToken: token }));
      seen.push(...(page.Workflows ?? []));
      token = page.NextToken;
      pages++;
    } while (token);
    // Assess
    expect(pages).toBe(3);
    expect(seen).toEqual(names);
  });

  it("returns an empty list and no token when there is nothing", async () => {
    // Act
    const page = await t.client.send(new ListWorkflowsCommand({}));
    // Assess
    expect(page.Workflows).toEqual([]);
    expect(page.NextToken).toBeUndefined();
  });
});

describe("BatchGetWorkflows", () => {
  it("returns found workflows and names the missing ones", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "a", LONG);
    await createWorkflow(t.client, { Name: "b" });
    await t.client.send(new StartWorkflowRunCommand({ Name: "a" }));
    // Act
    const result = await t.client.send(
      new BatchGetWorkflowsCommand({ Names: ["a", "b", "nope", "a"], IncludeGraph: true }),
    );
    // Assess
    expect(result.Workflows?.map((w) => w.Name)).toEqual(["a", "b"]);
    expect(result.MissingWorkflows).toEqual(["nope"]);
    expect(result.Workflows?.[0]?.Graph?.Nodes).toHaveLength(2);
    expect(result.Workflows?.[0]?.LastRun?.Status).toBe("RUNNING");
    expect(result.Workflows?.[0]?.LastRun?.Graph?.Nodes).toHaveLength(2);
  });
});
