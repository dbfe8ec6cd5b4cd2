/** DPUSeconds on job runs: Flex and auto-scaling runs, once ended; absent otherwise (as Glue). */
import { GetJobRunCommand, StartJobRunCommand } from "@aws-sdk/client-glue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AUTO_SCALING_SHARE } from "../src/engine/dpu-seconds.ts";
import { createJob, startTestGlue, type TestGlue } from "./support/glue.ts";

let t: TestGlue;
beforeEach(async () => {
  t = await startTestGlue();
});
afterEach(async () => {
  await t.stop();
});

async function finishedRun(name: string, args: Record<string, string>, capacity: Record<string, unknown>) {
  await createJob(t.client, name, { "--sim-duration-ms": "120000", ...args }, { GlueVersion: "4.0", ...capacity });
  const { JobRunId } = await t.client.send(new StartJobRunCommand({ JobName: name }));
  const running = (await t.client.send(new GetJobRunCommand({ JobName: name, RunId: JobRunId }))).JobRun;
  await t.glue.runUntilIdle();
  const ended = (await t.client.send(new GetJobRunCommand({ JobName: name, RunId: JobRunId }))).JobRun;
  return { running, ended };
}

describe("DPUSeconds", () => {
  it("are execution time × workers × DPU for a Flex run, once it has ended", async () => {
    const { running, ended } = await finishedRun(
      "flex",
      {},
      { WorkerType: "G.2X", NumberOfWorkers: 5, ExecutionClass: "FLEX" },
    );
    expect(running?.DPUSeconds).toBeUndefined();
    expect(ended).toMatchObject({ ExecutionClass: "FLEX", ExecutionTime: 120, DPUSeconds: 120 * 5 * 2 });
  });

  it("fall below the maximum for an auto-scaling run", async () => {
    const { ended } = await finishedRun(
      "scaling",
      { "--enable-auto-scaling": "true" },
      { WorkerType: "G.1X", NumberOfWorkers: 10 },
    );
    expect(ended?.DPUSeconds).toBe(120 * 10 * AUTO_SCALING_SHARE);
  });

  it("are absent for a standard run without auto scaling (Glue leaves them out)", async () => {
    const { ended } = await finishedRun("standard", {}, { WorkerType: "G.1X", NumberOfWorkers: 10 });
    expect(ended?.ExecutionTime).toBe(120);
    expect(ended?.DPUSeconds).toBeUndefined();
  });
});
