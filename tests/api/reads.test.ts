/**
 * History reads through API Gateway HTTP API events against dynalite: workflows
 * (including deleted ones), runs with filters and paging, one run, its timeline,
 * and the cross-workflow feed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogWorkflow, createEtlWorkflow } from "./support/glue-fixtures.ts";
import { type ApiHarness, startApiHarness } from "./support/harness.ts";
import { responseProblems } from "./support/openapi-check.ts";
import { type SeedRun, seedRuns } from "./support/snapshots.ts";

let h: ApiHarness;

const UNICODE_NAME = "nightly etl/ünï 🚀";
const day = (n: number) => `2024-05-${String(n).padStart(2, "0")}T06:00:00.000Z`;

/** 12 runs of "orders" over 12 days: every third failed, the newest still running. */
const ORDERS: SeedRun[] = Array.from({ length: 12 }, (_, i) => ({
  name: "orders",
  runId: `wr_orders_${String(i + 1).padStart(2, "0")}`,
  startedOn: day(i + 1),
  status: i === 11 ? "RUNNING" : "COMPLETED",
  failed: i % 3 === 0 && i !== 11 ? 1 : 0,
}));

beforeAll(async () => {
  h = await startApiHarness();
  await createEtlWorkflow(h.glueAdmin, "etl");
  await catalogWorkflow(h.glueAdmin, h.store, "etl");
  await seedRuns(h.store, [
    ...ORDERS,
    { name: UNICODE_NAME, runId: "wr_unicode", startedOn: day(3), failed: 1 },
    { name: "retired", runId: "wr_retired", startedOn: day(1) },
  ]);
  await h.store.markWorkflowDeleted("retired", day(20));
});

afterAll(async () => {
  await h?.stop();
});

const get = (url: string) => h.api.request({ method: "GET", url });
const ids = (runs: { WorkflowRunId: string }[]) => runs.map((run) => run.WorkflowRunId);

describe("GET /workflows", () => {
  it("lists every tracked workflow, including one deleted from Glue, with its last run", async () => {
    const response = await get("/workflows");

    expect(response.status).toBe(200);
    const byName = new Map(response.body.Workflows.map((w: { Name: string }) => [w.Name, w]));
    expect([...byName.keys()].sort()).toEqual(["etl", "orders", "retired", UNICODE_NAME].sort());
    expect(byName.get("retired")).toMatchObject({
      DeletedFromGlueAt: day(20),
      LastRun: { WorkflowRunId: "wr_retired" },
    });
    expect(byName.get("orders")).toMatchObject({ LastRun: { WorkflowRunId: "wr_orders_12", Outcome: "RUNNING" } });
    expect(response.body.NextToken).toBeUndefined();
  });

  it("pages with maxResults and nextToken", async () => {
    // Act
    const first = await get("/workflows?maxResults=3");
    const second = await get(`/workflows?maxResults=3&nextToken=${encodeURIComponent(first.body.NextToken)}`);

    // Assess
    expect(first.body.Workflows).toHaveLength(3);
    expect(second.body.Workflows).toHaveLength(1);
    expect(second.body.NextToken).toBeUndefined();
  });
});

describe("GET /workflows/{name}", () => {
  it("serves Glue's Workflow shape, with the graph only when asked", async () => {
    // Act
    const bare = await get("/workflows/etl");
    const withGraph = await get("/workflows/etl?includeGraph=true");

    // Assess
    expect(bare.body.Workflow).toMatchObject({ Name: "etl" });
    expect(bare.body.Workflow.Graph).toBeUndefined();
    expect(withGraph.body.Workflow.Graph.Nodes.map((n: { Name: string }) => n.Name).sort()).toEqual([
      "etl-extract",
      "etl-load",
      "etl-start",
    ]);
  });

  it("decodes a percent-encoded name with spaces, a slash and non-ASCII characters", async () => {
    const response = await get(`/workflows/${encodeURIComponent(UNICODE_NAME)}`);

    expect(response.status).toBe(200);
    expect(response.body.Workflow.Name).toBe(UNICODE_NAME);
  });

  it("answers 404 EntityNotFoundException for an unknown workflow", async () => {
    const response = await get("/workflows/never-seen");

    expect(response.status).toBe(404);
    expect(response.body.Code).toBe("EntityNotFoundException");
  });
});

describe("POST /workflows/batch-get", () => {
  it("returns the known workflows and names the missing ones", async () => {
    const response = await h.api.request({
      method: "POST",
      url: "/workflows/batch-get",
      body: { Names: ["orders", "ghost", "etl", "orders"], IncludeGraph: true },
    });

    expect(response.status).toBe(200);
    expect(response.body.Workflows.map((w: { Name: string }) => w.Name).sort()).toEqual(["etl", "orders"]);
    expect(response.body.MissingWorkflows).toEqual(["ghost"]);
  });
});

