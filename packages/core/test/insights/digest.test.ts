/**
 * The digest's content for a seeded history (real store on dynalite): per workflow
 * runs, failures, auto-resumes, overdue and missed, slowest run, vs the day before;
 * only workflows with activity; one message per channel, once per period.
 */
import { describe, expect, it } from "vitest";
import { createAccountRegistry } from "../../src/accounts/registry.ts";
import { AlertDeliveryError } from "../../src/alerts/errors.ts";
import { createDeliveryLedger } from "../../src/alerts/ledger.ts";
import {
  AlertChannel,
  type AlertPublisher,
  type AlertSinkRecord,
  createSinkPublisher,
} from "../../src/alerts/publishers.ts";
import { buildDigest } from "../../src/insights/digest/compute.ts";
import { digestPeriods } from "../../src/insights/digest/period.ts";
import { digestSlackMessage, digestSnsMessage } from "../../src/insights/digest/render.ts";
import { sendDigest } from "../../src/insights/digest/send.ts";
import { createRunStore } from "../../src/store/dynamo-run-store.ts";
import { keysFor } from "../../src/store/keys.ts";
import { leaseFor } from "../../src/store/lease.ts";
import { createOverdueMarks } from "../../src/store/overdue-marks.ts";
import type { RunStore } from "../../src/store/run-store.ts";
import { PAGINATION_SECRET, useLocalDynamo } from "../store/harness.ts";

const local = useLocalDynamo();
const NOW = new Date("2026-03-10T09:00:00.000Z");
const SCHEDULE = { timeZone: "UTC", hour: 8 };

async function finished(
  store: RunStore,
  name: string,
  runId: string,
  started: string,
  seconds: number,
  failed = false,
) {
  const completed = new Date(Date.parse(started) + seconds * 1000).toISOString();
  await store.putSnapshot({
    run: {
      Name: name,
      WorkflowRunId: runId,
      Status: "COMPLETED",
      StartedOn: started,
      CompletedOn: completed,
      Statistics: failed ? { TotalActions: 1, FailedActions: 1 } : { TotalActions: 1, SucceededActions: 1 },
      ...(failed
        ? {
            Graph: {
              Nodes: [
                {
                  Type: "JOB" as const,
                  Name: "load",
                  UniqueId: "n1",
                  JobDetails: { JobRuns: [{ Id: "jr_1", JobRunState: "FAILED" as const, ErrorMessage: "boom" }] },
                },
              ],
            },
          }
        : {}),
    },
    observedAt: completed,
    via: "event",
  });
}

async function seed() {
  const { store, tableName } = await local.freshStore();
  const marks = createOverdueMarks({ client: local.dynamo.documentClient, tableName });
  // nightly: 3 runs today (one failed and auto-resumed, one overdue, the slowest 5 min), 1 yesterday, 1 missed slot today
  await store.putWorkflow({ Name: "nightly" }, "2026-03-01T00:00:00.000Z");
  await finished(store, "nightly", "wr_a", "2026-03-09T10:00:00.000Z", 100);
  await finished(store, "nightly", "wr_b", "2026-03-09T20:00:00.000Z", 300);
  await finished(store, "nightly", "wr_c", "2026-03-10T02:00:00.000Z", 60, true);
  await finished(store, "nightly", "wr_old", "2026-03-08T20:00:00.000Z", 90);
  await store.claimResumeAttempt("nightly", "wr_c", { Attempts: 1, Decision: "resumed", Reason: "transient" });
  await store.putSnapshot({
    run: { Name: "nightly", WorkflowRunId: "wr_late", Status: "RUNNING", StartedOn: "2026-03-10T07:00:00.000Z" },
    observedAt: "2026-03-10T07:00:00.000Z",
    via: "event",
  });
  const lease = leaseFor("test", NOW, 60_000);
  await marks.claimOverdue("nightly", "wr_late", lease, NOW);
  await marks.commitOverdue("nightly", "wr_late", "test", {
    AnnouncedAt: "2026-03-10T07:40:00.000Z",
    LimitSeconds: 1800,
    LimitSource: "configured",
  });
  await marks.claimMissedSlot("nightly", "2026-03-10T03:00:00.000Z", "nightly-start", lease, NOW);
  await marks.commitMissedSlot("nightly", "2026-03-10T03:00:00.000Z", "nightly-start", "test", NOW.toISOString());
  // quiet: ran only yesterday → not in today's digest
  await store.putWorkflow({ Name: "quiet" }, "2026-03-01T00:00:00.000Z");
  await finished(store, "quiet", "wr_q", "2026-03-08T12:00:00.000Z", 30);
  return { store, marks };
}

