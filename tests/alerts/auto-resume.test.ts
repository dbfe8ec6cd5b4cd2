/**
 * Auto-resume and alerts end to end: glue-local → ingest → run store → tracker bus →
 * alerts and resume functions → delayed resume queue → resume worker → glue-local.
 */

import { Logger } from "@aws-lambda-powertools/logger";
import {
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  type GlueClient,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { afterEach, describe, expect, it } from "vitest";
import { createReadHandler } from "../../packages/functions/src/api/handlers.ts";
import { routeList } from "../../packages/functions/src/api/routes.ts";
import { httpEvent, lambdaContext } from "../../packages/functions/test/api/support/http-event.ts";
import { type Pipeline, startPipeline } from "./pipeline.ts";

let pipeline: Pipeline | undefined;

/**
 * Glue-local's virtual seconds per real second in the tests that resume. The resume worker
 * waits for a decision's claim as long as the deciding function may run (its timeout, in
 * virtual seconds): at the pipeline's default ×1000 that is a few dozen real milliseconds,
 * which a loaded machine overran between the message and its claim — the message was then
 * dropped as stale and the run never resumed (reproduced: 2 of 4 concurrent runs).
 */
const RESUMING = { timeScale: 100 } as const;

afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

/** `name`: ON_DEMAND → `<name>-extract`, then CONDITIONAL on its success → `<name>-load`. */
async function createWorkflow(glue: GlueClient, name: string, extractArguments: Record<string, string>): Promise<void> {
  await glue.send(new CreateWorkflowCommand({ Name: name }));
  for (const [job, args] of [
    ["extract", extractArguments],
    ["load", {}],
  ] as const) {
    await glue.send(
      new CreateJobCommand({
        Name: `${name}-${job}`,
        Role: "arn:aws:iam::123456789012:role/glue",
        Command: { Name: "glueetl", ScriptLocation: `s3://scripts/${job}.py` },
        DefaultArguments: { "--sim-duration-ms": "5000", ...args },
      }),
    );
  }
  await glue.send(
    new CreateTriggerCommand({
      Name: `${name}-start`,
      WorkflowName: name,
      Type: "ON_DEMAND",
      Actions: [{ JobName: `${name}-extract` }],
    }),
  );
  await glue.send(
    new CreateTriggerCommand({
      Name: `${name}-then-load`,
      WorkflowName: name,
      Type: "CONDITIONAL",
      StartOnCreation: true,
      Predicate: { Conditions: [{ LogicalOperator: "EQUALS", JobName: `${name}-extract`, State: "SUCCEEDED" }] },
      Actions: [{ JobName: `${name}-load` }],
    }),
  );
}

async function startRun(p: Pipeline, name: string): Promise<string> {
  const { RunId } = await p.glueAdmin.send(new StartWorkflowRunCommand({ Name: name }));
  return RunId as string;
}

/** GET a run through the tracker's read API (the handler API Gateway invokes). */
async function apiRun(p: Pipeline, name: string, runId: string) {
  const read = createReadHandler({ store: p.store, logger: new Logger({ serviceName: "api", logLevel: "SILENT" }) });
  const response = await read(
    httpEvent({ method: "GET", url: `/workflows/${name}/runs/${runId}` }, routeList),
    lambdaContext(),
  );
  expect(response.statusCode).toBe(200);
  return JSON.parse(response.body as string).Run;
}

const throttled = {
  "--sim-fail-attempts": "1",
  "--sim-error-message": "ThrottlingException: Rate exceeded",
};

describe("auto-resume end to end", () => {
  it("resumes a transient failure after the backoff; the resumed run succeeds; one failure alert, then one recovered", async () => {
    // Prepare
    pipeline = await startPipeline(RESUMING);
    await createWorkflow(pipeline.glueAdmin, "crm-sync", throttled);

    // Act
    const firstRunId = await startRun(pipeline, "crm-sync");
    await pipeline.settle();

    // Assess: the lineage, visible in the store (what the API serves)
    const first = await pipeline.store.getRun("crm-sync", firstRunId);
    expect(first).toMatchObject({ Status: "COMPLETED", Outcome: "FAILED" });
    expect(first?.AutoResume).toMatchObject({ Attempts: 1, Decision: "resumed" });
    expect(first?.ResumedAs).toHaveLength(1);
    const resumedRunId = first?.ResumedAs?.[0] as string;
    const resumed = await pipeline.store.getRun("crm-sync", resumedRunId);
    expect(resumed).toMatchObject({ PreviousRunId: firstRunId, Status: "COMPLETED", Outcome: "SUCCEEDED" });
    // The resume waited for the 120 s backoff (on Glue's clock; the worker tolerates 1 s early).
    const waitedMs = Date.parse(resumed?.StartedOn as string) - Date.parse(first?.CompletedOn as string);
    expect(waitedMs).toBeGreaterThanOrEqual(119_000);
    // Exactly the failed node was resumed: the resumed run ran extract again, then load.
    const extractNode = first?.FailedNodes.map((node) => node.Name);
    expect(extractNode).toEqual(["crm-sync-extract"]);
    expect(resumed?.Statistics).toMatchObject({ SucceededActions: 2, FailedActions: 0 });
    // Alerts: one failure (saying it resumes), then one recovered.
    expect(pipeline.alerts.map((alert) => [alert.kind, alert.runId])).toEqual([
      ["failure", firstRunId],
      ["recovered", resumedRunId],
    ]);
    expect(pipeline.alerts[0]?.autoResume).toMatchObject({ decision: "resumed", attempt: 1, delaySeconds: 120 });
    expect(pipeline.alerts[0]?.failedNodes[0]).toMatchObject({
      Name: "crm-sync-extract",
      ErrorMessage: "ThrottlingException: Rate exceeded",
    });
    expect(pipeline.alerts[1]?.recovery).toEqual({ resumedFromRunId: firstRunId, attempts: 1 });
    const sink = await pipeline.sinkRecords();
    expect(sink.map((record) => record.channel)).toEqual(["sns", "slack", "sns", "slack"]);
    const sns = sink
      .filter((record) => record.channel === "sns")
      .map((record) => record.payload as { Subject: string });
    expect(sns.map((message) => message.Subject)).toEqual([
      "Glue workflow FAILED: crm-sync",
      "Glue workflow RECOVERED: crm-sync",
    ]);
    const slack = sink
      .filter((record) => record.channel === "slack")
      .map((record) => record.payload as { text: string });
    expect(slack.map((message) => message.text)).toEqual([
      `Glue workflow crm-sync run ${firstRunId} FAILED. 1 failed node. Auto-resume: resuming (attempt 1 of 2, in 120 s).`,
      `Glue workflow crm-sync recovered: run ${resumedRunId} SUCCEEDED after auto-resume.`,
    ]);
    // The lineage, through the API.
    expect(await apiRun(pipeline, "crm-sync", firstRunId)).toMatchObject({
      ResumedAs: [resumedRunId],
      AutoResume: { Attempts: 1, Decision: "resumed" },
    });
    expect(await apiRun(pipeline, "crm-sync", resumedRunId)).toMatchObject({
      PreviousRunId: firstRunId,
      Outcome: "SUCCEEDED",
    });
    const resumedEvents = pipeline.trackerEvents.filter(
      (event) => event["detail-type"] === "Glue Workflow Run Resumed",
    );
    expect(resumedEvents.map((event) => event.detail)).toEqual([
      expect.objectContaining({
        workflowName: "crm-sync",
        runId: firstRunId,
        resumedRunId,
        // Exactly the failed job's node was resumed.
        nodeIds: first?.FailedNodes.map((node) => node.NodeId),
      }),
    ]);
  });

  it("says so when Glue refuses the resume it announced (the run is past Glue's retention by then)", async () => {
    // Prepare: Glue forgets finished runs after 60 s; the backoff is 120 s
    // Glue time runs 50× (not the default 1000×): 60 s of retention must outlast ingest reading the run on a loaded machine.
    pipeline = await startPipeline({ retentionSeconds: 60, timeScale: 50 });
    await createWorkflow(pipeline.glueAdmin, "short-memory", throttled);

    // Act
    const runId = await startRun(pipeline, "short-memory");
    await pipeline.settle();

    // Assess
    const run = await pipeline.store.getRun("short-memory", runId);
    expect(run?.ResumedAs ?? []).toHaveLength(0);
    expect(run?.AutoResume).toMatchObject({ Attempts: 1, Decision: "failed" });
    expect(run?.AutoResume?.Reason).toMatch(/Glue refused ResumeWorkflowRun \(EntityNotFoundException/);
    expect(pipeline.alerts.map((alert) => [alert.kind, alert.autoResume?.decision])).toEqual([
      ["failure", "resumed"],
      ["resume-failed", "failed"],
    ]);
    const subjects = (await pipeline.sinkRecords())
      .filter((record) => record.channel === "sns")
      .map((record) => (record.payload as { Subject: string }).Subject);
    expect(subjects).toEqual(["Glue workflow FAILED: short-memory", "Glue workflow AUTO-RESUME FAILED: short-memory"]);
    expect(await apiRun(pipeline, "short-memory", runId)).toMatchObject({ AutoResume: { Decision: "failed" } });
  });

  it("does not resume a non-transient failure, and the alert says why", async () => {
    // Prepare
    pipeline = await startPipeline();
    await createWorkflow(pipeline.glueAdmin, "inventory", {
      "--sim-outcome": "FAILED",
      "--sim-error-message": "AnalysisException: Table or view not found: inventory_raw",
    });

    // Act
    const runId = await startRun(pipeline, "inventory");
    await pipeline.settle();

    // Assess
    const run = await pipeline.store.getRun("inventory", runId);
    expect(run?.AutoResume).toEqual({
      Attempts: 0,
      Decision: "not transient",
      Reason:
        'inventory-extract failed with an error that is not transient: "AnalysisException: Table or view not found: inventory_raw"',
    });
    expect(run?.ResumedAs).toBeUndefined();
    expect(pipeline.alerts).toHaveLength(1);
    expect(pipeline.alerts[0]?.autoResume).toEqual({ decision: "not transient", reason: run?.AutoResume?.Reason });
    const [sns] = await pipeline.sinkRecords();
    expect((sns?.payload as { Message?: string } | undefined)?.Message).toContain(
      "Auto-resume: not resumed (the failure is not transient)",
    );
  });

  it("stops at the attempt limit: the third failure of the lineage is exhausted", async () => {
    // Prepare
    pipeline = await startPipeline({
      ...RESUMING,
      policyEnv: { AUTO_RESUME_MAX_ATTEMPTS: "2", AUTO_RESUME_BACKOFF_SECONDS: "30" },
    });
    await createWorkflow(pipeline.glueAdmin, "flaky", { ...throttled, "--sim-fail-attempts": "5" });

    // Act
    const runId = await startRun(pipeline, "flaky");
    const lineage = async () => {
      const first = await pipeline?.store.getRun("flaky", runId);
      const second = first?.ResumedAs?.[0] ? await pipeline?.store.getRun("flaky", first.ResumedAs[0]) : undefined;
      const third = second?.ResumedAs?.[0] ? await pipeline?.store.getRun("flaky", second.ResumedAs[0]) : undefined;
      return [first, second, third] as const;
    };
    // A loaded machine can look quiet between two delayed resumes; settle again until the lineage ends (bounded).
    for (let round = 0; round < 10; round += 1) {
      await pipeline.settle();
      if ((await lineage())[2]?.AutoResume?.Decision) break;
    }

    // Assess
    const [first, second, third] = await lineage();
    expect(
      [first, second, third].map((run) => [run?.Outcome, run?.AutoResume?.Decision, run?.AutoResume?.Attempts]),
    ).toEqual([
      ["FAILED", "resumed", 1],
      ["FAILED", "resumed", 2],
      ["FAILED", "exhausted", 2],
    ]);
    expect(third?.ResumedAs).toBeUndefined();
    expect(pipeline.alerts.map((alert) => alert.autoResume?.decision)).toEqual(["resumed", "resumed", "exhausted"]);
    expect(pipeline.alerts[2]?.autoResume?.reason).toBe(
      "All 2 auto-resume attempt(s) of this lineage are used (AUTO_RESUME_MAX_ATTEMPTS=2).",
    );
  });

  it("handles the same failure event delivered 3 times with one resume and one alert", async () => {
    // Prepare
    pipeline = await startPipeline({ ...RESUMING, deliveries: 3 });
    await createWorkflow(pipeline.glueAdmin, "dup", throttled);

    // Act
    const runId = await startRun(pipeline, "dup");
    await pipeline.settle();

    // Assess
    const run = await pipeline.store.getRun("dup", runId);
    expect(run?.ResumedAs).toHaveLength(1);
    expect(pipeline.alerts.map((alert) => alert.kind)).toEqual(["failure", "recovered"]);
    expect(pipeline.trackerEvents.filter((event) => event["detail-type"] === "Glue Workflow Run Resumed")).toHaveLength(
      1,
    );
  });
});
