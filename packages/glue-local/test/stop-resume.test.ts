/**
 * Functionality: StopWorkflowRun (STOPPING → STOPPED, running job runs STOPPED) and
 * ResumeWorkflowRun (COMPLETED runs only, attempted job/crawler nodes only, new RunId with
 * PreviousRunId, downstream re-run, duplicate NodeIds dropped, only restarted NodeIds answered).
 */
import {
  DeleteJobCommand,
  GetJobRunsCommand,
  ResumeWorkflowRunCommand,
  StartWorkflowRunCommand,
  StopWorkflowRunCommand,
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

const start = async (name: string) =>
  (await t.client.send(new StartWorkflowRunCommand({ Name: name }))).RunId as string;
const nodeId = async (workflow: string, runId: string, name: string) =>
  (await getRun(t.client, workflow, runId)).Graph?.Nodes?.find((n) => n.Name === name)?.UniqueId as string;

describe("StopWorkflowRun", () => {
  it("takes a running run through STOPPING to STOPPED and stops its job runs and crawls", async () => {
    // Prepare: real-time pace, so that STOPPING (1 virtual second) can be seen
    await t.stop();
    t = await startTestGlue({ timeScale: 1 });
    await createWorkflow(t.client, { Name: "long" });
    await createJob(t.client, "forever", LONG);
    await createCrawler(t.client, "slow-crawl", { "sim:duration-ms": "3600000" });
    await createJob(t.client, "never");
    await createStartTrigger(t.client, "long", "go", [{ job: "forever" }, { crawler: "slow-crawl" }]);
    await createConditionalTrigger(
      t.client,
      "long",
      "next",
      [{ job: "forever", state: "STOPPED" }],
      [{ job: "never" }],
    );
    const runId = await start("long");
    // Act
    await t.client.send(new StopWorkflowRunCommand({ Name: "long", RunId: runId }));
    const stopping = await getRun(t.client, "long", runId);
    await t.glue.runUntilIdle();
    const stopped = await getRun(t.client, "long", runId);
    // Assess
    expect(stopping.Status).toBe("STOPPING");
    expect(jobRunsByJob(stopping).forever?.JobRuns?.[0]?.JobRunState).toBe("STOPPING");
    expect(stopped.Status).toBe("STOPPED");
    expect(stopped.CompletedOn).toBeInstanceOf(Date);
    expect(stopped.Statistics).toMatchObject({ TotalActions: 2, StoppedActions: 2, RunningActions: 0 });
    expect(jobRunsByJob(stopped).forever?.JobRuns?.[0]?.JobRunState).toBe("STOPPED");
    expect(stopped.Graph?.Nodes?.find((n) => n.Name === "slow-crawl")?.CrawlerDetails?.Crawls?.[0]?.State).toBe(
      "CANCELLED",
    );
    expect(jobRunsByJob(stopped).never).toBeUndefined(); // nothing fires once the run is stopping
  });

  it("refuses to stop a run that is not running with IllegalWorkflowStateException", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "short", LONG);
    const runId = await start("short");
    await t.client.send(new StopWorkflowRunCommand({ Name: "short", RunId: runId }));
    await t.glue.runUntilIdle();
    // Act
    const error = await glueError(t.client.send(new StopWorkflowRunCommand({ Name: "short", RunId: runId })));
    // Assess
    expect(error.name).toBe("IllegalWorkflowStateException");
    expect(error.message).toContain("STOPPED");
  });

  it("says EntityNotFoundException for an unknown run", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "known");
    // Act
    const error = await glueError(t.client.send(new StopWorkflowRunCommand({ Name: "known", RunId: "wr_nope" })));
    // Assess
    expect(error.name).toBe("EntityNotFoundException");
  });
});

