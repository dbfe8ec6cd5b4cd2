/**
 * The statistics hook in recordSnapshot, over the real store and announcement
 * ledger (dynalite; DynamoDB Local with STORE_TARGET=dynamodb-local): an ended run
 * is counted once through duplicates, a failed publish and a crash right after the
 * run write, and snapshots that change no state cost no statistics request.
 */
import { describe, expect, it } from "vitest";
import { recordSnapshot } from "../../src/ingest/record-snapshot.ts";
import { createMemoryPublisher, type TrackerEventPublisher } from "../../src/ingest/tracker-publisher.ts";
import type { RunSnapshot } from "../../src/workflow-run/types.ts";
import { useLocalDynamo } from "../store/harness.ts";

const local = useLocalDynamo();

const running: RunSnapshot = {
  Name: "nightly",
  WorkflowRunId: "wr_1",
  Status: "RUNNING",
  StartedOn: "2026-11-02T00:00:00.000Z",
  Statistics: { TotalActions: 1, RunningActions: 1 },
};
const progressed: RunSnapshot = { ...running, Statistics: { TotalActions: 2, SucceededActions: 1, RunningActions: 1 } };
const failed: RunSnapshot = {
  ...running,
  Status: "COMPLETED",
  CompletedOn: "2026-11-02T00:05:00.000Z",
  Statistics: { TotalActions: 2, SucceededActions: 1, FailedActions: 1, RunningActions: 0 },
};
const DAY = { since: "2026-11-02", until: "2026-11-02" };

async function setup() {
  const { store, tableName } = await local.freshStore();
  const client = local.dynamo.documentClient;
  const statsWrites: string[] = [];
  // Count the requests that touch a statistics item (the cost the hook adds).
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = (args as { input: { Key?: { sk?: string } } }).input;
      if (input.Key?.sk?.startsWith("STATS#")) statsWrites.push(input.Key.sk);
      return next(args);
    },
    { step: "initialize", name: `countStatsWrites-${tableName}` },
  );
  const stopCounting = () => client.middlewareStack.remove(`countStatsWrites-${tableName}`);
  return { store, statsWrites, stopCounting };
}

describe("recordSnapshot → statistics", () => {
  it("counts the run once through duplicate events, and no request for snapshots that change no state", async () => {
    // Prepare
    const { store, statsWrites, stopCounting } = await setup();
    const deps = { store, publisher: createMemoryPublisher() };

    // Act
    await recordSnapshot(deps, running, "event");
    await recordSnapshot(deps, progressed, "event");
    const beforeEnd = statsWrites.length;
    await recordSnapshot(deps, failed, "event");
    await recordSnapshot(deps, failed, "recheck");
    await recordSnapshot(deps, failed, "reconcile");
    stopCounting();

    // Assess
    expect(beforeEnd).toBe(0);
    expect(statsWrites).toEqual(["STATS#2026-11-02"]);
    expect(await store.getWorkflowStats("nightly", DAY)).toMatchObject({ runs: 1, failed: 1 });
  });

  it("counts the run once when the publish fails and the message is retried", async () => {
    // Prepare
    const { store, stopCounting } = await setup();
    stopCounting();
    let fail = false;
    const flaky: TrackerEventPublisher = {
      async publish() {
        if (fail) {
          fail = false;
          throw new Error("EventBridge unavailable");
        }
      },
    };
    const deps = { store, publisher: flaky };
    await recordSnapshot(deps, running, "event");
    fail = true;

    // Act
    await expect(recordSnapshot(deps, failed, "event")).rejects.toThrow("EventBridge unavailable");
    await recordSnapshot(deps, failed, "event");

    // Assess
    expect(await store.getWorkflowStats("nightly", DAY)).toMatchObject({ runs: 1, failed: 1 });
  });

  it("counts the run when the process died right after the run write (the retry finds it unannounced)", async () => {
    // Prepare: the first attempt stored the end, then died before anything else
    const { store, stopCounting } = await setup();
    stopCounting();
    const deps = { store, publisher: createMemoryPublisher() };
    await recordSnapshot(deps, running, "event");
    await store.putSnapshot({ run: failed, observedAt: "2026-11-02T00:05:01.000Z", via: "event" });

    // Act
    await recordSnapshot(deps, failed, "event");

    // Assess
    expect(await store.getWorkflowStats("nightly", DAY)).toMatchObject({ runs: 1, failed: 1 });
  });

  it("counts backfilled (quiet) runs without announcing them", async () => {
    // Prepare
    const { store, stopCounting } = await setup();
    stopCounting();
    const publisher = createMemoryPublisher();

    // Act
    await recordSnapshot({ store, publisher }, failed, "backfill", undefined, {
      quietBefore: "2026-12-01T00:00:00.000Z",
    });

    // Assess
    expect(publisher.entries).toEqual([]);
    expect(await store.getWorkflowStats("nightly", DAY)).toMatchObject({ runs: 1 });
  });
});
