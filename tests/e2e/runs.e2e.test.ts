import { GetWorkflowRunCommand } from "@aws-sdk/client-glue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoWorkflows } from "../../packages/local/src/demo/workflows.ts";
import { type E2eTracker, eventually, oneJobWorkflow, startE2eTracker } from "./support.ts";

describe("e2e: runs through the tracker API", () => {
  let t: E2eTracker;

  beforeAll(async () => {
    t = await startE2eTracker();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("starts a run via the API, sees it RUNNING at once, then COMPLETED with its graph", async () => {
    // Prepare: the demo's ETL (crawler → two jobs → conditional publish)
    const etl = demoWorkflows.find((wf) => wf.name === "sales-daily-etl");
    if (!etl) throw new Error("demo workflow missing");
    await t.defineWorkflow(etl);

    // Act
    const started = await t.api("/workflows/sales-daily-etl/runs", { method: "POST", body: "{}" });

    // Assess
    expect(started.status).toBe(201);
    const runId: string = started.body.RunId;
    const first = await t.api(`/workflows/sales-daily-etl/runs/${runId}`);
    expect(first.status).toBe(200);
    expect(first.body.Run.WorkflowRunId).toBe(runId);

    const done = await eventually("the run to complete", async () => {
      const { body } = await t.api(`/workflows/sales-daily-etl/runs/${runId}?includeGraph=true`);
      return body.Run?.Status === "COMPLETED" ? body.Run : undefined;
    });
    expect(done.Outcome).toBe("SUCCEEDED");
    expect(done.Statistics).toMatchObject({ TotalActions: 4, SucceededActions: 4, FailedActions: 0 });
    const nodeNames = done.Graph.Nodes.map((n: { Name: string }) => n.Name).sort();
    expect(nodeNames).toEqual(
      [
        "aggregate-sales",
        "clean-sales",
        "publish-sales-report",
        "raw-sales-crawler",
        "sales-publish",
        "sales-start",
        "sales-transform",
      ].sort(),
    );
    // Its cost: three jobs on workers (one Flex with auto scaling) and a crawl, which is always an estimate.
    expect(done.Cost).toMatchObject({ Currency: "USD", Estimated: true });
    expect(done.Cost.DpuSeconds).toBeGreaterThan(1200);
    expect(done.Cost.Amount).toBeGreaterThan(0);
    const glueView = await t.glue.send(new GetWorkflowRunCommand({ Name: "sales-daily-etl", RunId: runId }));
    expect(done.Statistics).toEqual(glueView.Run?.Statistics);

    const timeline = await t.api(`/workflows/sales-daily-etl/runs/${runId}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.Timeline.length).toBeGreaterThanOrEqual(2);
    expect(timeline.body.Timeline.at(-1)).toMatchObject({ Status: "COMPLETED", Outcome: "SUCCEEDED" });
    // The command recorded the run before any Glue event arrived.
    expect(timeline.body.Timeline[0]).toMatchObject({ ObservedVia: "command", Status: "RUNNING", Outcome: "RUNNING" });
  });

  it("stops a running run via the API", async () => {
    // Prepare
    await t.defineWorkflow(oneJobWorkflow("e2e-long", { "--sim-duration-ms": "600000" }));
    const { body } = await t.api("/workflows/e2e-long/runs", { method: "POST", body: "{}" });

    // Act
    const stop = await t.api(`/workflows/e2e-long/runs/${body.RunId}/stop`, { method: "POST" });

    // Assess
    expect(stop.status).toBe(202);
    const stopped = await eventually("the run to stop", async () => {
      const r = await t.api(`/workflows/e2e-long/runs/${body.RunId}`);
      return r.body.Run?.Status === "STOPPED" ? r.body.Run : undefined;
    });
    expect(stopped.Outcome).toBe("STOPPED");
    const again = await t.api(`/workflows/e2e-long/runs/${body.RunId}/stop`, { method: "POST" });
    expect(again.status).toBe(409);
    expect(again.body.Code).toBe("IllegalWorkflowStateException");
  });

  it("resumes a failed run via the API; the new run succeeds and links back", async () => {
    // Prepare: fails once with a non-transient error, so auto-resume leaves it to us
    await t.defineWorkflow(
      oneJobWorkflow("e2e-manual", {
        "--sim-duration-ms": "500",
        "--sim-fail-attempts": "1",
        "--sim-error-message": "AnalysisException: path does not exist",
      }),
    );
    const { body } = await t.api("/workflows/e2e-manual/runs", { method: "POST", body: "{}" });
    const failed = await eventually("the run to fail", async () => {
      const r = await t.api(`/workflows/e2e-manual/runs/${body.RunId}`);
      return r.body.Run?.Outcome === "FAILED" ? r.body.Run : undefined;
    });
    expect(failed.Status).toBe("COMPLETED");
    expect(failed.FailedNodes[0]).toMatchObject({
      Name: "e2e-manual-job",
      ErrorMessage: "AnalysisException: path does not exist",
    });

    // Act
    const nodeId = failed.FailedNodes[0].NodeId;
    const resumed = await t.api(`/workflows/e2e-manual/runs/${body.RunId}/resume`, {
      method: "POST",
      body: JSON.stringify({ NodeIds: [nodeId, nodeId] }),
    });

    // Assess
    expect(resumed.status).toBe(201);
    expect(resumed.body.NodeIds).toEqual([nodeId]);
    const newRun = await eventually("the resumed run to succeed", async () => {
      const r = await t.api(`/workflows/e2e-manual/runs/${resumed.body.RunId}`);
      return r.body.Run?.Outcome === "SUCCEEDED" ? r.body.Run : undefined;
    });
    expect(newRun.PreviousRunId).toBe(body.RunId);
    const original = await t.api(`/workflows/e2e-manual/runs/${body.RunId}`);
    expect(original.body.Run.ResumedAs).toEqual([resumed.body.RunId]);
  });

  it("answers bad requests with clear 4xx errors", async () => {
    const cases: [string, RequestInit, number, string][] = [
      ["/workflows/sales-daily-etl/runs?maxResults=0", {}, 400, "InvalidInputException"],
      ["/workflows/sales-daily-etl/runs?maxResults=1001", {}, 400, "InvalidInputException"],
      [`/workflows/${"x".repeat(256)}/runs`, {}, 400, "InvalidInputException"],
      ["/workflows/a%0Ab/runs", {}, 400, "InvalidInputException"],
      ["/workflows/sales-daily-etl/runs?nextToken=bm90LWEtdG9rZW4", {}, 400, "InvalidInputException"],
      ["/workflows/sales-daily-etl/runs", { method: "POST", body: "{not json" }, 400, "InvalidInputException"],
      [
        "/workflows/sales-daily-etl/runs/r1/resume",
        { method: "POST", body: '{"NodeIds":[]}' },
        400,
        "InvalidInputException",
      ],
      ["/workflows/no-such-workflow", {}, 404, "EntityNotFoundException"],
      ["/workflows/no-such-workflow/runs", { method: "POST", body: "{}" }, 404, "EntityNotFoundException"],
      ["/nowhere", {}, 404, "NotFoundException"],
      ["/workflows", { method: "DELETE" }, 405, "MethodNotAllowedException"],
    ];
    for (const [path, init, status, code] of cases) {
      const r = await t.api(path, init);
      expect({ path, status: r.status }).toEqual({ path, status });
      expect(r.body.Code, path).toBe(code);
      expect(typeof r.body.Message, path).toBe("string");
      expect(typeof r.body.RequestId, path).toBe("string");
    }
  });
});
