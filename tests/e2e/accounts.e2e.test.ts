/**
 * End-to-end: one tracker, two accounts (issue 16; docs/decisions/accounts-local.md). The home
 * account 123456789012 (us-east-1) and analytics 222222222222 (eu-west-1) each have their own
 * glue-local; both derive run ids from one seed, so a workflow of the same name has runs of the
 * same id in both. Driven through the tracker API and each account's Glue endpoint, like a user.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetWorkflowRunCommand, GetWorkflowRunsCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANALYTICS_ACCOUNT } from "../../packages/local/src/accounts.ts";
import { type E2eTracker, eventually, functionLogsDuring, oneJobWorkflow, startE2eTracker } from "./support.ts";

const HOME = { AccountId: "123456789012", Region: "us-east-1" };
const ANALYTICS = { AccountId: "222222222222", Region: "eu-west-1" };
/** The query that addresses the second account on every route. */
const IN_ANALYTICS = "account=222222222222&region=eu-west-1";

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test, asserted field by field
type Json = any;

/** The run once the tracker has it COMPLETED, in the home account or with `query`. */
async function completedRun(t: E2eTracker, workflow: string, runId: string, query = ""): Promise<Json> {
  return eventually(`${workflow} run ${runId} COMPLETED ${query}`, async () => {
    const { status, body } = await t.api(`/workflows/${workflow}/runs/${runId}${query ? `?${query}` : ""}`);
    return status === 200 && body.Run.Status === "COMPLETED" ? body.Run : undefined;
  });
}

async function runIdsIn(glue: E2eTracker["glue"], workflow: string): Promise<string[]> {
  const { Runs = [] } = await glue.send(new GetWorkflowRunsCommand({ Name: workflow }));
  return Runs.map((r) => r.WorkflowRunId as string).sort();
}

