/**
 * What events cannot tell: lost events, runs started straight in Glue, and Glue
 * forgetting runs after its retention. The reconciler and the store cover them.
 */
import { CreateWorkflowCommand, DeleteWorkflowCommand } from "@aws-sdk/client-glue";
import { Ingest } from "@glue-run-tracker/core";
import { afterEach, describe, expect, it } from "vitest";
import { type IngestHarness, startIngestHarness } from "./support/harness.ts";
import { createChainWorkflow, type Step, startRun } from "./support/workflows.ts";

const chain = (prefix: string): Step[] => [
  { job: `${prefix}-extract`, durationMs: 10_000 },
  { job: `${prefix}-load`, durationMs: 10_000 },
];

describe("ingest: the reconciler and Glue's retention", () => {
  let h: IngestHarness;

  afterEach(async () => {
    await h?.stop();
  });

  it("records a run whose events were all dropped, and its completion", async () => {
    // Prepare
    h = await startIngestHarness();
    await createChainWorkflow(h.glueClient, "silent", chain("silent"));
    await Ingest.backfill(h.deps, { all: true });
    const runId = await startRun(h.glueClient, "silent");
    await h.glue.advance(5_000);
    h.takeEvents(); // dropped

    // Act
    const whileRunning = await Ingest.reconcile(h.deps);
    const storedWhileRunning = await h.store.getRun("silent", runId);
    await h.glue.runUntilIdle();
    h.takeEvents(); // dropped too
    const afterwards = await Ingest.reconcile(h.deps);

    // Assess
    expect(whileRunning).toMatchObject({ cycleCompleted: true, transitions: 1 });
    expect(storedWhileRunning).toMatchObject({ Status: "RUNNING", Outcome: "RUNNING", ObservedVia: "reconcile" });
    expect(afterwards).toMatchObject({ activeRunsChecked: 1, transitions: 1 });
    expect(await h.storedAsGlue("silent", runId)).toEqual(await h.glueRun("silent", runId));
    expect(await h.store.getRun("silent", runId)).toMatchObject({ Status: "COMPLETED", Outcome: "SUCCEEDED" });
    expect(h.trackerEvents().map((event) => [event.status, event.outcome])).toEqual([
      ["RUNNING", "RUNNING"],
      ["COMPLETED", "SUCCEEDED"],
    ]);
  });

  it("discovers a workflow created in Glue and a run started there, and marks deleted workflows", async () => {
    // Prepare
    h = await startIngestHarness();
    await h.glueClient.send(new CreateWorkflowCommand({ Name: "doomed" }));
    await Ingest.reconcile(h.deps);
    await createChainWorkflow(h.glueClient, "elsewhere", chain("elsewhere"));
    const runId = await startRun(h.glueClient, "elsewhere");
    await h.glue.runUntilIdle();
    h.takeEvents();
    await h.glueClient.send(new DeleteWorkflowCommand({ Name: "doomed" }));

    // Act
    const report = await Ingest.reconcile(h.deps);

    // Assess
    expect(report).toMatchObject({ workflowsDiscovered: 1, workflowsDeleted: 1, cycleCompleted: true });
    expect(await h.store.getRun("elsewhere", runId)).toMatchObject({ Status: "COMPLETED", Outcome: "SUCCEEDED" });
    expect(await h.store.workflowsContaining({ jobName: "elsewhere-load" })).toEqual(["elsewhere"]);
    expect((await h.store.getWorkflow("doomed"))?.DeletedFromGlueAt).toBeDefined();
  });

  it("does bounded work per invocation and resumes from its cursor", async () => {
    // Prepare
    h = await startIngestHarness();
    const names = ["w1", "w2", "w3", "w4", "w5"];
    for (const name of names) await createChainWorkflow(h.glueClient, name, chain(name));
    for (const name of names) await startRun(h.glueClient, name);
    await h.glue.runUntilIdle();
    h.takeEvents();

    // Act
    const reports: Ingest.ReconcileReport[] = [];
    do {
      reports.push(await Ingest.reconcile(h.deps, { maxGlueCalls: 4 }));
    } while (!reports.at(-1)?.cycleCompleted && reports.length < 20);

    // Assess
    expect(reports.length).toBeGreaterThan(1);
    expect(Math.max(...reports.map((report) => report.glueCalls))).toBeLessThanOrEqual(4);
    for (const name of names) {
      const runs = await h.store.listRuns(name);
      expect(runs.items).toHaveLength(1);
    }
  });

  it("keeps a run complete after Glue forgets it", async () => {
    // Prepare
    h = await startIngestHarness({ retentionSeconds: 3_600 });
    await createChainWorkflow(h.glueClient, "kept", chain("kept"));
    await Ingest.backfill(h.deps, { all: true });
    const runId = await startRun(h.glueClient, "kept");
    await h.advanceDelivering(30_000, 5_000);
    const whileRetained = await h.glueRun("kept", runId);

    // Act
    await h.glue.advance(2 * 3_600_000);
    const late = h.takeEvents();
    await Ingest.reconcile(h.deps);
    h.deliver(late);
    await h.drain();

    // Assess
    expect(await h.deps.glue.getWorkflowRun("kept", runId)).toBeUndefined();
    expect(await h.storedAsGlue("kept", runId)).toEqual(whileRetained);
    expect(await h.store.getRun("kept", runId)).toMatchObject({ Status: "COMPLETED", Outcome: "SUCCEEDED" });
    expect(h.dlq.stats().sent + h.queue.stats().deadLettered).toBe(0);
  });
});
