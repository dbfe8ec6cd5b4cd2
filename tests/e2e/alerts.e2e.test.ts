import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetJobRunsCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eTracker, eventually, oneJobWorkflow, startE2eTracker } from "./support.ts";

const snsAlerts = async (t: E2eTracker, workflow: string) =>
  (await t.alerts()).filter(
    (a) => a.channel === "sns" && a.payload.MessageAttributes.workflowName.StringValue === workflow,
  );

describe("e2e: failure alerts and automatic resume", () => {
  let t: E2eTracker;

  beforeAll(async () => {
    t = await startE2eTracker();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("a transient failure alerts once, is auto-resumed after the backoff, and reports recovery", async () => {
    // Prepare: throttled once, then fine
    await t.defineWorkflow(
      oneJobWorkflow("e2e-flaky", {
        "--sim-duration-ms": "500",
        "--sim-fail-attempts": "1",
        "--sim-error-message": "ThrottlingException: Rate exceeded",
      }),
    );

    // Act: started directly in Glue, as a schedule would
    const { RunId } = await t.glue.send(new StartWorkflowRunCommand({ Name: "e2e-flaky" }));

    // Assess
    const recovered = await eventually("the recovered alert", async () => {
      const alerts = await snsAlerts(t, "e2e-flaky");
      return alerts.find((a) => a.payload.MessageAttributes.alertKind?.StringValue === "recovered");
    });
    const alerts = await snsAlerts(t, "e2e-flaky");
    expect(alerts.map((a) => a.payload.MessageAttributes.alertKind.StringValue)).toEqual(["failure", "recovered"]);
    expect(alerts[0]?.payload.Message).toContain(RunId);
    expect(alerts[0]?.payload.Message).toContain("ThrottlingException: Rate exceeded");
    expect(recovered.payload.Subject).not.toMatch(/[\r\n]/);

    const original = (await t.api(`/workflows/e2e-flaky/runs/${RunId}`)).body.Run;
    expect(original.Outcome).toBe("FAILED");
    expect(original.AutoResume).toMatchObject({ Decision: "resumed", Attempts: 1 });
    expect(original.ResumedAs).toHaveLength(1);
    const resumed = (await t.api(`/workflows/e2e-flaky/runs/${original.ResumedAs[0]}`)).body.Run;
    expect(resumed).toMatchObject({ PreviousRunId: RunId, Outcome: "SUCCEEDED", Status: "COMPLETED" });
    const slack = (await t.alerts()).filter(
      (a) => a.channel === "slack" && JSON.stringify(a.payload).includes("e2e-flaky"),
    );
    expect(slack).toHaveLength(2);
  });

  it("Glue events injected through PutEvents, duplicated and shuffled, change nothing and alert once", async () => {
    // Prepare: a real failure the tracker has already recorded and alerted on
    await t.defineWorkflow(
      oneJobWorkflow("e2e-dup", {
        "--sim-duration-ms": "300",
        "--sim-outcome": "FAILED",
        "--sim-error-message": "boom",
      }),
    );
    const { RunId } = await t.glue.send(new StartWorkflowRunCommand({ Name: "e2e-dup" }));
    await eventually("the failure alert", async () =>
      (await snsAlerts(t, "e2e-dup")).length === 1 ? true : undefined,
    );
    const before = (await t.api(`/workflows/e2e-dup/runs/${RunId}`)).body.Run;
    const { JobRuns = [] } = await t.glue.send(new GetJobRunsCommand({ JobName: "e2e-dup-job" }));
    const jobRun = JobRuns[0];
    if (!jobRun?.Id) throw new Error("no job run");

    // Act: the job's terminal event 3× and a stale "still running" status, shuffled
    const events = new EventBridgeClient({
      region: "us-east-1",
      endpoint: t.tracker.urls.events,
      credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" },
    });
    const stateChange = {
      Source: "aws.glue",
      DetailType: "Glue Job State Change",
      Detail: JSON.stringify({
        jobName: "e2e-dup-job",
        severity: "ERROR",
        state: "FAILED",
        jobRunId: jobRun.Id,
        message: "boom",
      }),
    };
    const stale = {
      Source: "aws.glue",
      DetailType: "Glue Job Run Status",
      Detail: JSON.stringify({
        jobName: "e2e-dup-job",
        severity: "INFO",
        notificationCondition: { NotifyDelayAfter: 1 },
        state: "RUNNING",
        jobRunId: jobRun.Id,
        message: "Job is running longer than expected",
        startedOn: jobRun.StartedOn?.toISOString(),
      }),
    };
    const result = await events.send(
      new PutEventsCommand({ Entries: [stateChange, stale, stateChange, stateChange, stale] }),
    );
    events.destroy();
    expect(result.FailedEntryCount).toBe(0);
    await t.tracker.bridge.idle();
    await t.tracker.sqs.idle();

    // Assess
    const after = (await t.api(`/workflows/e2e-dup/runs/${RunId}`)).body.Run;
    expect(after).toMatchObject({ Status: "COMPLETED", Outcome: "FAILED", Statistics: before.Statistics });
    expect(await snsAlerts(t, "e2e-dup")).toHaveLength(1);
    const timeline = (await t.api(`/workflows/e2e-dup/runs/${RunId}/timeline`)).body.Timeline;
    expect(timeline.filter((e: { Status: string }) => e.Status === "COMPLETED")).toHaveLength(1);
  });
});

describe("e2e: history beyond Glue's retention", () => {
  let t: E2eTracker;

  beforeAll(async () => {
    // glue-local forgets terminal runs after 20 simulated seconds (1 s here) (Glue: 90 days).
    t = await startE2eTracker({ GLUE_LOCAL_RETENTION_SECONDS: "20" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("serves a run complete with its graph after Glue has forgotten it", async () => {
    // Prepare
    await t.defineWorkflow(oneJobWorkflow("e2e-old", { "--sim-duration-ms": "200" }));
    const { body } = await t.api("/workflows/e2e-old/runs", { method: "POST", body: "{}" });
    await eventually("completion", async () => {
      const r = await t.api(`/workflows/e2e-old/runs/${body.RunId}`);
      return r.body.Run?.Status === "COMPLETED" ? true : undefined;
    });

    // Act: wait until Glue says the run does not exist
    await eventually("Glue to forget the run", async () => {
      const r = await fetch(t.tracker.urls.glue, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSGlue.GetWorkflowRun" },
        body: JSON.stringify({ Name: "e2e-old", RunId: body.RunId }),
      });
      const reply = (await r.json()) as { __type?: string };
      return reply.__type?.endsWith("EntityNotFoundException") ? true : undefined;
    });
    const served = await t.api(`/workflows/e2e-old/runs/${body.RunId}?includeGraph=true`);

    // Assess
    expect(served.status).toBe(200);
    expect(served.body.Run).toMatchObject({ Status: "COMPLETED", Outcome: "SUCCEEDED" });
    expect(served.body.Run.Graph.Nodes.map((n: { Name: string }) => n.Name).sort()).toEqual([
      "e2e-old-job",
      "e2e-old-start",
    ]);
    const list = await t.api("/workflows/e2e-old/runs");
    expect(list.body.Runs.map((r: { WorkflowRunId: string }) => r.WorkflowRunId)).toEqual([body.RunId]);
  });
});

describe("e2e: API token", () => {
  let t: E2eTracker;

  beforeAll(async () => {
    t = await startE2eTracker({ TRACKER_API_TOKEN: "e2e-token-9f2c" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("refuses requests without the bearer token and accepts them with it", async () => {
    const none = await t.api("/workflows");
    const wrong = await t.api("/workflows", { token: "e2e-token-9f2d" });
    const right = await t.api("/workflows", { token: "e2e-token-9f2c" });
    const startWithout = await t.api("/workflows/x/runs", { method: "POST", body: "{}" });

    expect([none.status, wrong.status, startWithout.status]).toEqual([401, 401, 401]);
    expect(none.body.Code).toBe("UnauthorizedException");
    expect(JSON.stringify(wrong.body)).not.toContain("e2e-token-9f2c");
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ Workflows: [] });
  });
});
