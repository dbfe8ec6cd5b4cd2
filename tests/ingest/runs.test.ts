/**
 * Glue events → SQS → ingest handler → stored runs and tracker events, against
 * glue-local and dynalite, events delivered as they are emitted.
 */
import { CreateJobCommand, StartJobRunCommand } from "@aws-sdk/client-glue";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Ingest } from "@glue-run-tracker/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { standaloneJobRunKey } from "../../packages/core/src/store/keys.ts";
import { type IngestHarness, startIngestHarness } from "./support/harness.ts";
import { createChainWorkflow, startRun } from "./support/workflows.ts";

describe("ingest: runs as Glue reports them", () => {
  let h: IngestHarness;

  beforeEach(async () => {
    h = await startIngestHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it("stores crawler → job → job as Glue's GetWorkflowRun, field for field, with a timeline of each change", async () => {
    // Prepare
    await createChainWorkflow(h.glueClient, "etl", [
      { crawler: "raw-crawler", durationMs: 10_000 },
      { job: "clean", durationMs: 20_000 },
      { job: "publish", durationMs: 20_000 },
    ]);
    await Ingest.backfill(h.deps, { all: true }); // the tracker knows the workflow (catalog + node index)
    const runId = await startRun(h.glueClient, "etl");

    // Act
    await h.advanceDelivering(60_000, 5_000);

    // Assess
    const glueRun = await h.glueRun("etl", runId);
    expect(glueRun.Status).toBe("COMPLETED");
    expect(await h.storedAsGlue("etl", runId)).toEqual(glueRun);
    const stored = await h.store.getRun("etl", runId);
    expect(stored).toMatchObject({ Outcome: "SUCCEEDED", FailedNodes: [], ObservedVia: "event" });
    const timeline = await h.store.getTimeline("etl", runId);
    expect(
      timeline.map((entry) => [entry.Status, entry.Statistics?.SucceededActions, entry.Statistics?.TotalActions]),
    ).toEqual([
      ["RUNNING", 0, 1],
      ["RUNNING", 1, 2],
      ["RUNNING", 2, 3],
      ["COMPLETED", 3, 3],
    ]);
    expect(h.trackerEvents()).toMatchObject([
      { workflowName: "etl", runId, status: "RUNNING", outcome: "RUNNING" },
      { workflowName: "etl", runId, status: "COMPLETED", outcome: "SUCCEEDED", previousStatus: "RUNNING" },
    ]);
    expect(h.dlq.counts()).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it("tells the truth about a failed job: Outcome FAILED with its ErrorMessage, though Glue says COMPLETED", async () => {
    // Prepare
    await createChainWorkflow(h.glueClient, "load", [
      { job: "extract", durationMs: 10_000 },
      { job: "load-warehouse", durationMs: 10_000, outcome: "FAILED", errorMessage: "Redshift COPY failed: disk full" },
      { job: "notify", durationMs: 5_000 },
    ]);
    const runId = await startRun(h.glueClient, "load");

    // Act
    await h.advanceDelivering(40_000, 5_000);

    // Assess
    const glueRun = await h.glueRun("load", runId);
    expect(glueRun).toMatchObject({ Status: "COMPLETED", Statistics: { FailedActions: 1 } });
    expect(await h.storedAsGlue("load", runId)).toEqual(glueRun);
    const stored = await h.store.getRun("load", runId);
    expect(stored).toMatchObject({
      Status: "COMPLETED",
      Outcome: "FAILED",
      FailedNodes: [
        { Type: "JOB", Name: "load-warehouse", State: "FAILED", ErrorMessage: "Redshift COPY failed: disk full" },
      ],
    });
    const failures = h.trackerEvents().filter((event) => event.outcome === "FAILED");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      workflowName: "load",
      runId,
      status: "COMPLETED",
      failedNodes: [{ Name: "load-warehouse", ErrorMessage: "Redshift COPY failed: disk full" }],
    });
  });

  it("records a job run started outside any workflow as a standalone job run", async () => {
    // Prepare
    await h.glueClient.send(
      new CreateJobCommand({
        Name: "adhoc-export",
        Role: "arn:aws:iam::123456789012:role/glue",
        Command: { Name: "glueetl", ScriptLocation: "s3://scripts/adhoc.py" },
        DefaultArguments: { "--sim-duration-ms": "5000" },
      }),
    );
    const { JobRunId } = await h.glueClient.send(new StartJobRunCommand({ JobName: "adhoc-export" }));
    await h.glue.runUntilIdle();

    // Act
    h.deliver(h.takeEvents());
    await h.drain();

    // Assess
    const { Item } = await h.db.documentClient.send(
      new GetCommand({ TableName: h.db.tableName, Key: standaloneJobRunKey("adhoc-export", JobRunId as string) }),
    );
    expect(Item).toMatchObject({ JobName: "adhoc-export", Id: JobRunId, JobRunState: "SUCCEEDED" });
    expect(h.trackerEvents()).toEqual([]);
  });
});
