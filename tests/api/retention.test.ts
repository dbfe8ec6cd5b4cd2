/**
 * History beyond Glue's retention: once glue-local has forgotten a run (as Glue
 * does after 90 days), the API still serves it complete, graph included, and its
 * properties from the tracker's record.
 */
import { GetWorkflowRunCommand } from "@aws-sdk/client-glue";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEtlWorkflow } from "./support/glue-fixtures.ts";
import { type ApiHarness, startApiHarness } from "./support/harness.ts";
import { responseProblems } from "./support/openapi-check.ts";

const RETENTION_SECONDS = 3_600;

let h: ApiHarness;
let runId: string;

beforeAll(async () => {
  h = await startApiHarness({ glue: { retentionSeconds: RETENTION_SECONDS } });
  await createEtlWorkflow(h.glueAdmin, "etl", { loadOutcome: "FAILED", defaultRunProperties: { env: "prod" } });
  const started = await h.api.request({
    method: "POST",
    url: "/workflows/etl/runs",
    body: { RunProperties: { day: "d1" } },
  });
  runId = started.body.RunId;
  await h.glue.runUntilIdle();
  await h.syncRun("etl", runId);
  // Well past retention in glue-local's virtual time: Glue forgets the run.
  await h.glue.advance((RETENTION_SECONDS + 60) * 1000);
});

afterAll(async () => {
  await h?.stop();
});

it("glue-local has forgotten the run", async () => {
  const forgotten = h.glueAdmin.send(new GetWorkflowRunCommand({ Name: "etl", RunId: runId }));

  await expect(forgotten).rejects.toMatchObject({ name: "EntityNotFoundException" });
});

it("still serves the run complete, with its graph, outcome and failed node", async () => {
  const response = await h.api.request({ method: "GET", url: `/workflows/etl/runs/${runId}?includeGraph=true` });

  expect(response.status).toBe(200);
  const run = response.body.Run;
  expect(run).toMatchObject({
    Name: "etl",
    WorkflowRunId: runId,
    Status: "COMPLETED",
    Outcome: "FAILED",
    Statistics: { TotalActions: 2, SucceededActions: 1, FailedActions: 1 },
    FailedNodes: [expect.objectContaining({ Type: "JOB", Name: "etl-load", State: "FAILED" })],
  });
  expect(run.CompletedOn).toEqual(expect.any(String));
  expect(run.WorkflowRunProperties).toBeUndefined(); // served only by the properties route
  const nodes = run.Graph.Nodes as { Name: string; JobDetails?: { JobRuns?: { JobRunState: string }[] } }[];
  expect(nodes.map((node) => node.Name).sort()).toEqual(["etl-extract", "etl-load", "etl-start"]);
  const load = nodes.find((node) => node.Name === "etl-load");
  expect(load?.JobDetails?.JobRuns?.[0]?.JobRunState).toBe("FAILED");
  expect(run.Graph.Edges).toHaveLength(2);
});

it("still lists it, and serves its timeline", async () => {
  // Act
  const list = await h.api.request({ method: "GET", url: "/workflows/etl/runs?outcome=FAILED" });
  const timeline = await h.api.request({ method: "GET", url: `/workflows/etl/runs/${runId}/timeline` });

  // Assess
  expect(list.body.Runs.map((run: { WorkflowRunId: string }) => run.WorkflowRunId)).toEqual([runId]);
  expect(timeline.body.Timeline.at(0)).toMatchObject({ ObservedVia: "command", Status: "RUNNING" });
  expect(timeline.body.Timeline.at(-1)).toMatchObject({ Status: "COMPLETED", Outcome: "FAILED" });
});

it("serves its properties from the tracker's record once Glue has forgotten them", async () => {
  const response = await h.api.request({ method: "GET", url: `/workflows/etl/runs/${runId}/properties` });

  expect(response.status).toBe(200);
  expect(response.body).toEqual({ RunProperties: { env: "prod", day: "d1" } });
});

it("every response above validates against the served OpenAPI document", async () => {
  const { body: document } = await h.api.request({ method: "GET", url: "/openapi.json" });

  expect(responseProblems(document, h.responses)).toEqual([]);
});