describe("ResumeWorkflowRun", () => {
  /** extract → (flaky, fails its first run) → publish */
  beforeEach(async () => {
    await createWorkflow(t.client, { Name: "sync", DefaultRunProperties: { env: "test" } });
    await createJob(t.client, "extract");
    await createJob(t.client, "flaky", { "--sim-fail-attempts": "1" });
    await createJob(t.client, "publish");
    await createStartTrigger(t.client, "sync", "sync-start", [{ job: "extract" }]);
    await createConditionalTrigger(t.client, "sync", "after-extract", [{ job: "extract" }], [{ job: "flaky" }]);
    await createConditionalTrigger(t.client, "sync", "after-flaky", [{ job: "flaky" }], [{ job: "publish" }]);
  });

  it("re-runs the failed node and its downstream nodes in a new run pointing back", async () => {
    // Prepare
    const failedRun = await start("sync");
    await t.glue.runUntilIdle();
    const failed = await getRun(t.client, "sync", failedRun);
    const flakyId = await nodeId("sync", failedRun, "flaky");
    // Act
    const resumed = await t.client.send(
      new ResumeWorkflowRunCommand({ Name: "sync", RunId: failedRun, NodeIds: [flakyId, flakyId] }),
    );
    await t.glue.runUntilIdle();
    const run = await getRun(t.client, "sync", resumed.RunId as string);
    // Assess
    expect(failed.Statistics).toMatchObject({ TotalActions: 2, SucceededActions: 1, FailedActions: 1 });
    expect(jobRunsByJob(failed).flaky?.JobRuns?.[0]?.ErrorMessage).toMatch(/Rate exceeded/);
    expect(resumed.RunId).not.toBe(failedRun);
    expect(resumed.NodeIds).toEqual([flakyId]);
    expect(run.PreviousRunId).toBe(failedRun);
    expect(run.Status).toBe("COMPLETED");
    expect(run.WorkflowRunProperties).toEqual({ env: "test" });
    expect(run.Statistics).toMatchObject({ TotalActions: 2, SucceededActions: 2, FailedActions: 0 });
    const runs = jobRunsByJob(run);
    expect(runs.extract).toBeUndefined(); // not re-run: only what ran in the resumed run is counted
    expect(runs.flaky?.JobRuns?.map((r) => r.JobRunState)).toEqual(["SUCCEEDED"]);
    expect(runs.flaky?.JobRuns?.[0]?.TriggerName).toBe("after-extract");
    expect(runs.flaky?.JobRuns?.[0]?.Arguments?.["--WORKFLOW_RUN_ID"]).toBe(resumed.RunId);
    expect(runs.publish?.JobRuns?.map((r) => r.JobRunState)).toEqual(["SUCCEEDED"]);
    const { JobRuns } = await t.client.send(new GetJobRunsCommand({ JobName: "flaky" }));
    expect(JobRuns?.map((r) => r.JobRunState)).toEqual(["SUCCEEDED", "FAILED"]);
  });

  it("re-runs downstream nodes that had already run", async () => {
    // Prepare: everything succeeds once flaky has used up its failure
    const first = await start("sync");
    await t.glue.runUntilIdle();
    const extractId = await nodeId("sync", first, "extract");
    const resumedOnce = await t.client.send(
      new ResumeWorkflowRunCommand({ Name: "sync", RunId: first, NodeIds: [await nodeId("sync", first, "flaky")] }),
    );
    await t.glue.runUntilIdle();
    // Act: resume the very first node of the first run again
    const again = await t.client.send(
      new ResumeWorkflowRunCommand({ Name: "sync", RunId: first, NodeIds: [extractId] }),
    );
    await t.glue.runUntilIdle();
    const run = await getRun(t.client, "sync", again.RunId as string);
    // Assess
    expect(resumedOnce.RunId).not.toBe(again.RunId);
    expect(run.Statistics).toMatchObject({ TotalActions: 3, SucceededActions: 3 });
  });

  it("answers only the node ids it restarted: not a node whose job was deleted", async () => {
    // Prepare
    const failedRun = await start("sync");
    await t.glue.runUntilIdle();
    const extractId = await nodeId("sync", failedRun, "extract");
    const flakyId = await nodeId("sync", failedRun, "flaky");
    await t.client.send(new DeleteJobCommand({ JobName: "flaky" }));
    // Act
    const resumed = await t.client.send(
      new ResumeWorkflowRunCommand({ Name: "sync", RunId: failedRun, NodeIds: [flakyId, extractId] }),
    );
    await t.glue.runUntilIdle();
    const run = await getRun(t.client, "sync", resumed.RunId as string);
    // Assess
    expect(resumed.NodeIds).toEqual([extractId]);
    const runs = jobRunsByJob(run);
    expect(runs.extract?.JobRuns?.map((r) => r.JobRunState)).toEqual(["SUCCEEDED"]);
    expect(runs.flaky?.JobRuns ?? []).toEqual([]);
    expect(run.Statistics).toMatchObject({ TotalActions: 1, SucceededActions: 1 });
  });

  it("answers no node ids when none could be restarted", async () => {
    // Prepare
    const failedRun = await start("sync");
    await t.glue.runUntilIdle();
    const flakyId = await nodeId("sync", failedRun, "flaky");
    await t.client.send(new DeleteJobCommand({ JobName: "flaky" }));
    // Act
    const resumed = await t.client.send(
      new ResumeWorkflowRunCommand({ Name: "sync", RunId: failedRun, NodeIds: [flakyId] }),
    );
    // Assess
    expect(resumed.NodeIds).toEqual([]);
  });

  it("refuses a RUNNING run with IllegalWorkflowStateException", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "busy", LONG);
    const runId = await start("busy");
    const jobNode = await nodeId("busy", runId, "busy-job");
    // Act
    const error = await glueError(
      t.client.send(new ResumeWorkflowRunCommand({ Name: "busy", RunId: runId, NodeIds: [jobNode] })),
    );
    // Assess
    expect(error.name).toBe("IllegalWorkflowStateException");
  });

  it("refuses a trigger node id, an unknown node id and a node that never ran, with InvalidInputException", async () => {
    // Prepare
    const runId = await start("sync");
    await t.glue.runUntilIdle();
    const triggerNode = await nodeId("sync", runId, "sync-start");
    const publishNode = await nodeId("sync", runId, "publish"); // never ran: flaky failed
    const resume = (ids: string[]) =>
      t.client.send(new ResumeWorkflowRunCommand({ Name: "sync", RunId: runId, NodeIds: ids }));
    // Act
    const trigger = await glueError(resume([triggerNode]));
    const unknown = await glueError(resume(["wnode_unknown"]));
    const neverRan = await glueError(resume([publishNode]));
    // Assess
    expect(trigger.name).toBe("InvalidInputException");
    expect(trigger.message).toContain("trigger");
    expect(unknown.name).toBe("InvalidInputException");
    expect(neverRan.name).toBe("InvalidInputException");
    expect(neverRan.message).toContain("no run attempt");
  });

  it("says EntityNotFoundException for an unknown run or workflow", async () => {
    // Act
    const run = await glueError(
      t.client.send(new ResumeWorkflowRunCommand({ Name: "sync", RunId: "wr_nope", NodeIds: ["x"] })),
    );
    const workflow = await glueError(
      t.client.send(new ResumeWorkflowRunCommand({ Name: "nope", RunId: "wr_nope", NodeIds: ["x"] })),
    );
    // Assess
    expect(run.name).toBe("EntityNotFoundException");
    expect(workflow.name).toBe("EntityNotFoundException");
  });

  it("honours MaxConcurrentRuns with ConcurrentRunsExceededException", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "limited", { ...LONG, "--sim-fail-attempts": "1" }, { MaxConcurrentRuns: 1 });
    const failed = await start("limited");
    await t.glue.runUntilIdle();
    const jobNode = await nodeId("limited", failed, "limited-job");
    await t.client.send(new ResumeWorkflowRunCommand({ Name: "limited", RunId: failed, NodeIds: [jobNode] }));
    // Act: the first resume still runs
    const error = await glueError(
      t.client.send(new ResumeWorkflowRunCommand({ Name: "limited", RunId: failed, NodeIds: [jobNode] })),
    );
    // Assess
    expect(error.name).toBe("ConcurrentRunsExceededException");
  });
});
