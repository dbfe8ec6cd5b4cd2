import { DeleteWorkflowCommand } from "@aws-sdk/client-glue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eTracker, eventually, oneJobWorkflow, startE2eTracker } from "./support.ts";

describe("e2e: a workflow deleted in Glue mid-run", () => {
  let t: E2eTracker;

  beforeAll(async () => {
    t = await startE2eTracker();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("ends its run UNKNOWN with the reason, alerts once, and the reconciler stops polling it", async () => {
    // Prepare: a long run, recorded RUNNING by the start command
    await t.defineWorkflow(oneJobWorkflow("e2e-vanishing", { "--sim-duration-ms": "3600000" }));
    const started = await t.api("/workflows/e2e-vanishing/runs", { method: "POST", body: "{}" });
    const runId: string = started.body.RunId;
    expect((await t.api(`/workflows/e2e-vanishing/runs/${runId}`)).body.Run.Outcome).toBe("RUNNING");

    // Act: the workflow is deleted in Glue, then the reconciler runs twice
    await t.glue.send(new DeleteWorkflowCommand({ Name: "e2e-vanishing" }));
    const first = (await t.tracker.reconcile()) as { runsClosed: number };
    const second = (await t.tracker.reconcile()) as { activeRunsChecked: number };

    // Assess
    const run = (await t.api(`/workflows/e2e-vanishing/runs/${runId}`)).body.Run;
    expect(run).toMatchObject({ Status: "RUNNING", Outcome: "UNKNOWN" });
    expect(run.ClosedReason).toContain("was deleted in Glue");
    expect(run.ClosedAt).toEqual(expect.any(String));
    const unknown = await t.api("/runs?outcome=UNKNOWN");
    expect(unknown.body.Runs.map((r: { WorkflowRunId: string }) => r.WorkflowRunId)).toContain(runId);
    const active = await t.api("/runs?outcome=RUNNING");
    expect(active.body.Runs.map((r: { WorkflowRunId: string }) => r.WorkflowRunId)).not.toContain(runId);
    expect(first.runsClosed).toBe(1);
    expect(second.activeRunsChecked).toBe(0);

    const alerts = await eventually("the closed alerts", async () => {
      const mine = (await t.alerts()).filter((a) => JSON.stringify(a.payload).includes(runId));
      return mine.length >= 2 ? mine : undefined;
    });
    await t.tracker.sqs.idle({ timeoutMs: 10_000 });
    const sns = alerts.filter((a) => a.channel === "sns");
    expect(sns).toHaveLength(1);
    expect(sns[0]?.payload.MessageAttributes.alertKind.StringValue).toBe("closed");
    expect(sns[0]?.payload.Message).toContain("Glue no longer knows this run");
    const slack = (await t.alerts()).filter((a) => a.channel === "slack" && JSON.stringify(a.payload).includes(runId));
    expect(slack).toHaveLength(1);
    expect(slack[0]?.payload.text).toContain("closed: Glue no longer knows this run");
    expect(t.logs.some((line) => line.includes("closed, outcome UNKNOWN"))).toBe(true);
  });
});
