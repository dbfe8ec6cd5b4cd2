/**
 * Validation: the seed's constraints on the 13 workflow operations and glue-local's wire rules
 * on the others, through the SDK, with the exception Glue names; and what Glue's model accepts
 * that glue-local once refused (validation-bounds.test.ts checks every bound).
 */
import {
  BatchGetWorkflowsCommand,
  BatchStopJobRunCommand,
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GetJobCommand,
  GetJobRunsCommand,
  GetTriggersCommand,
  GetWorkflowCommand,
  GetWorkflowRunsCommand,
  ListWorkflowsCommand,
  PutWorkflowRunPropertiesCommand,
  ResumeWorkflowRunCommand,
  StartJobRunCommand,
  StartWorkflowRunCommand,
  UpdateWorkflowCommand,
} from "@aws-sdk/client-glue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCrawler,
  createJob,
  createOneJobWorkflow,
  glueError,
  startTestGlue,
  type TestGlue,
} from "./support/glue.ts";

let t: TestGlue;
beforeAll(async () => {
  t = await startTestGlue();
  await createOneJobWorkflow(t.client, "wf");
  await createJob(t.client, "job");
});
afterAll(async () => {
  await t.stop();
});

const name256 = "n".repeat(256);
const tags51 = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));

describe("the seed's workflow operations", () => {
  it.each<[string, () => Promise<unknown>, string, string]>([
    [
      "a 256-byte name",
      () => t.client.send(new CreateWorkflowCommand({ Name: name256 })),
      "InvalidInputException",
      "Name: must be 1–255 UTF-8 bytes long (got 256)",
    ],
    [
      "a multi-byte name over 255 bytes",
      () => t.client.send(new CreateWorkflowCommand({ Name: "é".repeat(128) })),
      "InvalidInputException",
      "got 256",
    ],
    [
      "a name with a line break",
      () => t.client.send(new CreateWorkflowCommand({ Name: "a\nb" })),
      "InvalidInputException",
      "single line",
    ],
    [
      "51 tags",
      () => t.client.send(new CreateWorkflowCommand({ Name: "tagged", Tags: tags51 })),
      "ResourceNumberLimitExceededException",
      "at most 50",
    ],
    [
      "a fractional MaxConcurrentRuns",
      () => t.client.send(new UpdateWorkflowCommand({ Name: "wf", MaxConcurrentRuns: 1.5 })),
      "InvalidInputException",
      "MaxConcurrentRuns",
    ],
    [
      "a description over 120,000 bytes",
      () => t.client.send(new CreateWorkflowCommand({ Name: "d", Description: "x".repeat(120_001) })),
      "InvalidInputException",
      "Description",
    ],
    [
      "ListWorkflows MaxResults 26",
      () => t.client.send(new ListWorkflowsCommand({ MaxResults: 26 })),
      "InvalidInputException",
      "MaxResults",
    ],
    [
      "GetWorkflowRuns MaxResults 0",
      () => t.client.send(new GetWorkflowRunsCommand({ Name: "wf", MaxResults: 0 })),
      "InvalidInputException",
      "MaxResults",
    ],
    [
      "a forged NextToken",
      () => t.client.send(new GetWorkflowRunsCommand({ Name: "wf", NextToken: "forged" })),
      "InvalidInputException",
      "NextToken",
    ],
    [
      "another list's NextToken",
      () =>
        t.client.send(
          new ListWorkflowsCommand({ NextToken: Buffer.from('{"l":"runs:wf","k":1}').toString("base64url") }),
        ),
      "InvalidInputException",
      "NextToken",
    ],
    [
      "26 names in BatchGetWorkflows",
      () => t.client.send(new BatchGetWorkflowsCommand({ Names: Array.from({ length: 26 }, (_, i) => `w${i}`) })),
      "InvalidInputException",
      "at most 25",
    ],
    [
      "empty NodeIds",
      () => t.client.send(new ResumeWorkflowRunCommand({ Name: "wf", RunId: "wr_x", NodeIds: [] })),
      "InvalidInputException",
      "NodeIds: must not be empty",
    ],
    [
      "an empty node id",
      () => t.client.send(new ResumeWorkflowRunCommand({ Name: "wf", RunId: "wr_x", NodeIds: [""] })),
      "InvalidInputException",
      "NodeIds.0",
    ],
    [
      "a run property key over 255 bytes",
      () => t.client.send(new StartWorkflowRunCommand({ Name: "wf", RunProperties: { [name256]: "v" } })),
      "InvalidInputException",
      "RunProperties",
    ],
    [
      "a missing RunProperties",
      () =>
        t.client.send(
          new PutWorkflowRunPropertiesCommand({ Name: "wf", RunId: "wr_x", RunProperties: undefined as never }),
        ),
      "InvalidInputException",
      "RunProperties",
    ],
  ])("refuse %s", async (_case, call, name, message) => {
    // Act
    const error = await glueError(call());
    // Assess
    expect(error.name).toBe(name);
    expect(error.message).toContain(message);
  });
});

