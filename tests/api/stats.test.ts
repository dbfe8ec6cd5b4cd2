/**
 * GET /workflows/{name}/stats through API Gateway HTTP API events against dynalite:
 * runs recorded the way ingest records them (recordSnapshot, duplicates included),
 * read back as totals, day buckets and per-node figures; bad windows are 400s.
 */
import { Ingest, ObservedVia } from "@glue-run-tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "./support/harness.ts";
import { responseProblems } from "./support/openapi-check.ts";
import { snapshotOf } from "./support/snapshots.ts";

let h: ApiHarness;

const at = (day: number, hour = 6) =>
  `2026-11-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.000Z`;

/** "orders": 9 runs over 3 days, one failure a day, each run `day` minutes long... plus one still running. */
const SEEDS = [1, 2, 3].flatMap((day) =>
  [0, 1, 2].map((i) => ({
    name: "orders",
    runId: `wr_orders_${day}_${i}`,
    startedOn: at(day, 6 + i),
    failed: i === 2 ? 1 : 0,
  })),
);

beforeAll(async () => {
  h = await startApiHarness();
  const recorder = { store: h.store, publisher: Ingest.createMemoryPublisher() };
  for (const seed of SEEDS) {
    await Ingest.recordSnapshot(
      recorder,
      snapshotOf({ ...seed, status: "RUNNING" }),
      ObservedVia.Event,
      seed.startedOn,
    );
    const ended = snapshotOf(seed);
    await Ingest.recordSnapshot(recorder, ended, ObservedVia.Event);
    await Ingest.recordSnapshot(recorder, ended, ObservedVia.Recheck); // a duplicate: counted once
  }
  const running = { name: "orders", runId: "wr_orders_running", startedOn: at(3, 20), status: "RUNNING" as const };
  await Ingest.recordSnapshot(recorder, snapshotOf(running), ObservedVia.Event);
});

afterAll(async () => {
  await h?.stop();
});

const get = (url: string) => h.api.request({ method: "GET", url });

describe("GET /workflows/{name}/stats", () => {
  it("serves totals, day buckets and duration percentiles for the window", async () => {
    const response = await get("/workflows/orders/stats?since=2026-11-01&until=2026-11-03");

    expect(response.status).toBe(200);
    expect(response.body.Stats).toMatchObject({
      WorkflowName: "orders",
      Since: "2026-11-01",
      Until: "2026-11-03",
      Runs: 9,
      Succeeded: 6,
      Failed: 3,
      FailureRate: 0.3333,
      AutoResumes: { Count: 0, Succeeded: 0 },
      SuccessfulDuration: { Count: 6 },
    });
    expect(response.body.Stats.Days.map((d: { Day: string; Runs: number }) => [d.Day, d.Runs])).toEqual([
      ["2026-11-01", 3],
      ["2026-11-02", 3],
      ["2026-11-03", 3],
    ]);
    // every seeded run lasts 60 s
    expect(Math.abs(response.body.Stats.SuccessfulDuration.P95 - 60)).toBeLessThanOrEqual(0.6);
  });

  it("narrows to the days asked for; instants count their whole UTC day", async () => {
    const response = await get(
      `/workflows/orders/stats?since=${encodeURIComponent("2026-11-02T23:59:00Z")}&until=2026-11-02`,
    );

    expect(response.status).toBe(200);
    expect(response.body.Stats).toMatchObject({ Since: "2026-11-02", Until: "2026-11-02", Runs: 3, Failed: 1 });
  });

  it("defaults to the last 30 days", async () => {
    const response = await get("/workflows/orders/stats");

    expect(response.status).toBe(200);
    const { Since, Until } = response.body.Stats;
    expect((Date.parse(Until) - Date.parse(Since)) / 86_400_000).toBe(29);
    expect(Until).toBe(new Date().toISOString().slice(0, 10));
  });

  it.each([
    ["since after until", "since=2026-11-03&until=2026-11-01"],
    ["a window over 366 days", "since=2024-01-01&until=2026-11-01"],
    ["a date that does not exist", "since=2026-02-30"],
    ["not a date", "until=yesterday"],
    ["an unknown parameter", "from=2026-11-01"],
  ])("answers 400 InvalidInputException for %s", async (_case, query) => {
    const response = await get(`/workflows/orders/stats?${query}`);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ Code: "InvalidInputException", Message: expect.any(String) });
  });

  it("answers 404 for a workflow the tracker never saw", async () => {
    const response = await get("/workflows/nope/stats");

    expect(response.status).toBe(404);
    expect(response.body.Code).toBe("EntityNotFoundException");
  });

  it("answers a tracked workflow without ended runs in the window with zero counts", async () => {
    const response = await get("/workflows/orders/stats?since=2026-10-01&until=2026-10-31");

    expect(response.status).toBe(200);
    expect(response.body.Stats).toMatchObject({ Runs: 0, Days: [], Nodes: [], SuccessfulDuration: { Count: 0 } });
    expect(response.body.Stats.FailureRate).toBeUndefined();
  });
});

it("every stats response validates against the served OpenAPI document", async () => {
  const { body: document } = await get("/openapi.json");

  expect(responseProblems(document, h.responses)).toEqual([]);
});
