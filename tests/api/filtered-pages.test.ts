/**
 * Filtered run pages through real HTTP (the local API Gateway server → the read
 * function → dynalite): `?outcome=` / `?status=` pages are full while more matching
 * runs exist, and following NextToken lists each matching run once, newest first
 * (docs/decisions/store-filtered-pages.md). The cross-workflow `/runs?outcome=`
 * feed, served from its own index, pages the same way.
 */

import { Store } from "@glue-run-tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReadHandler } from "../../packages/functions/src/api/handlers.ts";
import { routeKey, routeList } from "../../packages/functions/src/api/routes.ts";
import { type ApiGateway, startApiGateway } from "../../packages/local/src/api-gateway/index.ts";
import { startDynamo, type TestDynamo } from "../support/dynamo.ts";
import { PAGINATION_SECRET, silentLogger } from "./support/harness.ts";
import { type SeedRun, seedRuns } from "./support/snapshots.ts";

const RUNS = 500;
const minute = (i: number) => new Date(Date.UTC(2024, 4, 1) + i * 60_000).toISOString();
const runIdOf = (name: string, i: number) => `wr_${name}_${String(i).padStart(4, "0")}`;

/** Run i of "sparse" failed when i % 50 === 0, is still running when i % 50 === 7; "other" fails every 10th. */
const SPARSE: SeedRun[] = Array.from({ length: RUNS }, (_, i) => ({
  name: "sparse",
  runId: runIdOf("sparse", i),
  startedOn: minute(i),
  status: i % 50 === 7 ? "RUNNING" : "COMPLETED",
  failed: i % 50 === 0 ? 1 : 0,
}));
const OTHER: SeedRun[] = Array.from({ length: 40 }, (_, i) => ({
  name: "other",
  runId: runIdOf("other", i),
  startedOn: minute(i * 10 + 3),
  failed: i % 10 === 0 ? 1 : 0,
}));

let dynamo: TestDynamo;
let api: ApiGateway;

beforeAll(async () => {
  dynamo = await startDynamo();
  const store = Store.createRunStore({
    client: dynamo.documentClient,
    tableName: dynamo.tableName,
    paginationSecret: PAGINATION_SECRET,
  });
  const seeds = [...SPARSE, ...OTHER];
  for (let start = 0; start < seeds.length; start += 20) {
    await Promise.all(seeds.slice(start, start + 20).map((seed) => seedRuns(store, [seed])));
  }
  // Only read routes are called here; the route table still routes every key as the stack does.
  const read = createReadHandler({ store, logger: silentLogger() });
  api = await startApiGateway({
    handler: read,
    routes: [...routeList.filter((r) => r.fn === "read").map(routeKey), "$default"],
  });
}, 300_000);

afterAll(async () => {
  await api?.close();
  await dynamo?.stop();
});

interface RunsPage {
  Runs: { WorkflowRunId: string; Outcome: string; Status: string }[];
  NextToken?: string;
}

/** Every page of `path` (which has a query string), following NextToken over HTTP. */
async function pagesOf(path: string): Promise<RunsPage[]> {
  const pages: RunsPage[] = [];
  let token: string | undefined;
  do {
    const url = `${api.url}${path}${token === undefined ? "" : `&nextToken=${encodeURIComponent(token)}`}`;
    const response = await fetch(url);
    expect(response.status, await response.clone().text()).toBe(200);
    const page = (await response.json()) as RunsPage;
    pages.push(page);
    token = page.NextToken;
    if (pages.length > 500) throw new Error("NextToken never ended");
  } while (token !== undefined);
  return pages;
}

const idsOf = (pages: RunsPage[]) => pages.flatMap((p) => p.Runs.map((r) => r.WorkflowRunId));
const sizes = (pages: RunsPage[]) => pages.map((p) => p.Runs.length);
const newestFirst = (seeds: SeedRun[]) =>
  [...seeds].sort((a, b) => b.startedOn.localeCompare(a.startedOn)).map((s) => s.runId);

describe("GET /workflows/{name}/runs with a filter, over HTTP", () => {
  it("answers full pages of ?outcome=FAILED (1 run in 50) and every failed run once", async () => {
    const pages = await pagesOf("/workflows/sparse/runs?outcome=FAILED&maxResults=3");

    expect(sizes(pages)).toEqual([3, 3, 3, 1]);
    expect(idsOf(pages)).toEqual(newestFirst(SPARSE.filter((s) => s.failed === 1)));
  });

  it("answers full pages of ?status=RUNNING within a StartedOn range", async () => {
    const pages = await pagesOf(
      `/workflows/sparse/runs?status=RUNNING&startedAfter=${minute(100)}&startedBefore=${minute(399)}&maxResults=2`,
    );

    expect(sizes(pages)).toEqual([2, 2, 2]);
    expect(idsOf(pages)).toEqual(
      newestFirst(
        SPARSE.filter((s) => s.status === "RUNNING" && s.startedOn >= minute(100) && s.startedOn <= minute(399)),
      ),
    );
  });

  it("refuses a token of one filter for another with 400 InvalidInputException", async () => {
    const [first] = await pagesOf("/workflows/sparse/runs?outcome=FAILED&maxResults=9");
    const response = await fetch(
      `${api.url}/workflows/sparse/runs?outcome=SUCCEEDED&maxResults=9&nextToken=${encodeURIComponent(first?.NextToken ?? "")}`,
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ Code: "InvalidInputException" });
  });
});

describe("GET /runs?outcome=, over HTTP", () => {
  it("pages the failed runs of every workflow, newest first, each once", async () => {
    const pages = await pagesOf("/runs?outcome=FAILED&maxResults=4");
    const failed = [...SPARSE, ...OTHER].filter((s) => s.failed === 1);

    expect(
      sizes(pages)
        .slice(0, -1)
        .every((n) => n === 4),
    ).toBe(true);
    expect(idsOf(pages)).toEqual(newestFirst(failed));
    expect(pages.at(-1)?.NextToken).toBeUndefined();
  });
});
