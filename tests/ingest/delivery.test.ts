/**
 * What SQS and EventBridge do to events in real life: duplicates, any order,
 * Glue throttling the tracker's reads. The stored state and the tracker events
 * must come out the same.
 */
import { Ingest } from "@glue-run-tracker/core";
import { afterEach, describe, expect, it } from "vitest";
import { type IngestHarness, seededRandom, shuffled, startIngestHarness } from "./support/harness.ts";
import { createChainWorkflow, type Step, startRun } from "./support/workflows.ts";

const etl = (prefix: string): Step[] => [
  { crawler: `${prefix}-crawler`, durationMs: 10_000 },
  { job: `${prefix}-clean`, durationMs: 20_000 },
  { job: `${prefix}-publish`, durationMs: 20_000 },
];

describe("ingest: duplicated, reordered and throttled deliveries", () => {
  let h: IngestHarness;

  afterEach(async () => {
    await h?.stop();
  });

  it("gives the same state and one tracker event per transition when every event arrives three times, shuffled", async () => {
    // Prepare
    h = await startIngestHarness();
    await createChainWorkflow(h.glueClient, "etl", etl("etl"));
    await Ingest.backfill(h.deps, { all: true });
    const runId = await startRun(h.glueClient, "etl");
    const random = seededRandom(7);
    const all: ReturnType<IngestHarness["takeEvents"]> = [];
    const tripledAndShuffled = (events: typeof all) => {
      all.push(...events);
      return shuffled([...events, ...events, ...events], random);
    };

    // Act
    await h.advanceDelivering(60_000, 5_000, tripledAndShuffled);
    h.deliver(shuffled([...all, ...all, ...all], random)); // and the whole history again, late
    await h.drain();

    // Assess
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(await h.storedAsGlue("etl", runId)).toEqual(await h.glueRun("etl", runId));
    expect(await h.store.getRun("etl", runId)).toMatchObject({ Status: "COMPLETED", Outcome: "SUCCEEDED" });
    expect(h.trackerEvents().map((event) => [event.runId, event.status, event.outcome])).toEqual([
      [runId, "RUNNING", "RUNNING"],
      [runId, "COMPLETED", "SUCCEEDED"],
    ]);
    const timeline = await h.store.getTimeline("etl", runId);
    expect(timeline.map((entry) => entry.Statistics?.SucceededActions)).toEqual([0, 1, 2, 3]);
  });

  it("announces a run first seen complete exactly once, whatever the order of its events", async () => {
    // Prepare
    h = await startIngestHarness();
    await createChainWorkflow(h.glueClient, "late", etl("late"));
    await Ingest.backfill(h.deps, { all: true });
    const runId = await startRun(h.glueClient, "late");
    await h.glue.runUntilIdle();
    const events = h.takeEvents();

    // Act
    h.deliver(shuffled([...events, ...events, ...events], seededRandom(42)));
    await h.drain();

    // Assess
    expect(await h.storedAsGlue("late", runId)).toEqual(await h.glueRun("late", runId));
    expect(h.trackerEvents()).toMatchObject([{ runId, status: "COMPLETED", outcome: "SUCCEEDED" }]);
    expect(h.trackerEvents()[0]).not.toHaveProperty("previousStatus");
  });

  it("parks a poison message in the DLQ after its retries, without holding up the others", async () => {
    // Prepare
    h = await startIngestHarness({ maxReceiveCount: 3 });
    await createChainWorkflow(h.glueClient, "fine", [{ job: "fine-job", durationMs: 5_000 }]);
    const runId = await startRun(h.glueClient, "fine");
    await h.glue.runUntilIdle();

    // Act
    h.queue.send('{"source":"aws.glue","detail-type":"Glue Job State Change","detail":{"jobName":"x"}}');
    h.deliver(h.takeEvents());
    await h.drain();

    // Assess
    expect(await h.store.getRun("fine", runId)).toMatchObject({ Status: "COMPLETED", Outcome: "SUCCEEDED" });
    const dead = await h.dlq.receive({ maxNumberOfMessages: 10 });
    expect(dead.map((message) => message.body)).toEqual([expect.stringContaining('"jobName":"x"')]);
  });

  it("processes every message through batch-item retries when Glue throttles 30% of calls; nothing in the DLQ", async () => {
    // Prepare
    h = await startIngestHarness({
      glueEnv: { GLUE_LOCAL_THROTTLE_RATE: "0.3" },
      random: seededRandom(2026),
      throttleRetries: 0, // every throttled read fails its records: the queue's retries must carry them
      maxReceiveCount: 30,
    });
    const configured = h.glue.faults.throttleRate;
    h.glue.faults.throttleRate = 0; // the test's own setup is not under test
    const names = ["a", "b", "c", "d"];
    for (const name of names) await createChainWorkflow(h.glueClient, name, etl(name));
    await Ingest.backfill(h.deps, { all: true });
    const runIds = new Map<string, string>();
    for (const name of names) runIds.set(name, await startRun(h.glueClient, name));
    h.glue.faults.throttleRate = configured;

    // Act
    await h.advanceDelivering(60_000, 5_000);
    h.glue.faults.throttleRate = 0;

    // Assess
    expect(configured).toBe(0.3);
    expect(h.queue.stats().retried).toBeGreaterThan(0);
    expect(h.dlq.stats().sent + h.queue.stats().deadLettered).toBe(0);
    expect(h.queue.counts()).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
    for (const [name, runId] of runIds) {
      expect(await h.storedAsGlue(name, runId)).toEqual(await h.glueRun(name, runId));
      const events = h.trackerEvents().filter((event) => event.runId === runId);
      expect(events.map((event) => [event.status, event.outcome])).toEqual([
        ["RUNNING", "RUNNING"],
        ["COMPLETED", "SUCCEEDED"],
      ]);
    }
  });
});
