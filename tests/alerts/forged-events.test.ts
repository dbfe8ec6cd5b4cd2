/**
 * Forged tracker events (issue 12, point 7): a principal allowed PutEvents on the
 * tracker bus puts a "failed run" event for a run that succeeded, naming node ids of
 * its choosing. The whole pipeline (same handlers and rules as deployed) re-reads the
 * run from the store: nothing is resumed, no alert is sent.
 */
import {
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { Events } from "@glue-run-tracker/core";
import { afterEach, describe, expect, it } from "vitest";
import { type Pipeline, startPipeline } from "./pipeline.ts";

let pipeline: Pipeline | undefined;

afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

describe("forged tracker events", () => {
  it("resume nothing and alert nobody for a run the store holds as SUCCEEDED", async () => {
    // Prepare: a one-job workflow whose run succeeds, recorded by ingest
    pipeline = await startPipeline();
    const glue = pipeline.glueAdmin;
    await glue.send(new CreateWorkflowCommand({ Name: "payroll" }));
    await glue.send(
      new CreateJobCommand({
        Name: "payroll-pay",
        Role: "arn:aws:iam::123456789012:role/glue",
        Command: { Name: "glueetl", ScriptLocation: "s3://scripts/pay.py" },
        DefaultArguments: { "--sim-duration-ms": "2000" },
      }),
    );
    await glue.send(
      new CreateTriggerCommand({
        Name: "payroll-start",
        WorkflowName: "payroll",
        Type: "ON_DEMAND",
        Actions: [{ JobName: "payroll-pay" }],
      }),
    );
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "payroll" }));
    const runId = RunId as string;
    await pipeline.settle();
    expect(await pipeline.store.getRun("payroll", runId)).toMatchObject({ Outcome: "SUCCEEDED" });

    // Act: the forged event says the run failed transiently, on a node of the forger's choosing
    pipeline.putTrackerEvent(Events.TrackerDetailType.RunStateChange, {
      workflowName: "payroll",
      runId,
      status: "COMPLETED",
      outcome: "FAILED",
      failedNodes: [
        { NodeId: "job-evil", Type: "JOB", Name: "evil", State: "FAILED", ErrorMessage: "ThrottlingException: x" },
      ],
    });
    pipeline.putTrackerEvent(Events.TrackerDetailType.RunResumeFailed, {
      workflowName: "payroll",
      runId,
      nodeIds: ["job-evil"],
      attempt: 1,
      glueError: "Click https://phish.example",
    });
    await pipeline.settle();

    // Assess: both events reached the bus, neither was acted on
    expect(
      pipeline.trackerEvents
        .filter((e) => (e.detail as { runId?: string }).runId === runId)
        .map((e) => e["detail-type"]),
    ).toEqual(expect.arrayContaining(["Glue Workflow Run State Change", "Glue Workflow Run Resume Failed"]));
    const run = await pipeline.store.getRun("payroll", runId);
    expect(run?.AutoResume).toBeUndefined();
    expect(run?.ResumedAs).toBeUndefined();
    expect(pipeline.trackerEvents.filter((e) => e["detail-type"] === "Glue Workflow Run Resumed")).toEqual([]);
    expect(pipeline.alerts).toEqual([]);
    expect(await pipeline.sinkRecords()).toEqual([]);
  });
});