describe("daily digest", () => {
  it("sums each active workflow's day, compared with the day before", async () => {
    // Prepare
    const deps = await seed();

    // Act
    const digest = await buildDigest(deps, { ...digestPeriods(NOW, SCHEDULE), timeZone: "UTC" });

    // Assess
    expect(digest.current).toMatchObject({ start: "2026-03-09T08:00:00.000Z", end: "2026-03-10T08:00:00.000Z" });
    expect(digest.workflows.map((w) => w.workflowName)).toEqual(["nightly"]);
    const [nightly] = digest.workflows;
    expect(nightly?.current).toEqual({
      runs: 4,
      succeeded: 2,
      failed: 1,
      stopped: 0,
      running: 1,
      autoResumes: 1,
      overdue: 1,
      missed: 1,
      // The seeded graphs name no capacity: their cost is an estimate of nothing.
      cost: { amount: 0, currency: "USD", estimated: true },
    });
    expect(nightly?.previous).toMatchObject({ runs: 1, succeeded: 1, failed: 0, missed: 0 });
    expect(nightly?.slowest).toEqual({ runId: "wr_b", seconds: 300, outcome: "SUCCEEDED" });
  });

  it("renders one phone-sized message: totals, then two lines per workflow", async () => {
    // Prepare
    const deps = await seed();
    const digest = await buildDigest(deps, { ...digestPeriods(NOW, SCHEDULE), timeZone: "UTC" });

    // Act
    const slack = digestSlackMessage(digest);
    const sns = digestSnsMessage(digest);

    // Assess
    expect(slack.blocks[0]).toMatchObject({ type: "header", text: { text: "📊 Glue daily digest · 2026-03-10" } });
    expect(JSON.stringify(slack.blocks)).toContain(
      "*nightly*\\n4 runs (+3) · 1 failed (+1) · 1 auto-resumed (+1) · 1 overdue (+1) · 1 missed (+1) · 1 still running · cost ~0.00 USD\\nslowest 5m 0s (run wr_b, SUCCEEDED)",
    );
    expect(sns.Subject).toBe("Glue digest 2026-03-10: 4 runs, 1 failed, 1 overdue, 1 missed");
    expect(sns.Message.split("\n").every((line) => line.length <= 160)).toBe(true);
    expect(sns.Message).not.toContain("quiet");
  });

  it("each channel takes a period's digest once, however often it is sent", async () => {
    // Prepare
    const deps = await seed();
    const sent: string[] = [];
    const publisher: AlertPublisher = {
      channel: "recording",
      publish: async (alert) => void (alert.kind === "digest" && sent.push(alert.digest.current.end)),
    };
    const send = { ...deps, publishers: [publisher], ledger: createDeliveryLedger(), now: () => NOW };

    // Act
    const first = await sendDigest(send, SCHEDULE);
    const second = await sendDigest(send, SCHEDULE);

    // Assess
    expect([first.channels, second.channels]).toEqual([["recording"], []]);
    expect(sent).toEqual(["2026-03-10T08:00:00.000Z"]);
  });

  it("goes out through the alert publishers, as they render it; a retry sends only to the channel that failed", async () => {
    // Prepare
    const deps = await seed();
    const sink: AlertSinkRecord[] = [];
    const local = { write: (record: AlertSinkRecord) => void sink.push(record) };
    let down = true;
    const flaky: AlertPublisher = {
      channel: "flaky",
      publish: async () => {
        if (down) throw new Error("flaky is down");
      },
    };
    const publishers = [createSinkPublisher(local, AlertChannel.Sns), createSinkPublisher(local, AlertChannel.Slack)];
    const send = { ...deps, publishers: [...publishers, flaky], ledger: createDeliveryLedger(), now: () => NOW };

    // Act
    const first = sendDigest(send, SCHEDULE);
    await expect(first).rejects.toThrow(AlertDeliveryError);
    await expect(first).rejects.toThrow(/flaky: flaky is down/);
    down = false;
    const retry = await sendDigest(send, SCHEDULE);

    // Assess
    expect(retry.channels).toEqual(["flaky"]);
    expect(sink).toEqual([
      { channel: "sns", payload: digestSnsMessage(retry.digest) },
      { channel: "slack", payload: digestSlackMessage(retry.digest), webhook: "default" },
    ]);
  });

  it("covers every tracked account, naming where each workflow lives (docs/decisions/accounts-flows.md)", async () => {
    // Prepare: the same workflow name in two accounts of one table
    const accounts = createAccountRegistry({ accountId: "111111111111", region: "us-east-1" }, [
      { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" },
    ]);
    const tableName = await local.dynamo.createTable();
    const client = local.dynamo.documentClient;
    const forAccount = (account: (typeof accounts.all)[number]) => ({
      store: createRunStore({ client, tableName, paginationSecret: PAGINATION_SECRET, account, home: accounts.home }),
      marks: createOverdueMarks({ client, tableName, keys: keysFor(account.keyPrefix) }),
    });
    const [home, member] = accounts.all.map(forAccount);
    if (!home || !member) throw new Error("two accounts expected");
    await home.store.putWorkflow({ Name: "nightly" }, "2026-03-01T00:00:00.000Z");
    await member.store.putWorkflow({ Name: "nightly" }, "2026-03-01T00:00:00.000Z");
    await finished(home.store, "nightly", "wr_same", "2026-03-09T10:00:00.000Z", 100);
    await finished(member.store, "nightly", "wr_same", "2026-03-09T11:00:00.000Z", 200, true);
    await finished(member.store, "nightly", "wr_other", "2026-03-09T12:00:00.000Z", 50);

    // Act
    const digest = await buildDigest(
      { ...home, accounts: { registry: accounts, of: forAccount } },
      { ...digestPeriods(NOW, SCHEDULE), timeZone: "UTC" },
    );

    // Assess
    expect(digest.workflows.map((w) => [w.workflowName, w.account, w.current.runs, w.current.failed])).toEqual([
      ["nightly", "analytics (222222222222, eu-west-1)", 2, 1],
      ["nightly", "111111111111, us-east-1", 1, 0],
    ]);
    expect(digest.totals.current).toMatchObject({ runs: 3, failed: 1 });
    expect(digestSnsMessage(digest).Message).toContain("nightly — analytics (222222222222, eu-west-1)");
  });
});
