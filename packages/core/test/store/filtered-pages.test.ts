/**
 * A page asked with a status/outcome filter is full while more matching runs exist
 * (docs/decisions/store-filtered-pages.md): the store keeps reading within its read
 * budget, and the nextToken resumes right after the last run it returned.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createRunStore } from "../../src/store/dynamo-run-store.ts";
import type { RunStore } from "../../src/store/run-store.ts";
import type { RunSnapshot, TrackedRun } from "../../src/workflow-run/types.ts";
import { at, run, runId } from "../workflow-run/fixtures.ts";
import { PAGINATION_SECRET, useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();

type Ending = "SUCCEEDED" | "FAILED" | "RUNNING";

/** Stores run `i` of `workflow` (started `i` minutes after the base time) ending as `ending(i)`. */
async function seed(store: RunStore, workflow: string, n: number, ending: (i: number) => Ending) {
  const write = async (i: number) => {
    const end = ending(i);
    const stats = end === "FAILED" ? { TotalActions: 1, FailedActions: 1 } : { TotalActions: 1, SucceededActions: 1 };
    const status: RunSnapshot["Status"] = end === "RUNNING" ? "RUNNING" : "COMPLETED";
    const snapshot = run({ name: workflow, id: runId(`${workflow}-${i}`), startedOn: at(i), status, stats });
    if (status === "COMPLETED") snapshot.CompletedOn = at(i + 0.5);
    await store.putSnapshot({ run: snapshot, observedAt: at(i + 0.5), via: "backfill" });
  };
  // A few writes in flight at once: seeding stays seconds on DynamoDB Local too.
  const indexes = Array.from({ length: n }, (_, i) => i);
  for (let start = 0; start < n; start += 16) await Promise.all(indexes.slice(start, start + 16).map(write));
}

/** Every page of a listing, following nextToken to the end (bounded, so a loop fails instead of hanging). */
async function allPages(list: (nextToken?: string) => Promise<{ items: TrackedRun[]; nextToken?: string }>) {
  const pages: TrackedRun[][] = [];
  let token: string | undefined;
  do {
    const page = await list(token);
    pages.push(page.items);
    token = page.nextToken;
    if (pages.length > 2_000) throw new Error("nextToken never ended");
  } while (token !== undefined);
  return pages;
}

/** Expected run ids, newest first. */
const newestFirst = (workflow: string, matching: number[]) =>
  [...matching].sort((a, b) => b - a).map((i) => runId(`${workflow}-${i}`));

describe("filtered run pages", () => {
  const workflow = "wf-sparse";
  const n = 1_000;
  // Every 50th run failed; every 50th (offset 7) is still running.
  const ending = (i: number): Ending => (i % 50 === 0 ? "FAILED" : i % 50 === 7 ? "RUNNING" : "SUCCEEDED");
  const indexes = Array.from({ length: n }, (_, i) => i);
  let store: RunStore;

  beforeAll(async () => {
    ({ store } = await local.freshStore());
    await seed(store, workflow, n, ending);
  }, 300_000);

  it("fills every page of ?outcome=FAILED (1 run in 50 matches): full pages, none missing, none twice", async () => {
    // Act
    const pages = await allPages((nextToken) =>
      store.listRuns(workflow, { outcome: "FAILED", maxResults: 10, nextToken }),
    );

    // Assess
    const ids = pages.flat().map((r) => r.WorkflowRunId);
    expect(pages.map((p) => p.length)).toEqual([10, 10]);
    expect(ids).toEqual(
      newestFirst(
        workflow,
        indexes.filter((i) => ending(i) === "FAILED"),
      ),
    );
    expect(pages.flat().every((r) => r.Outcome === "FAILED")).toBe(true);
  }, 60_000);

  it("fills every page of ?status=RUNNING, within a StartedOn range too", async () => {
    // Act
    const running = await allPages((nextToken) =>
      store.listRuns(workflow, { status: "RUNNING", maxResults: 3, nextToken }),
    );
    const ranged = await allPages((nextToken) =>
      store.listRuns(workflow, {
        status: "RUNNING",
        startedAfter: at(100),
        startedBefore: at(399),
        maxResults: 4,
        nextToken,
      }),
    );

    // Assess
    expect(running.slice(0, -1).every((p) => p.length === 3)).toBe(true);
    expect(running.flat().map((r) => r.WorkflowRunId)).toEqual(
      newestFirst(
        workflow,
        indexes.filter((i) => ending(i) === "RUNNING"),
      ),
    );
    expect(ranged.map((p) => p.length)).toEqual([4, 2]);
    expect(ranged.flat().map((r) => r.WorkflowRunId)).toEqual(
      newestFirst(
        workflow,
        indexes.filter((i) => ending(i) === "RUNNING" && i >= 100 && i <= 399),
      ),
    );
  }, 60_000);

  it("answers the last matching page without a nextToken, and an empty filter with one empty page", async () => {
    const last = await store.listRuns(workflow, { outcome: "FAILED", maxResults: 20 });
    const none = await store.listRuns(workflow, { outcome: "STOPPED", maxResults: 10 });

    expect(last.items).toHaveLength(20);
    expect(last.nextToken).toBeUndefined();
    expect(none).toEqual({ items: [] });
  }, 60_000);

  it("binds the token to its filter: a FAILED token is refused for RUNNING", async () => {
    const first = await store.listRuns(workflow, { outcome: "FAILED", maxResults: 10 });

    await expect(
      store.listRuns(workflow, { outcome: "RUNNING", maxResults: 10, nextToken: first.nextToken }),
    ).rejects.toThrow(/another query/);
  });
});

