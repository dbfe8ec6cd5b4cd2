import {
  GetJobRunCommand,
  GetWorkflowRunCommand,
  GetWorkflowRunPropertiesCommand,
  GlueClient,
  ListWorkflowsCommand,
  ResumeWorkflowRunCommand,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { GlueCallError, GlueFailure } from "../../src/glue/errors.ts";
import { createGlueGateway, type GlueFor, narrowGlue } from "../../src/glue/gateway.ts";

const glue = mockClient(GlueClient);

function sdkError(name: string, status = 400) {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });
}

function gateway(throttleRetries = 2) {
  return createGlueGateway({ client: new GlueClient({ region: "us-east-1" }), throttleRetries, sleep: async () => {} });
}

describe("Glue gateway", () => {
  beforeEach(() => glue.reset());

  it("returns runs with ISO timestamps and the graph, counting the call", async () => {
    // Prepare
    glue.on(GetWorkflowRunCommand, { Name: "nightly", RunId: "wr_1", IncludeGraph: true }).resolves({
      Run: { Name: "nightly", WorkflowRunId: "wr_1", Status: "RUNNING", StartedOn: new Date("2026-01-01T00:00:00Z") },
    });
    const subject = gateway();

    // Act
    const run = await subject.getWorkflowRun("nightly", "wr_1");

    // Assess
    expect(run).toEqual({
      Name: "nightly",
      WorkflowRunId: "wr_1",
      Status: "RUNNING",
      StartedOn: "2026-01-01T00:00:00.000Z",
    });
    expect(subject.calls()).toMatchObject({ total: 1, GetWorkflowRun: 1 });
  });

  it("answers undefined for entities Glue does not know", async () => {
    // Prepare
    glue.on(GetJobRunCommand).rejects(sdkError("EntityNotFoundException"));
    const subject = gateway();

    // Act
    const jobRun = await subject.getJobRun("load", "jr_gone");

    // Assess
    expect(jobRun).toBeUndefined();
  });

  it("retries throttling with backoff, then succeeds", async () => {
    // Prepare
    glue
      .on(ListWorkflowsCommand)
      .rejectsOnce(sdkError("ThrottlingException"))
      .rejectsOnce(sdkError("ThrottlingException"))
      .resolves({ Workflows: ["a", "b"], NextToken: "t2" });
    const subject = gateway(2);

    // Act
    const page = await subject.listWorkflows();

    // Assess
    expect(page).toEqual({ items: ["a", "b"], nextToken: "t2" });
    expect(subject.calls()).toMatchObject({ total: 3, ListWorkflows: 3 });
  });

  it("gives up on persistent throttling with a retryable GlueCallError", async () => {
    // Prepare
    glue.on(GetWorkflowRunCommand).rejects(sdkError("ThrottlingException"));
    const subject = gateway(1);

    // Act
    const attempt = subject.getWorkflowRun("nightly", "wr_1");

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(GlueCallError);
    await expect(attempt).rejects.toMatchObject({
      failure: GlueFailure.Throttled,
      retryable: true,
      code: "ThrottlingException",
    });
  });

  it("maps a refused connection to an unreachable, retryable GlueCallError", async () => {
    // Prepare
    glue.on(GetWorkflowRunCommand).rejects(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));

    // Act
    const attempt = gateway().getWorkflowRun("nightly", "wr_1");

    // Assess
    await expect(attempt).rejects.toMatchObject({ failure: GlueFailure.Unreachable, retryable: true });
  });

  it("keeps Glue's error code for other failures, not retryable", async () => {
    // Prepare
    glue.on(GetWorkflowRunCommand).rejects(sdkError("InvalidInputException"));

    // Act
    const attempt = gateway().getWorkflowRun("nightly", "wr_1");

    // Assess
    await expect(attempt).rejects.toMatchObject({ code: "InvalidInputException", retryable: false });
  });

  it("sends the commands' calls through the same counting and classifying path", async () => {
    // Prepare
    glue.on(StartWorkflowRunCommand, { Name: "nightly" }).resolves({ RunId: "wr_9" });
    glue.on(ResumeWorkflowRunCommand).resolves({ RunId: "wr_10", NodeIds: ["job-load"] });
    const subject = gateway();

    // Act
    const runId = await subject.startWorkflowRun("nightly");
    const resumed = await subject.resumeWorkflowRun("nightly", "wr_1", ["job-load", "job-gone"]);

    // Assess
    expect(runId).toBe("wr_9");
    expect(resumed).toEqual({ runId: "wr_10", nodeIds: ["job-load"] });
    expect(subject.calls()).toMatchObject({ total: 2, StartWorkflowRun: 1, ResumeWorkflowRun: 1 });
  });

  it("throws not-found for run properties (a command falls back to the stored ones), not undefined", async () => {
    // Prepare
    glue.on(GetWorkflowRunPropertiesCommand).rejects(sdkError("EntityNotFoundException"));

    // Act
    const attempt = gateway().getWorkflowRunProperties("nightly", "wr_gone");

    // Assess
    await expect(attempt).rejects.toMatchObject({ failure: GlueFailure.NotFound, retryable: false });
  });

  it("narrows to a function kind's calls: the resume worker cannot start a run (a type error)", () => {
    const worker: GlueFor<"resumeWorker"> = gateway();

    // @ts-expect-error StartWorkflowRun is not in GlueCalls.resumeWorker, so neither in its IAM grant.
    expect(worker.startWorkflowRun).toBeTypeOf("function");
    expect(Object.keys(worker)).toContain("resumeWorkflowRun");
  });
});

describe("narrowGlue", () => {
  it("hands a function only the calls GlueCalls lists for it, and the call counts", () => {
    // Act
    const worker = narrowGlue(gateway(), "resumeWorker");

    // Assess
    expect(Object.keys(worker).sort()).toEqual(["calls", "getWorkflowRun", "resetCalls", "resumeWorkflowRun"]);
  });

  it("keeps the methods working and counted", async () => {
    // Prepare
    glue.on(GetWorkflowRunCommand).resolves({ Run: { Name: "nightly", WorkflowRunId: "wr_1", Status: "RUNNING" } });
    const reader = narrowGlue(gateway(), "ingest");

    // Act
    const run = await reader.getWorkflowRun("nightly", "wr_1");

    // Assess
    expect(run).toMatchObject({ WorkflowRunId: "wr_1" });
    expect(reader.calls()).toMatchObject({ total: 1, GetWorkflowRun: 1 });
  });
});
