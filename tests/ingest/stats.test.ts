/**
 * Statistics through the ingest pipeline (glue-local → SQS → ingest handler → dynalite):
 * every Glue event delivered three times counts each run once, with per-node figures
 * from the graphs Glue reports.
 */
import { Ingest } from "@glue-run-tracker/core";
import type { GlueEvent } from "glue-local";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type IngestHarness, startIngestHarness } from "./support/harness.ts";
import { createChainWorkflow, startRun } from "./support/workflows.ts";

const tripled = (events: GlueEvent[]) => [...events, ...events, ...events];

describe("ingest → statistics", () => {
  let h: IngestHarness;

  beforeEach(async () => {
    h = await startIngestHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it("duplicate events count each ended run once, per workflow and per node", async () => {
    // Prepare
    await createChainWorkflow(h.glueClient, "etl", [
      { crawler: "raw-crawler", durationMs: 10_000 },
      { job: "clean", durationMs: 20_000 },
    ]);
    await Ingest.backfill(h.deps, { all: true });
    const first = await startRun(h.glueClient, "etl");
    await h.advanceDelivering(40_000, 5_000, tripled);

    // Act
    const second = await startRun(h.glueClient, "etl");
    await h.advanceDelivering(40_000, 5_000, tripled);

    // Assess
    const runs = await Promise.all([first, second].map((id) => h.store.getRun("etl", id)));
    expect(runs.map((run) => run?.Outcome)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    const day = runs[0]?.StartedOn?.slice(0, 10) as string;
    const stats = await h.store.getWorkflowStats("etl", { since: day, until: runs[1]?.StartedOn });
    expect(stats).toMatchObject({ runs: 2, succeeded: 2, failed: 0, failureRate: 0, successfulDuration: { count: 2 } });
    expect(stats.nodes.map((n) => [n.type, n.name, n.runs, n.succeeded])).toEqual([
      ["JOB", "clean", 2, 2],
      ["CRAWLER", "raw-crawler", 2, 2],
    ]);
  });
});
