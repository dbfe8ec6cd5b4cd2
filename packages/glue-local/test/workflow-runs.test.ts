/**
 * Functionality: workflow runs as Glue runs them — crawler → job A → job B, failed jobs
 * leaving the run COMPLETED, AND vs ANY predicates, MaxConcurrentRuns, job concurrency,
 * scheduled starts, live statistics and GetWorkflowRuns pagination.
 */
import {
  GetJobRunCommand,
  GetWorkflowCommand,
  GetWorkflowRunsCommand,
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
  getRun,
  glueError,
  jobRunsByJob,
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

const start = async (name: string, props?: Record<string, string>) =>
  (await t.client.send(new StartWorkflowRunCommand({ Name: name, RunProperties: props }))).RunId as string;

describe("a run of crawler → job A → job B", () => {
  beforeEach(async () => {
    await createWorkflow(t.client, { Name: "etl" });
    await createCrawler(t.client, "raw", { "sim:duration-ms": "60000" });
    await createJob(t.client, "A", { "--sim-duration-ms": "3600000" });
    await createJob(t.client, "B", { "--sim-duration-ms": "30000" });
    await createStartTrigger(t.client, "etl", "etl-start", [{ crawler: "raw" }]);
    await createConditionalTrigger(t.client, "etl", "after-raw", [{ crawler: "raw" }], [{ job: "A" }]);
    await createConditionalTrigger(t.client, "etl", "after-a", [{ job: "A" }], [{ job: "B" }]);
  });

  it("completes with every action counted and each node's runs in the graph", async () => {
    // Act
    const runId = await start("etl");
    await t.glue.runUntilIdle();
    const run = await getRun(t.client, "etl", runId);
    // Assess
    expect(run.Status).toBe("COMPLETED");
    expect(run.ErrorMessage).toBeUndefined();
    expect(run.Statistics).toEqual({
      TotalActions: 3,
      SucceededActions: 3,
      FailedActions: 0,
      TimeoutActions: 0,
      StoppedActions: 0,
      RunningActions: 0,
      ErroredActions: 0,
      WaitingActions: 0,
    });
    expect((run.CompletedOn?.getTime() ?? 0) - (run.StartedOn?.getTime() ?? 0)).toBe(3_690_000);
    const nodes = run.Graph?.Nodes ?? [];
    expect(nodes.map((n) => `${n.Type}:${n.Name}`).sort()).toEqual(
      ["TRIGGER:etl-start", "TRIGGER:after-raw", "TRIGGER:after-a", "CRAWLER:raw", "JOB:A", "JOB:B"].sort(),
    );
    const id = (name: string) => nodes.find((n) => n.Name === name)?.UniqueId;
    expect(run.Graph?.Edges?.map((e) => `${e.SourceId}>${e.DestinationId}`).sort()).toEqual(
      [
        `${id("etl-start")}>${id("raw")}`,
        `${id("raw")}>${id("after-raw")}`,
        `${id("after-raw")}>${id("A")}`,
        `${id("A")}>${id("after-a")}`,
        `${id("after-a")}>${id("B")}`,
      ].sort(),
    );
    expect(nodes.find((n) => n.Name === "raw")?.CrawlerDetails?.Crawls?.map((c) => c.State)).toEqual(["SUCCEEDED"]);
    const runs = jobRunsByJob(run);
    expect(runs.A?.JobRuns?.map((r) => [r.JobRunState, r.TriggerName])).toEqual([["SUCCEEDED", "after-raw"]]);
    expect(runs.B?.JobRuns?.map((r) => [r.JobRunState, r.TriggerName])).toEqual([["SUCCEEDED", "after-a"]]);
  });

  it("shows live statistics and graph while running", async () => {
    // Prepare
    const runId = await start("etl");
    // Act: past the crawl (60 s), inside job A (1 h)
    await t.glue.advance(90_000);
    const run = await getRun(t.client, "etl", runId);
    // Assess
    expect(run.Status).toBe("RUNNING");
    expect(run.Statistics).toMatchObject({ TotalActions: 2, SucceededActions: 1, RunningActions: 1 });
    expect(jobRunsByJob(run).A?.JobRuns?.[0]?.JobRunState).toBe("RUNNING");
    expect(jobRunsByJob(run).B).toBeUndefined();
  });

  it("gives job runs their TriggerName and the --WORKFLOW_NAME / --WORKFLOW_RUN_ID arguments", async () => {
    // Prepare
    const runId = await start("etl");
    await t.glue.runUntilIdle();
    const jobRunId = jobRunsByJob(await getRun(t.client, "etl", runId)).B?.JobRuns?.[0]?.Id;
    // Act
    const { JobRun } = await t.client.send(new GetJobRunCommand({ JobName: "B", RunId: jobRunId }));
    // Assess
    expect(JobRun?.TriggerName).toBe("after-a");
    expect(JobRun?.Arguments).toMatchObject({
      "--WORKFLOW_NAME": "etl",
      "--WORKFLOW_RUN_ID": runId,
      "--sim-duration-ms": "30000",
    });
  });

  it("is the workflow's LastRun", async () => {
    // Prepare
    const runId = await start("etl");
    await t.glue.runUntilIdle();
    // Act
    const { Workflow } = await t.client.send(new GetWorkflowCommand({ Name: "etl", IncludeGraph: true }));
    // Assess
    expect(Workflow?.LastRun?.WorkflowRunId).toBe(runId);
    expect(Workflow?.LastRun?.Status).toBe("COMPLETED");
    expect(Workflow?.LastRun?.Graph?.Nodes).toHaveLength(6);
  });
});

describe("a failing job", () => {
  it("leaves the run COMPLETED with FailedActions 1, the job run's ErrorMessage, and downstream not run", async () => {
    // Prepare
    await createWorkflow(t.client, { Name: "nightly" });
    await createJob(t.client, "load", { "--sim-outcome": "FAILED", "--sim-error-message": "S3 access denied" });
    await createJob(t.client, "report");
    await createStartTrigger(t.client, "nightly", "go", [{ job: "load" }]);
    await createConditionalTrigger(t.client, "nightly", "then", [{ job: "load" }], [{ job: "report" }]);
    // Act
    const runId = await start("nightly");
    await t.glue.runUntilIdle();
    const run = await getRun(t.client, "nightly", runId);
    // Assess
    expect(run.Status).toBe("COMPLETED");
    expect(run.ErrorMessage).toBeUndefined();
    expect(run.Statistics).toMatchObject({ TotalActions: 1, FailedActions: 1, SucceededActions: 0, RunningActions: 0 });
    const load = jobRunsByJob(run).load?.JobRuns?.[0];
    expect(load?.JobRunState).toBe("FAILED");
    expect(load?.ErrorMessage).toBe("S3 access denied");
    expect(jobRunsByJob(run).report).toBeUndefined();
  });

  it("counts TIMEOUT and a failed crawl in their own counters", async () => {
    // Prepare
    await createWorkflow(t.client, { Name: "mixed" });
    await createJob(t.client, "slow", { "--sim-duration-ms": "180000" }, { Timeout: 1 });
    await createCrawler(t.client, "broken", {
      "sim:outcome": "FAILED",
      "sim:error-message": "Access denied on s3://raw",
    });
    await createStartTrigger(t.client, "mixed", "go", [{ job: "slow" }, { crawler: "broken" }]);
    // Act
    const runId = await start("mixed");
    await t.glue.runUntilIdle();
    const run = await getRun(t.client, "mixed", runId);
    // Assess
    expect(run.Statistics).toMatchObject({ TotalActions: 2, TimeoutActions: 1, FailedActions: 1, SucceededActions: 0 });
    expect(jobRunsByJob(run).slow?.JobRuns?.[0]?.JobRunState).toBe("TIMEOUT");
    const crawl = run.Graph?.Nodes?.find((n) => n.Name === "broken")?.CrawlerDetails?.Crawls?.[0];
    expect(crawl).toMatchObject({ State: "FAILED", ErrorMessage: "Access denied on s3://raw" });
  });
});

describe("predicates", () => {
  beforeEach(async () => {
    await createWorkflow(t.client, { Name: "fan" });
    await createJob(t.client, "ok", { "--sim-duration-ms": "10000" });
    await createJob(t.client, "bad", { "--sim-duration-ms": "20000", "--sim-outcome": "FAILED" });
    await createJob(t.client, "after-all");
    await createJob(t.client, "after-any");
    await createStartTrigger(t.client, "fan", "go", [{ job: "ok" }, { job: "bad" }]);
    await createConditionalTrigger(
      t.client,
      "fan",
      "all",
      [{ job: "ok" }, { job: "bad" }],
      [{ job: "after-all" }],
      "AND",
    );
    await createConditionalTrigger(
      t.client,
      "fan",
      "any",
      [{ job: "ok" }, { job: "bad" }],
      [{ job: "after-any" }],
      "ANY",
    );
  });

  it("AND waits for every condition; ANY fires once on the first", async () => {
    // Act
    const runId = await start("fan");
    await t.glue.runUntilIdle();
    const run = await getRun(t.client, "fan", runId);
    // Assess
    const runs = jobRunsByJob(run);
    expect(runs["after-all"]).toBeUndefined();
    expect(runs["after-any"]?.JobRuns).toHaveLength(1);
    expect(runs["after-any"]?.JobRuns?.[0]?.TriggerName).toBe("any");
    expect(run.Statistics).toMatchObject({ TotalActions: 3, SucceededActions: 2, FailedActions: 1 });
  });

  it("fires on a FAILED condition when asked to", async () => {
    // Prepare
    await createJob(t.client, "on-failure");
    await createConditionalTrigger(
      t.client,
      "fan",
      "alarm",
      [{ job: "bad", state: "FAILED" }],
      [{ job: "on-failure" }],
    );
    // Act
    const runId = await start("fan");
    await t.glue.runUntilIdle();
    // Assess
    expect(jobRunsByJob(await getRun(t.client, "fan", runId))["on-failure"]?.JobRuns).toHaveLength(1);
  });
});

describe("MaxConcurrentRuns", () => {
  it("refuses a second run with ConcurrentRunsExceededException while the first runs", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "single", LONG, { MaxConcurrentRuns: 1 });
    const first = await start("single");
    // Act
    const error = await glueError(start("single"));
    // Assess
    expect(error.name).toBe("ConcurrentRunsExceededException");
    expect(error.message).toBe("Concurrent runs exceeded for workflow: single");
    await t.glue.runUntilIdle();
    expect((await getRun(t.client, "single", first)).Status).toBe("COMPLETED");
    expect(await start("single")).toMatch(/^wr_[0-9a-f]{64}$/);
  });

  it("is unlimited when not set", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "many", {}, {});
    await t.client.send(new UpdateWorkflowCommand({ Name: "many", Description: "no limit" }));
    // Act
    const ids = [await start("many"), await start("many"), await start("many")];
    // Assess
    expect(new Set(ids).size).toBe(3);
  });
});