describe("GET /workflows/{name}/runs", () => {
  it("lists runs newest first", async () => {
    const response = await get("/workflows/orders/runs");

    expect(ids(response.body.Runs)).toEqual(ORDERS.map((run) => run.runId).reverse());
  });

  it("filters by outcome, status and StartedOn range", async () => {
    // Act
    const failed = await get("/workflows/orders/runs?outcome=FAILED");
    const running = await get("/workflows/orders/runs?status=RUNNING");
    const range = await get(
      `/workflows/orders/runs?startedAfter=2024-05-03&startedBefore=${encodeURIComponent(day(5))}`,
    );

    // Assess
    expect(ids(failed.body.Runs)).toEqual(["wr_orders_10", "wr_orders_07", "wr_orders_04", "wr_orders_01"]);
    expect(failed.body.Runs.every((run: { Outcome: string; Status: string }) => run.Status === "COMPLETED")).toBe(true);
    expect(ids(running.body.Runs)).toEqual(["wr_orders_12"]);
    expect(ids(range.body.Runs)).toEqual(["wr_orders_05", "wr_orders_04", "wr_orders_03"]);
  });

  it("walks every page with nextToken, each run once", async () => {
    // Act
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query = token ? `maxResults=5&nextToken=${encodeURIComponent(token)}` : "maxResults=5";
      const response = await get(`/workflows/orders/runs?${query}`);
      seen.push(...ids(response.body.Runs));
      token = response.body.NextToken;
      pages += 1;
    } while (token);

    // Assess
    expect(pages).toBe(3);
    expect(seen).toEqual(ORDERS.map((run) => run.runId).reverse());
  });

  it("refuses a tampered nextToken with 400 InvalidInputException", async () => {
    // Prepare
    const first = await get("/workflows/orders/runs?maxResults=2");
    const token: string = first.body.NextToken;
    const tampered = `${token.slice(0, -2)}${token.endsWith("A") ? "B" : "A"}${token.slice(-1)}`;

    // Act
    const response = await get(`/workflows/orders/runs?maxResults=2&nextToken=${encodeURIComponent(tampered)}`);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.Code).toBe("InvalidInputException");
  });

  it("answers 404 for a workflow the tracker never saw", async () => {
    const response = await get("/workflows/never-seen/runs");

    expect(response.status).toBe(404);
    expect(response.body.Code).toBe("EntityNotFoundException");
  });
});

describe("GET /workflows/{name}/runs/{runId} and its timeline", () => {
  it("serves one run with its outcome, failed count and tracker fields", async () => {
    const response = await get("/workflows/orders/runs/wr_orders_04");

    expect(response.status).toBe(200);
    expect(response.body.Run).toMatchObject({
      Name: "orders",
      WorkflowRunId: "wr_orders_04",
      Status: "COMPLETED",
      Outcome: "FAILED",
      Statistics: { FailedActions: 1 },
      ObservedVia: "event",
      FirstSeenAt: day(4),
    });
  });

  it("serves the observed snapshots oldest first", async () => {
    const response = await get("/workflows/orders/runs/wr_orders_04/timeline");

    expect(response.status).toBe(200);
    expect(response.body.Timeline.map((entry: { Status: string }) => entry.Status)).toEqual(["RUNNING", "COMPLETED"]);
  });

  it("answers 404 EntityNotFoundException for an unknown run and its timeline", async () => {
    // Act
    const run = await get("/workflows/orders/runs/wr_nope");
    const timeline = await get("/workflows/orders/runs/wr_nope/timeline");

    // Assess
    expect([run.status, run.body.Code]).toEqual([404, "EntityNotFoundException"]);
    expect([timeline.status, timeline.body.Code]).toEqual([404, "EntityNotFoundException"]);
  });
});

describe("GET /runs", () => {
  it("lists failed runs across workflows by default, newest first", async () => {
    const response = await get("/runs");

    expect(ids(response.body.Runs)).toEqual([
      "wr_orders_10",
      "wr_orders_07",
      "wr_orders_04",
      "wr_unicode",
      "wr_orders_01",
    ]);
  });

  it("lists the active runs for outcome=RUNNING", async () => {
    const response = await get("/runs?outcome=RUNNING");

    expect(ids(response.body.Runs)).toEqual(["wr_orders_12"]);
  });

  it("bounds the feed with since and until (inclusive)", async () => {
    const response = await get(`/runs?since=${encodeURIComponent(day(3))}&until=2024-05-07T06:00:00Z`);

    expect(ids(response.body.Runs)).toEqual(["wr_orders_07", "wr_orders_04", "wr_unicode"]);
  });
});

it("every response above validates against the served OpenAPI document", async () => {
  const { body: document } = await get("/openapi.json");

  expect(h.responses.length).toBeGreaterThan(20);
  expect(responseProblems(document, h.responses)).toEqual([]);
});
