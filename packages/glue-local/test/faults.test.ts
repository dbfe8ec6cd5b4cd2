/** Faults: throttling, forgetting old runs (retention), and latency settings. */
import {
  GetJobRunCommand,
  GetWorkflowCommand,
  GetWorkflowRunCommand,
  GetWorkflowRunsCommand,
  ListWorkflowsCommand,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { afterEach, describe, expect, it } from "vitest";
import { createOneJobWorkflow, getRun, glueError, jobRunsByJob, startTestGlue, type TestGlue } from "./support/glue.ts";

let t: TestGlue | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe("throttling", () => {
  it("answers ThrottlingException at the configured rate, and can be changed while running", async () => {
    // Prepare: a deterministic random source alternating 0.25 / 0.75
    let flip = false;
    t = await startTestGlue({
      throttleRate: 0.5,
      random: () => {
        flip = !flip;
        return flip ? 0.25 : 0.75;
      },
    });
    const results: string[] = [];
    // Act
    for (let i = 0; i < 4; i++) {
      const outcome = await t.client.send(new ListWorkflowsCommand({})).then(
        () => "ok",
        (e: { name: string; $metadata: { httpStatusCode: number } }) => `${e.name}/${e.$metadata.httpStatusCode}`,
      );
      results.push(outcome);
    }
    t.glue.faults.throttleRate = 0;
    const afterOff = await t.client.send(new ListWorkflowsCommand({}));
    // Assess
    expect(results).toEqual(["ThrottlingException/400", "ok", "ThrottlingException/400", "ok"]);
    expect(afterOff.Workflows).toEqual([]);
  });

  it("reads GLUE_LOCAL_THROTTLE_RATE when no option is given", async () => {
    // Prepare
    t = await startTestGlue({ env: { GLUE_LOCAL_THROTTLE_RATE: "1" } });
    // Act
    const error = await glueError(t.client.send(new ListWorkflowsCommand({})));
    // Assess
    expect(error.name).toBe("ThrottlingException");
    expect(error.message).toBe("Rate exceeded");
  });
});

describe("retention", () => {
  it("forgets finished runs older than the retention, never running ones", async () => {
    // Prepare
    t = await startTestGlue({ retentionSeconds: 3_600 });
    await createOneJobWorkflow(t.client, "old");
    await createOneJobWorkflow(t.client, "ongoing", { "--sim-duration-ms": String(10 * 3_600_000) });
    const { RunId: oldRun } = await t.client.send(new StartWorkflowRunCommand({ Name: "old" }));
    const { RunId: ongoingRun } = await t.client.send(new StartWorkflowRunCommand({ Name: "ongoing" }));
    await t.glue.advance(60_000);
    const jobRunId = jobRunsByJob(await getRun(t.client, "old", oldRun as string))["old-job"]?.JobRuns?.[0]?.Id;
    // Act
    await t.glue.advance(2 * 3_600_000);
    const runError = await glueError(t.client.send(new GetWorkflowRunCommand({ Name: "old", RunId: oldRun })));
    const jobRunError = await glueError(t.client.send(new GetJobRunCommand({ JobName: "old-job", RunId: jobRunId })));
    const runs = await t.client.send(new GetWorkflowRunsCommand({ Name: "old" }));
    const workflow = await t.client.send(new GetWorkflowCommand({ Name: "old" }));
    const ongoing = await getRun(t.client, "ongoing", ongoingRun as string);
    // Assess
    expect(runError.name).toBe("EntityNotFoundException");
    expect(jobRunError.name).toBe("EntityNotFoundException");
    expect(runs.Runs).toEqual([]);
    expect(workflow.Workflow?.Name).toBe("old");
    expect(workflow.Workflow?.LastRun).toBeUndefined();
    expect(ongoing.Status).toBe("RUNNING");
  });

  it("reads GLUE_LOCAL_RETENTION_SECONDS, and keeps runs inside the retention", async () => {
    // Prepare
    t = await startTestGlue({ env: { GLUE_LOCAL_RETENTION_SECONDS: "86400" } });
    await createOneJobWorkflow(t.client, "kept");
    const { RunId } = await t.client.send(new StartWorkflowRunCommand({ Name: "kept" }));
    // Act
    await t.glue.advance(3_600_000);
    const kept = await getRun(t.client, "kept", RunId as string);
    await t.glue.advance(24 * 3_600_000);
    const forgotten = await glueError(t.client.send(new GetWorkflowRunCommand({ Name: "kept", RunId })));
    // Assess
    expect(kept.Status).toBe("COMPLETED");
    expect(forgotten.name).toBe("EntityNotFoundException");
  });
});

describe("settings", () => {
  it("come from the GLUE_LOCAL_* environment, options winning", async () => {
    // Prepare
    const env = { GLUE_LOCAL_LATENCY_MS: "5", GLUE_LOCAL_THROTTLE_RATE: "0.25", GLUE_LOCAL_TIME_SCALE: "10" };
    // Act
    t = await startTestGlue({ env, timeScale: undefined, throttleRate: 0 });
    // Assess
    expect(t.glue.faults).toEqual({ throttleRate: 0, latencyMs: 5 });
    expect(t.glue.host).toBe("127.0.0.1");
  });

  it("refuse nonsense values by name", async () => {
    // Act / Assess
    await expect(startTestGlue({ env: { GLUE_LOCAL_TIME_SCALE: "fast" }, timeScale: undefined })).rejects.toThrow(
      "GLUE_LOCAL_TIME_SCALE",
    );
    await expect(startTestGlue({ throttleRate: 2 })).rejects.toThrow("throttleRate");
  });

  it("still answer every call with latency on", async () => {
    // Prepare
    t = await startTestGlue({ latencyMs: 20 });
    // Act
    const responses = await Promise.all([1, 2, 3].map(() => t?.client.send(new ListWorkflowsCommand({}))));
    // Assess
    expect(responses.map((r) => r?.$metadata.httpStatusCode)).toEqual([200, 200, 200]);
  });
});