describe("a job's ExecutionProperty.MaxConcurrentRuns inside workflows", () => {
  it("fails the job run that goes past it with the concurrent-runs message", async () => {
    // Prepare: the job allows 1 run; two workflow runs start it
    await createOneJobWorkflow(t.client, "shared", LONG);
    const first = await start("shared");
    // Act
    const second = await start("shared");
    await t.glue.advance(1_000);
    const run = await getRun(t.client, "shared", second);
    // Assess
    expect(run.Status).toBe("COMPLETED");
    expect(run.Statistics).toMatchObject({ TotalActions: 1, FailedActions: 1 });
    expect(jobRunsByJob(run)["shared-job"]?.JobRuns?.[0]).toMatchObject({
      JobRunState: "FAILED",
      ErrorMessage: "Concurrent runs exceeded for job: shared-job",
    });
    expect((await getRun(t.client, "shared", first)).Status).toBe("RUNNING");
  });
});

describe("GetWorkflowRuns", () => {
  it("pages newest first, every run exactly once", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "paged");
    const started: string[] = [];
    for (let i = 0; i < 7; i++) started.push(await start("paged"));
    await t.glue.runUntilIdle();
    // Act
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await t.client.send(new GetWorkflowRunsCommand({ Name: "paged", MaxResults: 3, NextToken: token }));
      seen.push(...(page.Runs ?? []).map((r) => r.WorkflowRunId as string));
      expect(page.Runs?.every((r) => r.Graph === undefined)).toBe(true);
      token = page.NextToken;
      pages++;
    } while (token);
    // Assess
    expect(pages).toBe(3);
    expect(seen).toEqual([...started].reverse());
  });

  it("keeps paging exactly once when runs start between pages", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "busy");
    const before: string[] = [];
    for (let i = 0; i < 4; i++) before.push(await start("busy"));
    const first = await t.client.send(new GetWorkflowRunsCommand({ Name: "busy", MaxResults: 2 }));
    // Act
    await start("busy");
    const second = await t.client.send(
      new GetWorkflowRunsCommand({ Name: "busy", MaxResults: 2, NextToken: first.NextToken }),
    );
    // Assess
    expect([...(first.Runs ?? []), ...(second.Runs ?? [])].map((r) => r.WorkflowRunId)).toEqual([...before].reverse());
    expect(second.NextToken).toBeUndefined();
  });

  it("includes each run's graph when asked", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "graphs");
    await start("graphs");
    // Act
    const page = await t.client.send(new GetWorkflowRunsCommand({ Name: "graphs", IncludeGraph: true }));
    // Assess
    expect(page.Runs?.[0]?.Graph?.Nodes).toHaveLength(2);
  });
});
