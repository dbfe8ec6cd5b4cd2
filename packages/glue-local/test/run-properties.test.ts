/** Functionality: run properties — DefaultRunProperties merged with the start's, get, put (merge). */
import {
  GetWorkflowRunPropertiesCommand,
  PutWorkflowRunPropertiesCommand,
  ResumeWorkflowRunCommand,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOneJobWorkflow, getRun, glueError, startTestGlue, type TestGlue } from "./support/glue.ts";

let t: TestGlue;
beforeEach(async () => {
  t = await startTestGlue();
  await createOneJobWorkflow(
    t.client,
    "props",
    { "--sim-outcome": "FAILED" },
    { DefaultRunProperties: { env: "dev", date: "default" } },
  );
});
afterEach(async () => {
  await t.stop();
});

const get = async (runId: string) =>
  (await t.client.send(new GetWorkflowRunPropertiesCommand({ Name: "props", RunId: runId }))).RunProperties;

describe("run properties", () => {
  it("start with DefaultRunProperties merged with the start's RunProperties", async () => {
    // Act
    const { RunId } = await t.client.send(
      new StartWorkflowRunCommand({ Name: "props", RunProperties: { date: "2026-01-05" } }),
    );
    // Assess
    expect(await get(RunId as string)).toEqual({ env: "dev", date: "2026-01-05" });
  });

  it("merge on put: given keys are set, others kept", async () => {
    // Prepare
    const { RunId } = await t.client.send(new StartWorkflowRunCommand({ Name: "props" }));
    // Act
    const put = await t.client.send(
      new PutWorkflowRunPropertiesCommand({ Name: "props", RunId, RunProperties: { date: "2026-01-06", rows: "42" } }),
    );
    // Assess
    expect(put.$metadata.httpStatusCode).toBe(200);
    expect(await get(RunId as string)).toEqual({ env: "dev", date: "2026-01-06", rows: "42" });
    expect((await getRun(t.client, "props", RunId as string)).WorkflowRunProperties).toEqual({
      env: "dev",
      date: "2026-01-06",
      rows: "42",
    });
  });

  it("carry over to a resumed run", async () => {
    // Prepare
    const { RunId } = await t.client.send(new StartWorkflowRunCommand({ Name: "props" }));
    await t.client.send(
      new PutWorkflowRunPropertiesCommand({ Name: "props", RunId, RunProperties: { checkpoint: "7" } }),
    );
    await t.glue.runUntilIdle();
    const node = (await getRun(t.client, "props", RunId as string)).Graph?.Nodes?.find((n) => n.Type === "JOB")
      ?.UniqueId as string;
    // Act
    const resumed = await t.client.send(new ResumeWorkflowRunCommand({ Name: "props", RunId, NodeIds: [node] }));
    // Assess
    expect(await get(resumed.RunId as string)).toEqual({ env: "dev", date: "default", checkpoint: "7" });
  });

  it("raise EntityNotFoundException for an unknown run", async () => {
    // Act
    const getError = await glueError(
      t.client.send(new GetWorkflowRunPropertiesCommand({ Name: "props", RunId: "wr_nope" })),
    );
    const putError = await glueError(
      t.client.send(
        new PutWorkflowRunPropertiesCommand({ Name: "props", RunId: "wr_nope", RunProperties: { a: "b" } }),
      ),
    );
    // Assess
    expect(getError.name).toBe("EntityNotFoundException");
    expect(putError.name).toBe("EntityNotFoundException");
  });
});
