/**
 * Run properties never leave through the read routes (issue 12, point 6): a
 * workflow's DefaultRunProperties and a run's WorkflowRunProperties (which may hold
 * secrets) are absent from every read answer, over real HTTP against the local
 * runtime; only the properties route (commands side) serves them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eTracker, eventually, oneJobWorkflow, startE2eTracker } from "./support.ts";

const DEFAULT_SECRET = "default-s3cr3t-value";
const RUN_SECRET = "run-s3cr3t-value";
const NAME = "e2e-props";

describe("e2e: run properties are served only by the properties route", () => {
  let t: E2eTracker;
  let runId: string;

  beforeAll(async () => {
    t = await startE2eTracker();
    await t.defineWorkflow({
      ...oneJobWorkflow(NAME, { "--sim-duration-ms": "1000" }),
      defaultRunProperties: { password: DEFAULT_SECRET },
    });
    const started = await t.api(`/workflows/${NAME}/runs`, {
      method: "POST",
      body: JSON.stringify({ RunProperties: { token: RUN_SECRET } }),
    });
    expect(started.status).toBe(201);
    runId = started.body.RunId;
    await eventually("the run to complete", async () => {
      const { body } = await t.api(`/workflows/${NAME}/runs/${runId}`);
      return body.Run?.Status === "COMPLETED" ? true : undefined;
    });
    await t.tracker.reconcile(); // catalogs the workflow from Glue (DefaultRunProperties included, in Glue)
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("leaves them out of every read route's answer", async () => {
    // Act
    const reads = {
      workflows: await t.api("/workflows"),
      workflow: await t.api(`/workflows/${NAME}?includeGraph=true`),
      batchGet: await t.api("/workflows/batch-get", { method: "POST", body: JSON.stringify({ Names: [NAME] }) }),
      runs: await t.api(`/workflows/${NAME}/runs?includeGraph=true`),
      run: await t.api(`/workflows/${NAME}/runs/${runId}?includeGraph=true`),
      timeline: await t.api(`/workflows/${NAME}/runs/${runId}/timeline`),
      feed: await t.api("/runs?outcome=SUCCEEDED&includeGraph=true"),
    };

    // Assess: every read answered, and none carries the properties or their values
    for (const [route, response] of Object.entries(reads)) {
      expect(response.status, route).toBe(200);
      const text = JSON.stringify(response.body);
      expect(text, route).not.toContain(DEFAULT_SECRET);
      expect(text, route).not.toContain(RUN_SECRET);
      expect(text, route).not.toMatch(/WorkflowRunProperties|DefaultRunProperties/);
    }
    expect(reads.run.body.Run.WorkflowRunId).toBe(runId);
    expect(reads.workflow.body.Workflow.Name).toBe(NAME);
    expect(reads.batchGet.body.Workflows.map((w: { Name: string }) => w.Name)).toEqual([NAME]);
    expect(reads.feed.body.Runs.map((r: { WorkflowRunId: string }) => r.WorkflowRunId)).toContain(runId);
  });

  it("serves them through the properties route", async () => {
    const response = await t.api(`/workflows/${NAME}/runs/${runId}/properties`);

    expect(response.status).toBe(200);
    expect(response.body.RunProperties).toEqual({ password: DEFAULT_SECRET, token: RUN_SECRET });
  });
});
