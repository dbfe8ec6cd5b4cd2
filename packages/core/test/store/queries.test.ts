import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { createRunStore } from "../../src/store/dynamo-run-store.ts";
import type { RunStore } from "../../src/store/run-store.ts";
import type { TrackedRun } from "../../src/workflow-run/types.ts";
import { at, run, runId } from "../workflow-run/fixtures.ts";
import { PAGINATION_SECRET, useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();

/** Stores one snapshot per run: `n` runs of `workflow` started a minute apart, ending as `status`. */
async function seedRuns(store: RunStore, workflow: string, n: number, status: "RUNNING" | "COMPLETED" = "COMPLETED") {
  for (let i = 0; i < n; i++) {
    const stats = i % 3 === 0 ? { TotalActions: 1, FailedActions: 1 } : { TotalActions: 1, SucceededActions: 1 };
    const snapshot = run({ name: workflow, id: runId(`${workflow}-${i}`), startedOn: at(i), status, stats });
    if (status === "COMPLETED") snapshot.CompletedOn = at(i + 0.5);
    await store.putSnapshot({ run: snapshot, observedAt: at(i + 0.5), via: "backfill" });
  }
}

async function allPages(list: (nextToken?: string) => Promise<{ items: TrackedRun[]; nextToken?: string }>) {
  const pages: TrackedRun[][] = [];
  let token: string | undefined;
  do {
    const page = await list(token);
    pages.push(page.items);
    token = page.nextToken;
  } while (token !== undefined);
  return pages;
}

describe("run queries", () => {
  it("gets a run by (workflow, run id), and nothing for an unknown one", async () => {
    const { store } = await local.freshStore();
    await seedRuns(store, "wf-get", 2);
    expect((await store.getRun("wf-get", runId("wf-get-1")))?.WorkflowRunId).toBe(runId("wf-get-1"));
    expect(await store.getRun("wf-get", runId("nope"))).toBeUndefined();
    expect(await store.getRun("other", runId("wf-get-1"))).toBeUndefined();
  });

  it("lists a workflow's runs newest first, every run exactly once across pages", async () => {
    // Prepare
    const { store } = await local.freshStore();
    await seedRuns(store, "wf-pages", 23);
    await seedRuns(store, "wf-other", 3);
    // Act
    const pages = await allPages((nextToken) => store.listRuns("wf-pages", { maxResults: 5, nextToken }));
    // Assess
    const ids = pages.flat().map((r) => r.WorkflowRunId);
    expect(pages.slice(0, -1).every((page) => page.length === 5)).toBe(true);
    expect(ids).toEqual(Array.from({ length: 23 }, (_, i) => runId(`wf-pages-${22 - i}`)));
  });

  it("filters by a StartedOn range (inclusive) and by status or outcome", async () => {
    // Prepare
    const { store } = await local.freshStore();
    await seedRuns(store, "wf-filter", 10);
    // Act
    const ranged = await store.listRuns("wf-filter", { startedAfter: at(3), startedBefore: at(6) });
    const after = await store.listRuns("wf-filter", { startedAfter: at(8) });
    const before = await store.listRuns("wf-filter", { startedBefore: at(1) });
    const failed = await store.listRuns("wf-filter", { outcome: "FAILED" });
    const running = await store.listRuns("wf-filter", { status: "RUNNING" });
    // Assess
    const starts = (page: { items: TrackedRun[] }) => page.items.map((r) => r.StartedOn);
    expect(starts(ranged)).toEqual([at(6), at(5), at(4), at(3)]);
    expect(starts(after)).toEqual([at(9), at(8)]);
    expect(starts(before)).toEqual([at(1), at(0)]);
    expect(starts(failed)).toEqual([at(9), at(6), at(3), at(0)]);
    expect(running.items).toEqual([]);
  });

  it("lists the active runs across workflows, and they leave the list when they finish", async () => {
    // Prepare
    const { store } = await local.freshStore();
    await seedRuns(store, "wf-a", 2, "RUNNING");
    await seedRuns(store, "wf-b", 1, "RUNNING");
    await seedRuns(store, "wf-c", 2);
    // Act
    const before = await store.listActiveRuns();
    await store.putSnapshot({
      run: run({ name: "wf-a", id: runId("wf-a-1"), startedOn: at(1), status: "COMPLETED", completedOn: at(5) }),
      observedAt: at(5),
      via: "event",
    });
    const after = await store.listActiveRuns();
    // Assess
    const names = (page: { items: TrackedRun[] }) => page.items.map((r) => `${r.Name}/${r.StartedOn}`);
    expect(names(before)).toEqual([`wf-a/${at(1)}`, `wf-b/${at(0)}`, `wf-a/${at(0)}`]);
    expect(names(after)).toEqual([`wf-b/${at(0)}`, `wf-a/${at(0)}`]);
  });

  it("lists runs by outcome across workflows by time, within [since, until], across pages", async () => {
    // Prepare
    const { store } = await local.freshStore();
    await seedRuns(store, "wf-x", 7);
    await seedRuns(store, "wf-y", 7);
    // Act
    const pages = await allPages((nextToken) =>
      store.listRunsByOutcome("FAILED", { since: at(0), until: at(6), maxResults: 2, nextToken }),
    );
    const recent = await store.listRunsByOutcome("FAILED", { since: at(4) });
    // Assess
    const flat = pages.flat().map((r) => `${r.Name}@${r.StartedOn}`);
    expect(flat).toEqual([
      `wf-y@${at(6)}`,
      `wf-x@${at(6)}`,
      `wf-y@${at(3)}`,
      `wf-x@${at(3)}`,
      `wf-y@${at(0)}`,
      `wf-x@${at(0)}`,
    ]);
    expect(recent.items.map((r) => r.Outcome)).toEqual(["FAILED", "FAILED"]);
  });

  it("refuses a modified, foreign or differently-signed nextToken with InvalidInputError", async () => {
    // Prepare
    const { store, tableName } = await local.freshStore();
    await seedRuns(store, "wf-token", 4);
    const { nextToken } = await store.listRuns("wf-token", { maxResults: 2 });
    if (!nextToken) throw new Error("expected a second page");
    const [payload, signature] = nextToken.split(".");
    const body = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    body.k.gsi1sk = "9999";
    const forged = `${Buffer.from(JSON.stringify(body)).toString("base64url")}.${signature}`;
    const otherSecret = createRunStore({ client: local.dynamo.documentClient, tableName, paginationSecret: "other" });
    // Act & Assess
    for (const attempt of [
      () => store.listRuns("wf-token", { nextToken: forged }),
      () => store.listRuns("wf-token", { nextToken: `${nextToken.slice(0, -2)}AA` }),
      () => store.listRuns("wf-token", { nextToken: "garbage" }),
      () => store.listRuns("other-workflow", { nextToken }),
      () => store.listRuns("wf-token", { nextToken, outcome: "FAILED" }),
      () => store.listActiveRuns({ nextToken }),
      () => otherSecret.listRuns("wf-token", { nextToken }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ name: "InvalidInputError", code: "InvalidInputException" });
    }
    expect((await store.listRuns("wf-token", { maxResults: 2, nextToken })).items).toHaveLength(2);
    expect(PAGINATION_SECRET).not.toBe("other");
  });

  it("refuses maxResults outside 1–1000 and a range bound that is not a time", async () => {
    const { store } = await local.freshStore();
    await expect(store.listRuns("wf", { maxResults: 0 })).rejects.toThrow(InvalidInputError);
    await expect(store.listRuns("wf", { maxResults: 1001 })).rejects.toThrow(InvalidInputError);
    await expect(store.listRunsByOutcome("FAILED", { maxResults: 2.5 })).rejects.toThrow(InvalidInputError);
    await expect(store.listRuns("wf", { startedAfter: "last week" })).rejects.toThrow(InvalidInputError);
    expect((await store.listRuns("wf", { maxResults: 1000 })).items).toEqual([]);
  });

  it("returns a run's timeline oldest first", async () => {
    const { store } = await local.freshStore();
    const id = runId("timeline");
    await store.putSnapshot({
      run: run({ id, status: "COMPLETED", completedOn: at(3) }),
      observedAt: at(3),
      via: "event",
    });
    await store.putSnapshot({ run: run({ id }), observedAt: at(4), via: "reconcile" });
    expect((await store.getTimeline("nightly-etl", id)).map((e) => [e.Status, e.ObservedVia])).toEqual([
      ["RUNNING", "reconcile"],
      ["COMPLETED", "event"],
    ]);
    expect(await store.getTimeline("nightly-etl", runId("unknown"))).toEqual([]);
  });
});