describe("filtered run pages within a read budget", () => {
  it("stops at the budget with a short page whose token resumes exactly where reading stopped", async () => {
    // Prepare: 1 run in 50 failed, and a budget of 60 runs read per page.
    const { store } = await local.freshStore({ filteredReadBudget: 60 });
    const workflow = "wf-budget";
    await seed(store, workflow, 200, (i) => (i % 50 === 0 ? "FAILED" : "SUCCEEDED"));

    // Act
    const pages = await allPages((nextToken) =>
      store.listRuns(workflow, { outcome: "FAILED", maxResults: 10, nextToken }),
    );

    // Assess: short pages (the budget ran out), yet every failed run exactly once, in order.
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat().map((r) => r.WorkflowRunId)).toEqual(newestFirst(workflow, [150, 100, 50, 0]));
  }, 120_000);

  it("pages any mix of endings with any page size and budget: the matching runs, each once, newest first", async () => {
    // One table per property run would cost seconds each: each run uses its own workflow instead.
    const { store, tableName } = await local.freshStore();
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Ending>("SUCCEEDED", "FAILED", "RUNNING"), { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom<Ending>("FAILED", "RUNNING"),
        async (endings, maxResults, budget, wanted) => {
          const workflow = `wf-prop-${round++}`;
          await seed(store, workflow, endings.length, (i) => endings[i] as Ending);
          const budgeted = createRunStore({
            client: local.dynamo.documentClient,
            tableName,
            paginationSecret: PAGINATION_SECRET,
            filteredReadBudget: budget,
          });
          const query = wanted === "RUNNING" ? { status: "RUNNING" as const } : { outcome: "FAILED" as const };

          const pages = await allPages((nextToken) => budgeted.listRuns(workflow, { ...query, maxResults, nextToken }));
          const unbudgeted = await allPages((nextToken) =>
            store.listRuns(workflow, { ...query, maxResults, nextToken }),
          );

          const expected = newestFirst(
            workflow,
            endings.flatMap((e, i) => (e === wanted ? [i] : [])),
          );
          expect(pages.flat().map((r) => r.WorkflowRunId)).toEqual(expected);
          // With the default budget (far above 40 runs), every page but the last is full.
          expect(unbudgeted.flat().map((r) => r.WorkflowRunId)).toEqual(expected);
          expect(unbudgeted.slice(0, -1).every((p) => p.length === maxResults)).toBe(true);
          expect(unbudgeted.at(-1)?.length).toBeLessThanOrEqual(maxResults);
        },
      ),
      { numRuns: 25 },
    );
  }, 240_000);
});
