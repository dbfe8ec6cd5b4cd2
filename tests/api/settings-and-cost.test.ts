/**
 * Per-workflow settings (GET read / PUT commands) and each run's Cost, through API
 * Gateway HTTP API events against glue-local and dynalite.
 */
import { CreateJobCommand, CreateTriggerCommand, CreateWorkflowCommand } from "@aws-sdk/client-glue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogWorkflow } from "./support/glue-fixtures.ts";
import { type ApiHarness, type ApiResponse, startApiHarness } from "./support/harness.ts";
import { responseProblems } from "./support/openapi-check.ts";

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
  // Two G.1X workers for 90 s (standard: execution time × workers), and a Flex job on four G.2X workers
  // for 30 s (Glue reports its DPUSeconds).
  await h.glueAdmin.send(new CreateWorkflowCommand({ Name: "priced" }));
  for (const [name, capacity, duration] of [
    ["priced-transform", { WorkerType: "G.1X", NumberOfWorkers: 2 }, 90_000],
    ["priced-flex", { WorkerType: "G.2X", NumberOfWorkers: 4, ExecutionClass: "FLEX" }, 30_000],
  ] as const) {
    await h.glueAdmin.send(
      new CreateJobCommand({
        Name: name,
        Role: "arn:aws:iam::123456789012:role/glue",
        Command: { Name: "glueetl", ScriptLocation: "s3://scripts/job.py" },
        GlueVersion: "4.0",
        ...capacity,
        DefaultArguments: { "--sim-duration-ms": String(duration) },
      }),
    );
  }
  await h.glueAdmin.send(
    new CreateTriggerCommand({
      Name: "priced-start",
      WorkflowName: "priced",
      Type: "ON_DEMAND",
      Actions: [{ JobName: "priced-transform" }, { JobName: "priced-flex" }],
    }),
  );
  await catalogWorkflow(h.glueAdmin, h.store, "priced");
});

afterAll(async () => {
  await h?.stop();
});

function expectError(response: ApiResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({
    Code: code,
    Message: expect.any(String),
    RequestId: response.event.requestContext.requestId,
  });
}

describe("GET/PUT /workflows/{name}/settings", () => {
  it("serves the defaults before anything is set", async () => {
    const response = await h.api.request({ method: "GET", url: "/workflows/priced/settings" });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      Settings: { OverdueFactor: 1.5, MinRunsForBaseline: 5, ScheduleGraceMinutes: 15 },
    });
  });

  it("replaces the settings, answers them with defaults applied, and serves them afterwards", async () => {
    // Act
    const put = await h.api.request({
      method: "PUT",
      url: "/workflows/priced/settings",
      body: {
        RunTimeLimitMinutes: 45,
        MuteUntil: "2030-01-01T00:00:00Z",
        SlackWebhook: "data-team",
        AutoResume: false,
      },
    });
    const read = await h.api.request({ method: "GET", url: "/workflows/priced/settings" });
    // Assess
    const expected = {
      RunTimeLimitMinutes: 45,
      OverdueFactor: 1.5,
      MinRunsForBaseline: 5,
      ScheduleGraceMinutes: 15,
      MuteUntil: "2030-01-01T00:00:00.000Z",
      SlackWebhook: "data-team",
      AutoResume: false,
    };
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ Settings: expected });
    expect(read.body).toEqual({ Settings: expected });
    expect(put.event.routeKey).toBe("PUT /workflows/{name}/settings");
  });

  it.each([
    [{ SlackWebhook: "https://hooks.slack.com/services/T000/B000/XXXX" }, "SlackWebhook"],
    [{ OverdueFactor: 0 }, "OverdueFactor"],
    [{ MuteUntil: "next week" }, "MuteUntil"],
    [{ Mute: true }, "Mute"],
  ])("refuses %j with 400 naming %s, and changes nothing", async (body, field) => {
    const before = await h.api.request({ method: "GET", url: "/workflows/priced/settings" });
    const response = await h.api.request({ method: "PUT", url: "/workflows/priced/settings", body });
    expectError(response, 400, "InvalidInputException");
    expect(response.body.Message).toContain(field);
    expect(response.body.Message).not.toContain("XXXX");
    expect((await h.api.request({ method: "GET", url: "/workflows/priced/settings" })).body).toEqual(before.body);
  });

  it("answers 404 for a workflow the tracker does not know, on both methods", async () => {
    expectError(
      await h.api.request({ method: "GET", url: "/workflows/nope/settings" }),
      404,
      "EntityNotFoundException",
    );
    expectError(
      await h.api.request({ method: "PUT", url: "/workflows/nope/settings", body: { OverdueFactor: 2 } }),
      404,
      "EntityNotFoundException",
    );
  });

  it("requires the API token on both methods when one is set", async () => {
    const api = h.client({ apiToken: "settings-token-0123" });
    for (const request of [
      { method: "GET", url: "/workflows/priced/settings" },
      { method: "PUT", url: "/workflows/priced/settings", body: { OverdueFactor: 2 } },
    ]) {
      expect((await api.request(request)).status).toBe(401);
    }
  });
});

describe("Cost on the run and runs routes", () => {
  it("is computed from the job runs' workers, execution time and class", async () => {
    // Prepare
    const { body: start } = await h.api.request({ method: "POST", url: "/workflows/priced/runs" });
    await h.glue.runUntilIdle();
    await h.syncRun("priced", start.RunId);
    // Act
    const run = await h.api.request({ method: "GET", url: `/workflows/priced/runs/${start.RunId}` });
    const runs = await h.api.request({ method: "GET", url: "/workflows/priced/runs" });
    // Assess: 2 × 1 DPU × 90 s at 0.44, plus the Flex run's DPUSeconds (4 × 2 DPU × 30 s) at 0.29
    const cost = {
      DpuSeconds: 180 + 240,
      Amount: Number(((180 * 0.44 + 240 * 0.29) / 3600).toFixed(6)),
      Currency: "USD",
      Estimated: false,
    };
    expect(run.body.Run.Cost).toEqual(cost);
    expect(runs.body.Runs.find((r: { WorkflowRunId: string }) => r.WorkflowRunId === start.RunId).Cost).toEqual(cost);
  });
});

it("every response above validates against the served OpenAPI document", async () => {
  const { body: document } = await h.api.request({ method: "GET", url: "/openapi.json" });
  expect(document.paths["/workflows/{name}/settings"]).toHaveProperty("put");
  expect(responseProblems(document, h.responses)).toEqual([]);
});
