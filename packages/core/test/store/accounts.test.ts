/**
 * One store per tracked account (docs/decisions/accounts-run-identity.md), on dynalite and
 * DynamoDB Local: two accounts' workflows, runs, jobs and per-account bookkeeping of the
 * same names never meet; the home account reads and writes today's keys, so data written
 * before accounts existed is served as the home account's.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createAccountRegistry } from "../../src/accounts/registry.ts";
import { createRunStore } from "../../src/store/dynamo-run-store.ts";
import { keysFor, runKey } from "../../src/store/keys.ts";
import { leaseFor } from "../../src/store/lease.ts";
import { createOverdueMarks } from "../../src/store/overdue-marks.ts";
import type { TrackedRun } from "../../src/workflow-run/types.ts";
import { at, jobNode, run, runId } from "../workflow-run/fixtures.ts";
import { PAGINATION_SECRET, useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();

const accounts = createAccountRegistry({ accountId: "111111111111", region: "us-east-1" }, [
  { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" },
]);
const home = accounts.home;
const member = accounts.resolve({ accountId: "222222222222", region: "eu-west-1" });

async function storesOver() {
  const tableName = await local.dynamo.createTable();
  const storeOf = (account: typeof home) =>
    createRunStore({
      client: local.dynamo.documentClient,
      tableName,
      paginationSecret: PAGINATION_SECRET,
      account,
      home,
    });
  return { tableName, homeStore: storeOf(home), memberStore: storeOf(member) };
}

const SAME_ID = runId("same-in-both");
const graph = { Nodes: [jobNode("load", ["RUNNING"])], Edges: [] };

describe("one run store per account", () => {
  it("keeps two accounts' runs of the same workflow name and run id apart, each named with its account", async () => {
    // Prepare
    const { homeStore, memberStore } = await storesOver();

    // Act: the same workflow and run id in both accounts, in different states
    await homeStore.putSnapshot({ run: run({ id: SAME_ID, graph }), observedAt: at(1), via: "event" });
    const memberWrite = await memberStore.putSnapshot({
      run: run({ id: SAME_ID, graph, status: "COMPLETED", completedOn: at(5) }),
      observedAt: at(5),
      via: "event",
    });

    // Assess
    expect(memberWrite.transition?.previous).toBeNull(); // the home run did not count as "seen"
    expect(memberWrite.transition?.run).toMatchObject({ AccountId: "222222222222", Region: "eu-west-1" });
    expect(await homeStore.getRun("nightly-etl", SAME_ID)).toMatchObject({
      Status: "RUNNING",
      AccountId: "111111111111",
      Region: "us-east-1",
    });
    expect(await memberStore.getRun("nightly-etl", SAME_ID)).toMatchObject({
      Status: "COMPLETED",
      AccountId: "222222222222",
    });
    expect((await homeStore.listRuns("nightly-etl")).items.map((r) => r.Status)).toEqual(["RUNNING"]);
    expect((await memberStore.listRuns("nightly-etl")).items.map((r) => r.Status)).toEqual(["COMPLETED"]);
    // One account's page token is refused by the other's query of the same shape (not a 500 on a foreign key).
    await homeStore.putSnapshot({ run: run({ id: runId("second") }), observedAt: at(2), via: "event" });
    const firstPage = await homeStore.listRuns("nightly-etl", { maxResults: 1 });
    expect(firstPage.nextToken).toBeDefined();
    await expect(
      memberStore.listRuns("nightly-etl", { maxResults: 1, nextToken: firstPage.nextToken as string }),
    ).rejects.toThrow(/another query/);
    // Active runs and runs by outcome are per account (the reconciler asks each account's store).
    expect((await homeStore.listActiveRuns()).items.map((r) => r.AccountId)).toEqual(["111111111111", "111111111111"]);
    expect((await memberStore.listActiveRuns()).items).toEqual([]);
    expect((await memberStore.listRunsByOutcome("SUCCEEDED")).items.map((r) => r.WorkflowRunId)).toEqual([SAME_ID]);
    expect((await homeStore.listRunsByOutcome("SUCCEEDED")).items).toEqual([]);
    expect(await homeStore.getTimeline("nightly-etl", SAME_ID)).toHaveLength(1);
    expect(await memberStore.getTimeline("nightly-etl", SAME_ID)).toHaveLength(1);
    // Jobs of the same name in two accounts: the node index answers per account.
    expect(await memberStore.workflowsContaining({ jobName: "load" })).toEqual(["nightly-etl"]);
    expect(await homeStore.workflowsContaining({ jobName: "load" })).toEqual(["nightly-etl"]);
    expect(await memberStore.workflowsContaining({ jobName: "other" })).toEqual([]);
  });

  it("lists each account's workflows, or every account's with where each lives", async () => {
    // Prepare
    const { homeStore, memberStore } = await storesOver();
    await homeStore.putWorkflow({ Name: "sales" }, at(0));
    await memberStore.putWorkflow({ Name: "sales" }, at(0));
    await memberStore.putWorkflow({ Name: "events" }, at(0));
    await homeStore.putSnapshot({ run: run({ name: "sales", id: "wr_home" }), observedAt: at(1), via: "event" });
    await memberStore.putSnapshot({ run: run({ name: "sales", id: "wr_member" }), observedAt: at(1), via: "event" });

    // Act
    const homeOnly = await homeStore.listWorkflows();
    const memberOnly = await memberStore.listWorkflows();
    const every = await homeStore.listWorkflows({}, { everyAccount: true });

    // Assess
    expect(homeOnly.items.map((w) => `${w.AccountId}/${w.Name}`)).toEqual(["111111111111/sales"]);
    expect(memberOnly.items.map((w) => `${w.AccountId}/${w.Name}`)).toEqual([
      "222222222222/events",
      "222222222222/sales",
    ]);
    expect(every.items.map((w) => `${w.AccountId}/${w.Region}/${w.Name}`).sort()).toEqual([
      "111111111111/us-east-1/sales",
      "222222222222/eu-west-1/events",
      "222222222222/eu-west-1/sales",
    ]);
    // Each one's last run is its own account's (read from that account's runs).
    const lastRuns = every.items.map((w) => `${w.AccountId}/${w.Name}:${w.LastRun?.WorkflowRunId ?? "-"}`).sort();
    expect(lastRuns).toEqual(["111111111111/sales:wr_home", "222222222222/events:-", "222222222222/sales:wr_member"]);
    expect((await memberStore.getWorkflow("sales"))?.LastRun?.WorkflowRunId).toBe("wr_member");
    // A page token of one listing is refused by another (it was signed for its own query).
    const paged = await memberStore.listWorkflows({ maxResults: 1 });
    await expect(homeStore.listWorkflows({ nextToken: paged.nextToken as string })).rejects.toThrow(/nextToken/);
  });

  it("keeps settings, statistics and overdue marks per account", async () => {
    // Prepare
    const { tableName, homeStore, memberStore } = await storesOver();
    await memberStore.putWorkflowSettings("nightly-etl", { runTimeLimitMinutes: 30 });
    const ended = await memberStore.putSnapshot({
      run: run({
        id: SAME_ID,
        status: "COMPLETED",
        startedOn: "2026-12-01T10:00:00.000Z",
        completedOn: "2026-12-01T10:30:00.000Z",
      }),
      observedAt: "2026-12-01T10:30:00.000Z",
      via: "event",
    });
    const running = runId("still-running");
    await homeStore.putSnapshot({ run: run({ id: running }), observedAt: at(1), via: "event" });
    await memberStore.putSnapshot({ run: run({ id: running }), observedAt: at(1), via: "event" });
    const client = local.dynamo.documentClient;
    const homeMarks = createOverdueMarks({ client, tableName });
    const memberMarks = createOverdueMarks({ client, tableName, keys: keysFor(member.keyPrefix) });
    const now = new Date("2026-12-01T11:00:00.000Z");
    const mark = { AnnouncedAt: now.toISOString(), LimitSeconds: 60, LimitSource: "configured" as const };

    // Act
    await memberStore.recordRunStats(ended.transition?.run as TrackedRun);
    const claimed = await memberMarks.claimOverdue("nightly-etl", running, leaseFor("a", now, 60_000), now);
    await memberMarks.commitOverdue("nightly-etl", running, "a", mark);

    // Assess
    expect((await memberStore.getWorkflowSettings("nightly-etl"))?.runTimeLimitMinutes).toBe(30);
    expect((await homeStore.getWorkflowSettings("nightly-etl"))?.runTimeLimitMinutes).toBeUndefined();
    const window = { since: "2026-12-01", until: "2026-12-01" };
    expect((await memberStore.getWorkflowStats("nightly-etl", window)).runs).toBe(1);
    expect((await homeStore.getWorkflowStats("nightly-etl", window)).runs).toBe(0);
    expect(claimed).toBe(true);
    expect(await homeMarks.watchedRuns()).toEqual([]);
    expect((await memberMarks.watchedRuns()).map((w) => w.runId)).toEqual([running]);
    expect((await memberStore.getRun("nightly-etl", running))?.Overdue).toEqual(mark);
    expect((await homeStore.getRun("nightly-etl", running))?.Overdue).toBeUndefined();
  });

  it("serves the home account's data written before accounts existed, under today's keys", async () => {
    // Prepare: a run item as the tracker wrote it before (today's key shape, no account attributes)
    const { tableName, homeStore, memberStore } = await storesOver();
    const plain = createRunStore({
      client: local.dynamo.documentClient,
      tableName,
      paginationSecret: PAGINATION_SECRET,
    });
    await plain.putSnapshot({ run: run({ id: SAME_ID }), observedAt: at(1), via: "event" });

    // Act
    const served = await homeStore.getRun("nightly-etl", SAME_ID);
    const write = await homeStore.putSnapshot({
      run: run({ id: SAME_ID, status: "COMPLETED", completedOn: at(3) }),
      observedAt: at(3),
      via: "event",
    });

    // Assess: the same item, continued; the member account does not see it
    expect(served).toMatchObject({ Status: "RUNNING", AccountId: "111111111111", Region: "us-east-1" });
    expect(write.transition?.previous).toEqual({ status: "RUNNING", outcome: "RUNNING" });
    const { Item } = await local.dynamo.documentClient.send(
      new GetCommand({ TableName: tableName, Key: runKey("nightly-etl", SAME_ID) }),
    );
    expect(Item?.Status).toBe("COMPLETED");
    expect(await memberStore.getRun("nightly-etl", SAME_ID)).toBeUndefined();
  });

  it("never reads a member's item as the home account's, even with a workflow name that looks like a prefix", async () => {
    // Prepare: a home workflow literally named like a member key
    const { tableName, homeStore, memberStore } = await storesOver();
    const tricky = "ACCT#222222222222#eu-west-1#WF#x";
    await homeStore.putWorkflow({ Name: tricky }, at(0));
    await memberStore.putWorkflow({ Name: "x" }, at(0));
    await local.dynamo.documentClient.send(
      new PutCommand({ TableName: tableName, Item: { pk: "unrelated", sk: "item" } }),
    );

    // Act
    const every = await homeStore.listWorkflows({}, { everyAccount: true });

    // Assess: the home one's key is `WF#ACCT#…`, the member's `ACCT#…#WF#x`
    expect(every.items.map((w) => `${w.AccountId}:${w.Name}`).sort()).toEqual([
      "111111111111:ACCT#222222222222#eu-west-1#WF#x",
      "222222222222:x",
    ]);
    expect((await homeStore.listWorkflows()).items.map((w) => w.Name)).toEqual([tricky]);
  });
});