describe("what Glue's model accepts (issue 12 point 11)", () => {
  it("keeps a workflow Description over 2,048 bytes, with control characters", async () => {
    // Prepare
    const Description = `${"é".repeat(1500)}\u0001${"x".repeat(4000)}`;
    // Act
    await t.client.send(new CreateWorkflowCommand({ Name: "long-description", Description }));
    const { Workflow } = await t.client.send(new GetWorkflowCommand({ Name: "long-description" }));
    // Assess
    expect(Workflow?.Description).toBe(Description);
  });

  it("keeps a negative MaxConcurrentRuns, which limits nothing", async () => {
    // Act
    await t.client.send(new CreateWorkflowCommand({ Name: "unlimited", MaxConcurrentRuns: -1 }));
    await t.client.send(new UpdateWorkflowCommand({ Name: "wf", MaxConcurrentRuns: -5 }));
    const created = await t.client.send(new GetWorkflowCommand({ Name: "unlimited" }));
    const updated = await t.client.send(new GetWorkflowCommand({ Name: "wf" }));
    // Assess
    expect(created.Workflow?.MaxConcurrentRuns).toBe(-1);
    expect(updated.Workflow?.MaxConcurrentRuns).toBe(-5);
  });

  it("reads an empty NextToken as the first page", async () => {
    // Prepare
    const first = await t.client.send(new ListWorkflowsCommand({ MaxResults: 1 }));
    // Act
    const workflows = await t.client.send(new ListWorkflowsCommand({ MaxResults: 1, NextToken: "" }));
    const runs = await t.client.send(new GetWorkflowRunsCommand({ Name: "wf", NextToken: "" }));
    const jobRuns = await t.client.send(new GetJobRunsCommand({ JobName: "job", NextToken: "" }));
    const triggers = await t.client.send(new GetTriggersCommand({ NextToken: "" }));
    // Assess
    expect(workflows.Workflows).toEqual(first.Workflows);
    expect(runs.Runs).toEqual([]);
    expect(jobRuns.JobRuns).toEqual([]);
    expect(triggers.Triggers?.length).toBeGreaterThan(0);
  });

  it("keeps tag keys and values with line breaks, and job fields the model leaves unbounded", async () => {
    // Act
    await t.client.send(
      new CreateJobCommand({
        Name: "unbounded",
        Role: "r",
        Command: {},
        MaxRetries: 20,
        Timeout: 20_160,
        NumberOfWorkers: 300_000,
        Tags: { "team\nname": "data\nplatform" },
      }),
    );
    const { Job } = await t.client.send(new GetJobCommand({ JobName: "unbounded" }));
    // Assess
    expect(Job).toMatchObject({ MaxRetries: 20, Timeout: 20_160, NumberOfWorkers: 300_000 });
  });
});

