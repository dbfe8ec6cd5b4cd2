/**
 * Commands through API Gateway HTTP API events against glue-local and dynalite:
 * start, stop, resume and run properties, recorded at once (ObservedVia
 * "command"), and Glue's refusals and failures answered with their codes.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEtlWorkflow } from "./support/glue-fixtures.ts";
import { type ApiHarness, startApiHarness } from "./support/harness.ts";
import { responseProblems } from "./support/openapi-check.ts";

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
  await createEtlWorkflow(h.glueAdmin, "etl", { defaultRunProperties: { env: "test" } });
  await createEtlWorkflow(h.glueAdmin, "flaky", { loadOutcome: "FAILED" });
  await createEtlWorkflow(h.glueAdmin, "busy", { maxConcurrentRuns: 1, durationMs: 3_600_000 });
  await createEtlWorkflow(h.glueAdmin, "slow", { durationMs: 3_600_000 });
});

afterAll(async () => {
  await h?.stop();
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectError(
  response: { status: number; body: unknown; event: { requestContext: { requestId: string } } },
  status: number,
  code: string,
) {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({
    Code: code,
    Message: expect.any(String),
    RequestId: response.event.requestContext.requestId,
  });
}

describe("POST /workflows/{name}/runs", () => {
  it("starts a run and records it at once, before any Glue event", async () => {
    // Act
    const started = await h.api.request({
      method: "POST",
      url: "/workflows/etl/runs",
      body: { RunProperties: { day: "2024-05-01" } },
    });
    const run = await h.api.request({ method: "GET", url: `/workflows/etl/runs/${started.body.RunId}` });

    // Assess
    expect(started.status).toBe(201);
    expect(started.body).toEqual({ RunId: expect.any(String) });
    expect(run.status).toBe(200);
    expect(run.body.Run).toMatchObject({
      Name: "etl",
      WorkflowRunId: started.body.RunId,
      Status: "RUNNING",
      Outcome: "RUNNING",
      ObservedVia: "command",
    });
    // Stored for the properties route, never served by a read (issue 12, point 6).
    expect(run.body.Run.WorkflowRunProperties).toBeUndefined();
    expect(await h.store.getRunProperties("etl", started.body.RunId)).toEqual({ env: "test", day: "2024-05-01" });
    const announced = h.publisher.entries.map((entry) => JSON.parse(entry.Detail));
    expect(announced).toContainEqual(
      expect.objectContaining({ workflowName: "etl", runId: started.body.RunId, status: "RUNNING" }),
    );
  });

  it("accepts an empty body", async () => {
    const started = await h.api.request({ method: "POST", url: "/workflows/etl/runs" });

    expect(started.status).toBe(201);
  });

  it("passes Glue's EntityNotFoundException through for an unknown workflow", async () => {
    const response = await h.api.request({ method: "POST", url: "/workflows/no-such-workflow/runs", body: {} });

    expectError(response, 404, "EntityNotFoundException");
  });

  it("answers 409 ConcurrentRunsExceededException past MaxConcurrentRuns", async () => {
    // Prepare
    const first = await h.api.request({ method: "POST", url: "/workflows/busy/runs" });

    // Act
    const second = await h.api.request({ method: "POST", url: "/workflows/busy/runs" });

    // Assess
    expect(first.status).toBe(201);
    expectError(second, 409, "ConcurrentRunsExceededException");
  });
});

describe("POST /workflows/{name}/runs/{runId}/stop", () => {
  it("stops a running run (202) and records it STOPPING", async () => {
    // Prepare
    const { body } = await h.api.request({ method: "POST", url: "/workflows/slow/runs" });

    // Act
    const stopped = await h.api.request({ method: "POST", url: `/workflows/slow/runs/${body.RunId}/stop` });
    const run = await h.api.request({ method: "GET", url: `/workflows/slow/runs/${body.RunId}` });

    // Assess
    expect(stopped.status).toBe(202);
    expect(stopped.body).toEqual({});
    expect(run.body.Run.Status).toBe("STOPPING");
  });

  it("answers 409 IllegalWorkflowStateException for a finished run", async () => {
    // Prepare
    const { body } = await h.api.request({ method: "POST", url: "/workflows/etl/runs" });
    await h.glue.runUntilIdle();

    // Act
    const response = await h.api.request({ method: "POST", url: `/workflows/etl/runs/${body.RunId}/stop`, body: {} });

    // Assess
    expectError(response, 409, "IllegalWorkflowStateException");
  });
});

describe("POST /workflows/{name}/runs/{runId}/resume", () => {
  it("resumes the failed nodes (201), records the new run and the lineage both ways", async () => {
    // Prepare
    const { body: start } = await h.api.request({ method: "POST", url: "/workflows/flaky/runs" });
    await h.glue.runUntilIdle();
    await h.syncRun("flaky", start.RunId);
    const failed = await h.api.request({ method: "GET", url: `/workflows/flaky/runs/${start.RunId}` });
    const nodeIds = failed.body.Run.FailedNodes.map((node: { NodeId: string }) => node.NodeId);

    // Act
    const resumed = await h.api.request({
      method: "POST",
      url: `/workflows/flaky/runs/${start.RunId}/resume`,
      body: { NodeIds: nodeIds },
    });
    const newRun = await h.api.request({ method: "GET", url: `/workflows/flaky/runs/${resumed.body.RunId}` });
    const original = await h.api.request({ method: "GET", url: `/workflows/flaky/runs/${start.RunId}` });

    // Assess
    expect(failed.body.Run).toMatchObject({ Status: "COMPLETED", Outcome: "FAILED" });
    expect(nodeIds).toHaveLength(1);
    expect(resumed.status).toBe(201);
    expect(resumed.body).toEqual({ RunId: expect.any(String), NodeIds: nodeIds });
    expect(newRun.body.Run).toMatchObject({ PreviousRunId: start.RunId, ObservedVia: "command" });
    expect(original.body.Run.ResumedAs).toEqual([resumed.body.RunId]);
  });

  it("passes Glue's IllegalWorkflowStateException (409) through for a run that is still running", async () => {
    // Prepare
    const { body } = await h.api.request({ method: "POST", url: "/workflows/slow/runs" });

    // Act
    const response = await h.api.request({
      method: "POST",
      url: `/workflows/slow/runs/${body.RunId}/resume`,
      body: { NodeIds: ["anything"] },
    });

    // Assess
    expectError(response, 409, "IllegalWorkflowStateException");
  });
});

describe("run properties", () => {
  it("reads them from Glue, forwards a PUT and records the new properties", async () => {
    // Prepare
    const { body } = await h.api.request({
      method: "POST",
      url: "/workflows/etl/runs",
      body: { RunProperties: { a: "1" } },
    });
    const url = `/workflows/etl/runs/${body.RunId}/properties`;

    // Act
    const before = await h.api.request({ method: "GET", url });
    const put = await h.api.request({ method: "PUT", url, body: { RunProperties: { b: "2" } } });
    const after = await h.api.request({ method: "GET", url });
    const stored = await h.store.getRunProperties("etl", body.RunId);

    // Assess
    expect(before.body).toEqual({ RunProperties: { env: "test", a: "1" } });
    expect(put.status).toBe(200);
    expect(after.body.RunProperties).toEqual({ env: "test", a: "1", b: "2" });
    expect(stored).toEqual({ env: "test", a: "1", b: "2" });
  });

  it("answers 404 EntityNotFoundException for a run neither Glue nor the tracker knows", async () => {
    const response = await h.api.request({ method: "GET", url: "/workflows/etl/runs/wr_unknown/properties" });

    expectError(response, 404, "EntityNotFoundException");
  });
});

describe("when Glue misbehaves", () => {
  it("answers 429 ThrottlingException when Glue throttles", async () => {
    // Prepare
    h.glue.faults.throttleRate = 1;

    // Act
    const response = await h.api.request({ method: "POST", url: "/workflows/etl/runs" }).finally(() => {
      h.glue.faults.throttleRate = 0;
    });

    // Assess
    expectError(response, 429, "ThrottlingException");
  });

  it("answers 502 GlueUnreachableException when nothing listens at Glue's endpoint", async () => {
    // Prepare
    const api = h.client({ glueEndpoint: `http://127.0.0.1:${await closedPort()}` });

    // Act
    const response = await api.request({ method: "POST", url: "/workflows/etl/runs" });

    // Assess
    expectError(response, 502, "GlueUnreachableException");
  });

  it("answers 504 OperationTimeoutException when Glue answers after the client's timeout", async () => {
    // Prepare
    const api = h.client({ glueTimeoutMs: 150 });
    h.glue.faults.latencyMs = 1_000;

    // Act
    const response = await api.request({ method: "GET", url: "/workflows/etl/runs/wr_x/properties" }).finally(() => {
      h.glue.faults.latencyMs = 0;
    });

    // Assess
    expectError(response, 504, "OperationTimeoutException");
  });

  it("answers 504 OperationTimeoutException when the command aborts a slow Glue call itself", async () => {
    // Prepare
    const api = h.client({ glueTimeoutMs: 10_000, glueAbortMs: 150 });
    h.glue.faults.latencyMs = 1_000;

    // Act
    const response = await api.request({ method: "POST", url: "/workflows/etl/runs" }).finally(() => {
      h.glue.faults.latencyMs = 0;
    });

    // Assess
    expectError(response, 504, "OperationTimeoutException");
  });
});

it("every response above validates against the served OpenAPI document", async () => {
  // Act
  const { body: document } = await h.api.request({ method: "GET", url: "/openapi.json" });

  // Assess
  expect(h.responses.length).toBeGreaterThan(20);
  expect(responseProblems(document, h.responses)).toEqual([]);
});
