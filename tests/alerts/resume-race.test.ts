/**
 * SQS can hand the same resume message to two Lambda containers at once. Each has
 * its own in-process lock, so only the store's conditional lease stands between
 * them and a second ResumeWorkflowRun (which would run the failed jobs twice).
 * Real parts: glue-local, dynalite, the worker handler as deployed.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import {
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GetWorkflowRunCommand,
  GetWorkflowRunsCommand,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { createGlueClient, Glue, Ingest, ObservedVia, Resume, Store } from "@glue-run-tracker/core";
import { startGlueLocal } from "glue-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResumeWorkerHandler } from "../../packages/functions/src/resume/worker.ts";
import { startDynamo, type TestDynamo } from "../support/dynamo.ts";
import { lambdaContext, sqsEvent, sqsRecord } from "./events.ts";

let dynamo: TestDynamo;
let glue: Awaited<ReturnType<typeof startGlueLocal>>;

beforeAll(async () => {
  dynamo = await startDynamo();
  glue = await startGlueLocal({ timeScale: 1000, env: {} });
});

afterAll(async () => {
  await glue?.stop();
  await dynamo?.stop();
});

/** A workflow whose only job fails once with throttling, run to its (failed) completion. */
async function failedRun(client: ReturnType<typeof createGlueClient>, name: string) {
  await client.send(new CreateWorkflowCommand({ Name: name }));
  await client.send(
    new CreateJobCommand({
      Name: `${name}-load`,
      Role: "arn:aws:iam::123456789012:role/glue",
      Command: { Name: "glueetl", ScriptLocation: "s3://scripts/load.py" },
      DefaultArguments: {
        "--sim-duration-ms": "2000",
        "--sim-fail-attempts": "1",
        "--sim-error-message": "ThrottlingException: Rate exceeded",
      },
    }),
  );
  await client.send(
    new CreateTriggerCommand({
      Name: `${name}-start`,
      WorkflowName: name,
      Type: "ON_DEMAND",
      Actions: [{ JobName: `${name}-load` }],
    }),
  );
  const { RunId } = await client.send(new StartWorkflowRunCommand({ Name: name }));
  await glue.idle({ timeoutMs: 30_000 });
  const { Run } = await client.send(new GetWorkflowRunCommand({ Name: name, RunId, IncludeGraph: true }));
  if (!Run) throw new Error("glue-local returned no run");
  return Run;
}

describe("resume worker across containers", () => {
  it("calls ResumeWorkflowRun once when two containers get the same message at the same time", async () => {
    // Prepare
    const client = createGlueClient({ GLUE_ENDPOINT: glue.endpoint, AWS_REGION: "us-east-1" });
    const tableName = await dynamo.createTable();
    const store = Store.createRunStore({ client: dynamo.documentClient, tableName, paginationSecret: "race-test" });
    const run = await failedRun(client, "race");
    const runId = run.WorkflowRunId as string;
    await store.putSnapshot({
      run: JSON.parse(JSON.stringify(run)),
      observedAt: glue.now().toISOString(),
      via: ObservedVia.Event,
    });
    const failedNodes = (await store.getRun("race", runId))?.FailedNodes ?? [];
    const claimedAt = glue.now().toISOString();
    await store.claimResumeAttempt("race", runId, { Attempts: 1, LastAttemptAt: claimedAt, Decision: "resumed" });
    const request: Resume.ResumeRequest = {
      kind: "resume",
      workflowName: "race",
      runId,
      nodeIds: failedNodes.map((node) => node.NodeId),
      attempt: 1,
      claimedAt,
      notBefore: claimedAt,
    };
    const container = () =>
      createResumeWorkerHandler(
        {
          store,
          glue: Glue.createGlueGateway({ client }),
          publisher: Ingest.createMemoryPublisher(),
          recordRun: async () => undefined,
          queue: { send: async () => undefined },
          locks: Resume.createRunLocks(), // one per container: no help against the other one
          now: () => glue.now(),
          // Glue's clock runs 1000× (timeScale): the default 60 s lease would last 60 ms of real
          // time, less than one worker's attempt on a busy machine. An hour of Glue time is 3.6 s.
          leaseSeconds: 3600,
        },
        new Logger({ serviceName: "resume-worker", logLevel: "SILENT" }),
      );
    const [first, second] = [container(), container()];

    // Act
    const responses = await Promise.all([
      first(sqsEvent(sqsRecord(request, "delivery-1")), lambdaContext),
      second(sqsEvent(sqsRecord(request, "delivery-2")), lambdaContext),
    ]);
    await glue.idle({ timeoutMs: 30_000 });

    // Assess
    expect(failedNodes).toHaveLength(1);
    expect(responses).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    const { Runs = [] } = await client.send(new GetWorkflowRunsCommand({ Name: "race" }));
    expect(Runs.filter((r) => r.PreviousRunId === runId)).toHaveLength(1);
    expect((await store.getRun("race", runId))?.ResumedAs).toHaveLength(1);
    client.destroy();
  });
});