describe("jobs, crawlers and triggers", () => {
  it.each<[string, () => Promise<unknown>, string, string]>([
    [
      "a job without Role",
      () => t.client.send(new CreateJobCommand({ Name: "x", Command: { Name: "glueetl" } } as never)),
      "InvalidInputException",
      "Role: is required",
    ],
    [
      "51 job tags",
      () => t.client.send(new CreateJobCommand({ Name: "x", Role: "r", Command: {}, Tags: tags51 })),
      "ResourceNumberLimitExceededException",
      "Tags",
    ],
    [
      "a bad --sim-outcome",
      () =>
        t.client.send(
          new CreateJobCommand({ Name: "x", Role: "r", Command: {}, DefaultArguments: { "--sim-outcome": "MAYBE" } }),
        ),
      "InvalidInputException",
      "--sim-outcome",
    ],
    [
      "a bad --sim-duration-ms",
      () => t.client.send(new StartJobRunCommand({ JobName: "job", Arguments: { "--sim-duration-ms": "soon" } })),
      "InvalidInputException",
      "--sim-duration-ms",
    ],
    [
      "a bad sim:fail-attempts tag",
      () => createCrawler(t.client, "c", { "sim:fail-attempts": "-1" }),
      "InvalidInputException",
      "sim:fail-attempts",
    ],
    [
      "a job Timeout of 0",
      () => t.client.send(new StartJobRunCommand({ JobName: "job", Timeout: 0 })),
      "InvalidInputException",
      "Timeout",
    ],
    [
      "GetJobRuns MaxResults 201",
      () => t.client.send(new GetJobRunsCommand({ JobName: "job", MaxResults: 201 })),
      "InvalidInputException",
      "MaxResults",
    ],
    [
      "26 ids in BatchStopJobRun",
      () =>
        t.client.send(
          new BatchStopJobRunCommand({ JobName: "job", JobRunIds: Array.from({ length: 26 }, (_, i) => `jr_${i}`) }),
        ),
      "InvalidInputException",
      "JobRunIds",
    ],
    [
      "an action naming both a job and a crawler",
      () =>
        t.client.send(
          new CreateTriggerCommand({ Name: "x", Type: "ON_DEMAND", Actions: [{ JobName: "job", CrawlerName: "c" }] }),
        ),
      "InvalidInputException",
      "Actions.0",
    ],
    [
      "a trigger without actions",
      () => t.client.send(new CreateTriggerCommand({ Name: "x", Type: "ON_DEMAND", Actions: [] })),
      "InvalidInputException",
      "Actions: must not be empty",
    ],
    [
      "an unknown trigger type",
      () =>
        t.client.send(
          new CreateTriggerCommand({ Name: "x", Type: "SOMETIMES" as never, Actions: [{ JobName: "job" }] }),
        ),
      "InvalidInputException",
      "Type: must be one of",
    ],
    [
      "a condition without a State",
      () =>
        t.client.send(
          new CreateTriggerCommand({
            Name: "x",
            Type: "CONDITIONAL",
            Predicate: { Conditions: [{ JobName: "job" }] },
            Actions: [{ JobName: "job" }],
          }),
        ),
      "InvalidInputException",
      "Predicate.Conditions.0",
    ],
    [
      "an unknown Logical",
      () =>
        t.client.send(
          new CreateTriggerCommand({
            Name: "x",
            Type: "CONDITIONAL",
            Predicate: { Logical: "XOR" as never, Conditions: [{ JobName: "job", State: "SUCCEEDED" }] },
            Actions: [{ JobName: "job" }],
          }),
        ),
      "InvalidInputException",
      "Predicate.Logical",
    ],
  ])("refuse %s", async (_case, call, name, message) => {
    // Act
    const error = await glueError(call());
    // Assess
    expect(error.name).toBe(name);
    expect(error.message).toContain(message);
  });
});