describe("e2e: two accounts, one tracker", () => {
  let t: E2eTracker;

  beforeAll(async () => {
    t = await startE2eTracker();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("keeps runs of the same workflow name and run id in two accounts apart, and serves each by account/region", async () => {
    // Prepare: same name in both accounts; it succeeds at home and fails in analytics
    const name = "e2e-same-name";
    await t.defineWorkflow(oneJobWorkflow(name, { "--sim-duration-ms": "300" }));
    await t.defineWorkflow(
      oneJobWorkflow(name, {
        "--sim-duration-ms": "300",
        "--sim-outcome": "FAILED",
        "--sim-error-message": "AnalysisException: Path does not exist: s3://analytics-raw/",
      }),
      t.memberGlue,
    );

    // Act
    const { RunId: runId } = await t.glue.send(new StartWorkflowRunCommand({ Name: name }));
    const { RunId: memberRunId } = await t.memberGlue.send(new StartWorkflowRunCommand({ Name: name }));

    // Assess: the ids do collide; the tracker keeps both runs, each where it lives
    expect(memberRunId).toBe(runId);
    const home = await completedRun(t, name, runId as string);
    const member = await completedRun(t, name, runId as string, IN_ANALYTICS);
    expect(home).toMatchObject({ ...HOME, WorkflowRunId: runId, Outcome: "SUCCEEDED" });
    expect(member).toMatchObject({ ...ANALYTICS, WorkflowRunId: runId, Outcome: "FAILED" });
    expect(member.FailedNodes).toEqual([
      expect.objectContaining({ Name: `${name}-job`, ErrorMessage: expect.stringContaining("AnalysisException") }),
    ]);
    const homeList = (await t.api(`/workflows/${name}/runs`)).body.Runs;
    const memberList = (await t.api(`/workflows/${name}/runs?${IN_ANALYTICS}`)).body.Runs;
    expect(homeList.map((r: Json) => [r.WorkflowRunId, r.Outcome, r.AccountId])).toEqual([
      [runId, "SUCCEEDED", HOME.AccountId],
    ]);
    expect(memberList.map((r: Json) => [r.WorkflowRunId, r.Outcome, r.AccountId])).toEqual([
      [runId, "FAILED", ANALYTICS.AccountId],
    ]);
    const failed = (await t.api(`/runs?outcome=FAILED&${IN_ANALYTICS}`)).body.Runs.filter((r: Json) => r.Name === name);
    expect(failed).toEqual([expect.objectContaining({ ...ANALYTICS, WorkflowRunId: runId })]);
    const workflows = (await t.api(`/workflows?${IN_ANALYTICS}`)).body.Workflows.filter((w: Json) => w.Name === name);
    expect(workflows).toEqual([expect.objectContaining({ ...ANALYTICS, AccountAlias: "analytics" })]);
  });

  it("sends start, stop and resume with account=222222222222 to the second account's Glue, never the first", async () => {
    // Prepare: the same workflow in both accounts; the home one already has a run (the id analytics' first run gets)
    const name = "e2e-commands";
    const slow = oneJobWorkflow(name, { "--sim-duration-ms": "600000" });
    await t.defineWorkflow(slow);
    await t.defineWorkflow(slow, t.memberGlue);
    const { RunId: homeRunId } = await t.glue.send(new StartWorkflowRunCommand({ Name: name }));

    // Act: start, then stop, through the API in analytics
    const started = await t.api(`/workflows/${name}/runs?${IN_ANALYTICS}`, { method: "POST", body: "{}" });
    const runId = started.body?.RunId as string;
    const stopped = await t.api(`/workflows/${name}/runs/${runId}/stop?${IN_ANALYTICS}`, { method: "POST" });

    // Assess
    expect(started.status).toBe(201);
    expect(runId).toBe(homeRunId);
    expect(await runIdsIn(t.memberGlue, name)).toEqual([runId]);
    expect(await runIdsIn(t.glue, name)).toEqual([homeRunId]);
    expect(stopped.status).toBe(202);
    const memberRun = await t.memberGlue.send(new GetWorkflowRunCommand({ Name: name, RunId: runId }));
    expect(["STOPPING", "STOPPED"]).toContain(memberRun.Run?.Status);
    const homeRun = await t.glue.send(new GetWorkflowRunCommand({ Name: name, RunId: homeRunId }));
    expect(homeRun.Run?.Status).toBe("RUNNING");

    // Prepare: a run that failed in analytics (not transient: no auto-resume) and succeeded at home, same id
    const failing = "e2e-commands-resume";
    await t.defineWorkflow(oneJobWorkflow(failing, { "--sim-duration-ms": "300" }));
    await t.defineWorkflow(
      oneJobWorkflow(failing, {
        "--sim-duration-ms": "300",
        "--sim-outcome": "FAILED",
        "--sim-error-message": "AnalysisException: Table or view not found: clicks",
      }),
      t.memberGlue,
    );
    const { RunId: failedId } = await t.glue.send(new StartWorkflowRunCommand({ Name: failing }));
    await t.memberGlue.send(new StartWorkflowRunCommand({ Name: failing }));
    const failedRun = await completedRun(t, failing, failedId as string, IN_ANALYTICS);
    await completedRun(t, failing, failedId as string);

    // Act: resume it through the API in analytics
    const resumed = await t.api(`/workflows/${failing}/runs/${failedId}/resume?${IN_ANALYTICS}`, {
      method: "POST",
      body: JSON.stringify({ NodeIds: [failedRun.FailedNodes[0].NodeId] }),
    });

    // Assess: the new run is analytics' own, linked to the failed one; home's run is untouched
    expect(resumed.status).toBe(201);
    const newRun = await t.memberGlue.send(new GetWorkflowRunCommand({ Name: failing, RunId: resumed.body.RunId }));
    expect(newRun.Run?.PreviousRunId).toBe(failedId);
    expect(await runIdsIn(t.glue, failing)).toEqual([failedId]);
    await t.glue.send(new GetWorkflowRunsCommand({ Name: name })); // (the slow home run keeps running; stop() ends it)
  });

  it("auto-resumes a transiently failed run in the second account there, and alerts naming that account", async () => {
    // Prepare: throttled once in analytics; fine at home; same name, same run id
    const name = "e2e-auto-resume";
    await t.defineWorkflow(oneJobWorkflow(name, { "--sim-duration-ms": "300" }));
    await t.defineWorkflow(
      oneJobWorkflow(name, {
        "--sim-duration-ms": "300",
        "--sim-fail-attempts": "1",
        "--sim-error-message": "ThrottlingException: Rate exceeded",
      }),
      t.memberGlue,
    );

    // Act: both started in Glue, as schedules would
    const { RunId: runId } = await t.glue.send(new StartWorkflowRunCommand({ Name: name }));
    await t.memberGlue.send(new StartWorkflowRunCommand({ Name: name }));

    // Assess: resumed in analytics, by the tracker, and only there
    const original = await eventually("analytics' run auto-resumed", async () => {
      const { body } = await t.api(`/workflows/${name}/runs/${runId}?${IN_ANALYTICS}`);
      return body?.Run?.ResumedAs?.length ? body.Run : undefined;
    });
    expect(original).toMatchObject({
      ...ANALYTICS,
      Outcome: "FAILED",
      AutoResume: { Decision: "resumed", Attempts: 1 },
    });
    const resumedId = original.ResumedAs[0] as string;
    const inGlue = await t.memberGlue.send(new GetWorkflowRunCommand({ Name: name, RunId: resumedId }));
    expect(inGlue.Run?.PreviousRunId).toBe(runId);
    const resumed = await completedRun(t, name, resumedId, IN_ANALYTICS);
    expect(resumed).toMatchObject({ ...ANALYTICS, PreviousRunId: runId, Outcome: "SUCCEEDED" });
    const home = await completedRun(t, name, runId as string);
    expect(home).toMatchObject({ ...HOME, Outcome: "SUCCEEDED" });
    expect(home.ResumedAs ?? []).toEqual([]);
    expect(await runIdsIn(t.glue, name)).toEqual([runId]);
    const failure = await eventually("the failure alert", async () =>
      (await t.alerts()).find(
        (a) =>
          a.channel === "sns" &&
          a.payload.MessageAttributes.workflowName.StringValue === name &&
          a.payload.MessageAttributes.alertKind?.StringValue === "failure",
      ),
    );
    expect(failure.payload.Message).toContain("analytics");
    expect(failure.payload.Message).toContain("222222222222");
    expect(failure.payload.Message).toContain("eu-west-1");
  });
});

describe("e2e: an account removed from the configuration", () => {
  it("is refused by the API with a clear 400, and its events are dropped with a warning, not retried", async () => {
    // Prepare: a run tracked in analytics, then the tracker restarted (same data) without analytics
    const dataDir = await mkdtemp(join(tmpdir(), "grt-e2e-removed-"));
    const name = "e2e-removed";
    const workflow = oneJobWorkflow(name, { "--sim-duration-ms": "300" });
    const before = await startE2eTracker({}, { dataDir });
    let runId: string;
    try {
      await before.defineWorkflow(workflow, before.memberGlue);
      runId = (await before.memberGlue.send(new StartWorkflowRunCommand({ Name: name }))).RunId as string;
      await completedRun(before, name, runId, IN_ANALYTICS);
    } finally {
      await before.stop();
    }
    const t = await startE2eTracker({}, { dataDir, members: [{ ...ANALYTICS_ACCOUNT, tracked: false }] });
    try {
      // Act
      const read = await t.api(`/workflows/${name}/runs/${runId}?${IN_ANALYTICS}`);
      const list = await t.api(`/workflows?${IN_ANALYTICS}`);
      const start = await t.api(`/workflows/${name}/runs?${IN_ANALYTICS}`, { method: "POST", body: "{}" });
      await t.defineWorkflow(workflow, t.memberGlue);
      const ingest = t.tracker.sqs.getQueue("ingest");
      const statsBefore = ingest.stats();
      const logs = await functionLogsDuring(async () => {
        await t.memberGlue.send(new StartWorkflowRunCommand({ Name: name }));
        await t.tracker.members[0]?.glue.idle();
        await t.tracker.members[0]?.bridge.idle();
        await t.tracker.bridge.idle();
        await t.tracker.sqs.idle({ timeoutMs: 20_000 });
      });

      // Assess: 400 InvalidInputException naming the account, for reads, lists and commands alike
      for (const answer of [read, list, start]) {
        expect(answer.status).toBe(400);
        expect(answer.body.Code).toBe("InvalidInputException");
        expect(answer.body.Message).toContain("222222222222");
        expect(answer.body.Message).toContain("TRACKER_MEMBER_ACCOUNTS");
      }
      // Its Glue events reached ingest and were dropped, each once, with a warning naming the account
      const stats = ingest.stats();
      expect(stats.received - statsBefore.received).toBeGreaterThan(0);
      expect(stats.retried - statsBefore.retried).toBe(0);
      expect(stats.deadLettered - statsBefore.deadLettered).toBe(0);
      const warnings = logs.filter((l) => l.service === "ingest" && l.level === "WARN");
      expect(warnings.some((l) => JSON.stringify(l).includes("222222222222"))).toBe(true);
      expect(t.tracker.sqs.getQueue("ingest-dlq").counts()).toMatchObject({ visible: 0 });
      // …and nothing of it landed in the home account either (an event is never guessed into another account)
      const home = await t.api(`/workflows/${name}/runs`);
      expect([home.status, home.body.Code]).toEqual([404, "EntityNotFoundException"]);
    } finally {
      await t.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("e2e: short-lived member credentials", () => {
  it("are refreshed: the Glue call after they expired still succeeds, signed with a new access key id", async () => {
    // Prepare: the local STS issues credentials that last 2 s
    const t = await startE2eTracker({}, { stsCredentialSeconds: 2 });
    try {
      const name = "e2e-credentials";
      await t.defineWorkflow(oneJobWorkflow(name, { "--sim-duration-ms": "600000" }), t.memberGlue);
      const member = t.tracker.members[0]?.glue;
      const keyOf = (operation: string) => member?.signedCalls.findLast((c) => c.operation === operation)?.accessKeyId;

      // Act: a command, then another once the first credentials expired
      const started = await t.api(`/workflows/${name}/runs?${IN_ANALYTICS}`, { method: "POST", body: "{}" });
      const firstKey = keyOf("StartWorkflowRun");
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const stopped = await t.api(`/workflows/${name}/runs/${started.body?.RunId}/stop?${IN_ANALYTICS}`, {
        method: "POST",
      });
      const secondKey = keyOf("StopWorkflowRun");

      // Assess: both reached analytics' Glue with the member role's credentials, the second with new ones
      expect(started.status).toBe(201);
      expect(stopped.status).toBe(202);
      expect(firstKey).toMatch(/^ASIA222222222222/);
      expect(secondKey).toMatch(/^ASIA222222222222/);
      expect(secondKey).not.toBe(firstKey);
      expect(t.tracker.glue.signedCalls.some((c) => c.accessKeyId?.startsWith("ASIA222222222222"))).toBe(false);
      expect(t.tracker.sts.issued.length).toBeGreaterThanOrEqual(2);
    } finally {
      await t.stop();
    }
  });
});

describe("e2e: npm start's API tokens limited to accounts", () => {
  it("passes TRACKER_API_ACCOUNT_TOKENS to the functions: a token of analytics reads analytics, not home", async () => {
    // Prepare
    const t = await startE2eTracker({
      TRACKER_API_TOKEN: "e2e-full-token-7f3a",
      TRACKER_API_ACCOUNT_TOKENS: JSON.stringify({ "e2e-analytics-token-9c1d": ["222222222222"] }),
    });
    try {
      // Act
      const member = await t.api(`/workflows?${IN_ANALYTICS}`, { token: "e2e-analytics-token-9c1d" });
      const home = await t.api("/workflows?account=123456789012&region=us-east-1", {
        token: "e2e-analytics-token-9c1d",
      });
      const full = await t.api("/workflows?account=123456789012&region=us-east-1", { token: "e2e-full-token-7f3a" });

      // Assess
      expect(member.status).toBe(200);
      expect([home.status, home.body?.Code]).toEqual([403, "AccessDeniedException"]);
      expect(full.status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});
