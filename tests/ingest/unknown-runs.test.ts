/**
 * Runs Glue no longer knows: closed as Outcome UNKNOWN after a confirming read (or at
 * once when the workflow is gone), announced once, and never polled again.
 */
import { DeleteWorkflowCommand } from "@aws-sdk/client-glue";
import { Ingest } from "@glue-run-tracker/core";
import { afterEach, describe, expect, it } from "vitest";
import { type IngestHarness, startIngestHarness } from "./support/harness.ts";
import { createChainWorkflow, startRun } from "./support/workflows.ts";

const MINUTE = 60_000;

describe("ingest: runs Glue no longer knows", () => {
  let h: IngestHarness;

  afterEach(async () => {
    await h?.stop();
  });

  /** Reconciles as if it were `at`. */
  async function reconcileAt(at: Date): Promise<Ingest.ReconcileReport> {
    h.deps.now = () => at;
    return Ingest.reconcile(h.deps);
  }

  it("closes an active run Glue does not know after a second read 5 minutes later, announces it once, stops polling it", async () => {
    // Prepare: a workflow Glue knows, and a run stored RUNNING that Glue does not (its state was lost)
    h = await startIngestHarness();
    await createChainWorkflow(h.glueClient, "forgetful", [{ job: "forgetful-load", durationMs: 10_000 }]);
    const t0 = new Date("2026-12-05T10:00:00.000Z");
    await h.store.putSnapshot({
      run: { Name: "forgetful", WorkflowRunId: "wr_lost", Status: "RUNNING", StartedOn: "2026-12-05T09:00:00.000Z" },
      observedAt: "2026-12-05T09:00:00.000Z",
      via: "event",
    });

    // Act
    const first = await reconcileAt(t0);
    const afterFirst = await h.store.getRun("forgetful", "wr_lost");
    const soon = await reconcileAt(new Date(t0.getTime() + 2 * MINUTE));
    const confirmed = await reconcileAt(new Date(t0.getTime() + 6 * MINUTE));
    h.gateway.resetCalls();
    const later = await reconcileAt(new Date(t0.getTime() + 7 * MINUTE));

    // Assess: still RUNNING until confirmed, then UNKNOWN with the reason, Status as last observed
    expect([first.runsClosed, soon.runsClosed, confirmed.runsClosed]).toEqual([0, 0, 1]);
    expect(afterFirst).toMatchObject({ Status: "RUNNING", Outcome: "RUNNING" });
    expect(afterFirst).not.toHaveProperty("GlueNotFoundSince");
    const closed = await h.store.getRun("forgetful", "wr_lost");
    expect(closed).toMatchObject({
      Status: "RUNNING",
      Outcome: "UNKNOWN",
      ClosedAt: "2026-12-05T10:06:00.000Z",
    });
    expect(closed?.ClosedReason).toContain("EntityNotFound from 2026-12-05T10:00:00.000Z to 2026-12-05T10:06:00.000Z");
    expect((await h.store.listActiveRuns()).items).toEqual([]);
    expect((await h.store.listRunsByOutcome("UNKNOWN")).items.map((run) => run.WorkflowRunId)).toEqual(["wr_lost"]);
    expect((await h.store.getWorkflow("forgetful"))?.LastRun).toMatchObject({
      WorkflowRunId: "wr_lost",
      Outcome: "UNKNOWN",
    });
    const unknown = h.trackerEvents().filter((event) => event.outcome === "UNKNOWN");
    expect(unknown).toEqual([
      expect.objectContaining({
        workflowName: "forgetful",
        runId: "wr_lost",
        status: "RUNNING",
        closedReason: closed?.ClosedReason,
      }),
    ]);
    expect(later).toMatchObject({ activeRunsChecked: 0, runsClosed: 0 });
    expect(h.gateway.calls().GetWorkflowRun).toBe(0);
  });

  it("closes the active runs of a workflow deleted in Glue mid-run in one reconcile", async () => {
    // Prepare: a run recorded RUNNING, then the workflow deleted in Glue
    h = await startIngestHarness();
    await createChainWorkflow(h.glueClient, "doomed", [{ job: "doomed-load", durationMs: 60_000 }]);
    const runId = await startRun(h.glueClient, "doomed");
    await h.glue.advance(5_000);
    await Ingest.reconcile(h.deps);
    expect(await h.store.getRun("doomed", runId)).toMatchObject({ Outcome: "RUNNING" });
    await h.glueClient.send(new DeleteWorkflowCommand({ Name: "doomed" }));

    // Act
    const report = await Ingest.reconcile(h.deps);
    const again = await Ingest.reconcile(h.deps);

    // Assess
    expect(report).toMatchObject({ workflowsDeleted: 1, runsClosed: 1 });
    const closed = await h.store.getRun("doomed", runId);
    expect(closed).toMatchObject({ Status: "RUNNING", Outcome: "UNKNOWN" });
    expect(closed?.ClosedReason).toContain("workflow doomed was deleted in Glue");
    expect(h.trackerEvents().filter((event) => event.outcome === "UNKNOWN")).toHaveLength(1);
    expect(again).toMatchObject({ activeRunsChecked: 0, runsClosed: 0 });
  });

  it("leaves a run that ended alone, and a second close of a closed run does nothing", async () => {
    // Prepare
    h = await startIngestHarness();
    await h.store.putSnapshot({
      run: { Name: "done", WorkflowRunId: "wr_done", Status: "COMPLETED", StartedOn: "2026-12-05T09:00:00.000Z" },
      observedAt: "2026-12-05T09:10:00.000Z",
      via: "event",
    });

    // Act
    const noted = await h.store.noteRunNotFound("done", "wr_done", "2026-12-05T10:00:00.000Z");
    const closed = await h.store.closeRun("done", "wr_done", { reason: "test", closedAt: "2026-12-05T10:00:00.000Z" });
    const untracked = await h.store.closeRun("nowhere", "wr_x", {
      reason: "test",
      closedAt: "2026-12-05T10:00:00.000Z",
    });

    // Assess
    expect([noted, closed, untracked]).toEqual([undefined, undefined, undefined]);
    expect(await h.store.getRun("done", "wr_done")).toMatchObject({ Status: "COMPLETED", Outcome: "SUCCEEDED" });
  });
});
