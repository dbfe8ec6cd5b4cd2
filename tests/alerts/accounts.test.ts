/**
 * Alerts and auto-resume across two tracked accounts (issue 16; docs/decisions/accounts-flows.md):
 * two glue-local instances as two accounts, one dynalite table, the handlers as deployed.
 */
import {
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GetWorkflowRunsCommand,
  type GlueClient,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { Events, Ingest, ObservedVia } from "@glue-run-tracker/core";
import { afterEach, describe, expect, it } from "vitest";
import { at, jobNode, run, runId } from "../../packages/core/test/workflow-run/fixtures.ts";
import { type AccountSide, type AccountsPipeline, HOME, MEMBER, startAccountsPipeline } from "./accounts-pipeline.ts";

let pipeline: AccountsPipeline | undefined;

afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

/** One job, failing once with a throttling error (transient: auto-resumed), then succeeding. */
async function createThrottledWorkflow(glue: GlueClient, name: string): Promise<void> {
  await glue.send(new CreateWorkflowCommand({ Name: name }));
  await glue.send(
    new CreateJobCommand({
      Name: `${name}-extract`,
      Role: "arn:aws:iam::123456789012:role/glue",
      Command: { Name: "glueetl", ScriptLocation: "s3://scripts/extract.py" },
      DefaultArguments: {
        "--sim-duration-ms": "5000",
        "--sim-fail-attempts": "1",
        "--sim-error-message": "ThrottlingException: Rate exceeded",
      },
    }),
  );
  await glue.send(
    new CreateTriggerCommand({
      Name: `${name}-start`,
      WorkflowName: name,
      Type: "ON_DEMAND",
      Actions: [{ JobName: `${name}-extract` }],
    }),
  );
}

async function glueRunIds(side: AccountSide, name: string): Promise<string[]> {
  const { Runs } = await side.admin.send(new GetWorkflowRunsCommand({ Name: name }));
  return (Runs ?? []).map((r) => r.WorkflowRunId as string).sort();
}

const memberConsole = "https://eu-west-1.console.aws.amazon.com/glue/home?region=eu-west-1#/v2/";
const homeConsole = "https://us-east-1.console.aws.amazon.com/glue/home?region=us-east-1#/v2/";
const memberAccount = { accountId: MEMBER.accountId, region: MEMBER.region, alias: "analytics", home: false };

describe("alerts and auto-resume across accounts", () => {
  it("resumes a member account's failed run in that account's Glue, records it in its store, and names it in the alerts", async () => {
    // Prepare: the same workflow in both accounts; only the member's runs
    pipeline = await startAccountsPipeline();
    const { home, member } = pipeline;
    await createThrottledWorkflow(home.admin, "crm-sync");
    await createThrottledWorkflow(member.admin, "crm-sync");

    // Act
    const { RunId } = await member.admin.send(new StartWorkflowRunCommand({ Name: "crm-sync" }));
    const failedRunId = RunId as string;
    await pipeline.settle();

    // Assess: resumed in the member's glue-local, not the home one
    const failed = await member.store.getRun("crm-sync", failedRunId);
    expect(failed).toMatchObject({ Outcome: "FAILED", AccountId: MEMBER.accountId, Region: MEMBER.region });
    expect(failed?.AutoResume).toMatchObject({ Attempts: 1, Decision: "resumed" });
    const resumedRunId = failed?.ResumedAs?.[0] as string;
    expect(await glueRunIds(member, "crm-sync")).toEqual([failedRunId, resumedRunId].sort());
    expect(await glueRunIds(home, "crm-sync")).toEqual([]);
    // …recorded in the member's store (the home store holds neither run)
    expect(await member.store.getRun("crm-sync", resumedRunId)).toMatchObject({
      PreviousRunId: failedRunId,
      Outcome: "SUCCEEDED",
      AccountId: MEMBER.accountId,
    });
    expect((await home.store.listRuns("crm-sync")).items).toEqual([]);
    // Every tracker event names the member account and region.
    const details = pipeline.trackerEvents.map((e) => e.detail as { AccountId?: string; Region?: string });
    expect(details.length).toBeGreaterThan(0);
    expect(details.every((d) => d.AccountId === MEMBER.accountId && d.Region === MEMBER.region)).toBe(true);
    expect(pipeline.trackerEvents.map((e) => e["detail-type"])).toContain(Events.TrackerDetailType.RunResumed);
    // Alerts: failure then recovered, naming the member, linking its region's console and its switch-role page.
    expect(pipeline.alerts.map((a) => [a.kind, a.runId])).toEqual([
      ["failure", failedRunId],
      ["recovered", resumedRunId],
    ]);
    for (const alert of pipeline.alerts) {
      expect(alert.account).toEqual({ ...memberAccount, consoleRoleName: "GlueOperator" });
      expect(alert.links.glueConsole.startsWith(memberConsole)).toBe(true);
      expect(alert.links.switchRole).toBe(
        "https://signin.aws.amazon.com/switchrole?account=222222222222&roleName=GlueOperator&displayName=analytics",
      );
      expect(alert.links.tracker).toMatch(/\?account=222222222222&region=eu-west-1$/);
    }
  });

  it("alerts once per account for the same workflow and run id failing in both; an event without an account is the home account's; an untracked account's is dropped", async () => {
    // Prepare: the same failed run (workflow and id) stored in both accounts, announced on the bus
    pipeline = await startAccountsPipeline();
    const { home, member } = pipeline;
    const sameId = runId("same-in-both");
    const failedRun = (id: string) =>
      run({
        id,
        status: "COMPLETED",
        completedOn: at(5),
        stats: { TotalActions: 1, FailedActions: 1 },
        graph: { Nodes: [jobNode("load", ["FAILED"], "AnalysisException: Table not found")], Edges: [] },
      });
    const record = (side: AccountSide, id: string) =>
      Ingest.recordSnapshot(
        {
          store: side.store,
          publisher: {
            async publish(entries) {
              for (const e of entries) pipeline?.putTrackerEvent(e.DetailType, JSON.parse(e.Detail));
            },
          },
        },
        failedRun(id),
        ObservedVia.Event,
      );

    // Act: both failures, each announced twice (a duplicate delivery)
    await record(home, sameId);
    await record(member, sameId);
    await pipeline.settle();
    const announced = pipeline.trackerEvents.map((e) => e.detail);
    for (const detail of announced) pipeline.putTrackerEvent(Events.TrackerDetailType.RunStateChange, detail as object);
    await pipeline.settle();

    // Assess: two alerts, one per account, each naming its account and linking its region
    expect(announced).toEqual([
      expect.objectContaining({ runId: sameId, AccountId: HOME.accountId, Region: HOME.region }),
      expect.objectContaining({ runId: sameId, AccountId: MEMBER.accountId, Region: MEMBER.region }),
    ]);
    const byAccount = (accountId: string) => pipeline?.alerts.filter((a) => a.account?.accountId === accountId) ?? [];
    expect(pipeline.alerts).toHaveLength(2);
    expect(byAccount(HOME.accountId)).toEqual([
      expect.objectContaining({ kind: "failure", runId: sameId, account: { ...HOME, home: true } }),
    ]);
    expect(byAccount(HOME.accountId)[0]?.links.glueConsole.startsWith(homeConsole)).toBe(true);
    expect(byAccount(HOME.accountId)[0]?.links.switchRole).toBeUndefined();
    expect(byAccount(MEMBER.accountId)).toEqual([
      expect.objectContaining({ kind: "failure", runId: sameId, account: expect.objectContaining(memberAccount) }),
    ]);
    expect(byAccount(MEMBER.accountId)[0]?.links.glueConsole.startsWith(memberConsole)).toBe(true);

    // Act: an event published before accounts existed (no AccountId/Region), about a home run…
    const olderId = runId("announced-before-accounts");
    await home.store.putSnapshot({ run: failedRun(olderId), observedAt: at(5), via: "event" });
    const { AccountId: _a, Region: _r, ...older } = announced[0] as Record<string, unknown>;
    pipeline.putTrackerEvent(Events.TrackerDetailType.RunStateChange, { ...older, runId: olderId });
    // …and one about an account the configuration does not track (the member store holds the run)
    const untrackedId = runId("untracked-account");
    await member.store.putSnapshot({ run: failedRun(untrackedId), observedAt: at(5), via: "event" });
    pipeline.putTrackerEvent(Events.TrackerDetailType.RunStateChange, {
      ...older,
      runId: untrackedId,
      AccountId: "333333333333",
      Region: MEMBER.region,
    });
    await pipeline.settle();

    // Assess: the older event alerts as the home account's; the untracked one is dropped, not retried
    expect(pipeline.alerts.map((a) => [a.runId, a.account?.accountId])).toEqual([
      expect.anything(),
      expect.anything(),
      [olderId, HOME.accountId],
    ]);
    expect(pipeline.alerts[2]?.links.glueConsole.startsWith(homeConsole)).toBe(true);
    expect((await member.store.getRun("nightly-etl", untrackedId))?.AutoResume).toBeUndefined();
  });
});
