/**
 * Overdue, overdue-ended and missed alerts: what they say on Slack and SNS, once per
 * run or slot, only when the store bears the event out, silent while muted.
 */
import { describe, expect, it } from "vitest";
import { alertOnMissed, alertOnOverdue, type InsightAlertDeps } from "../../src/alerts/insight-notify.ts";
import { createDeliveryLedger } from "../../src/alerts/ledger.ts";
import type { AlertPublisher } from "../../src/alerts/publishers.ts";
import { slackMessage } from "../../src/alerts/slack-message.ts";
import { snsMessage } from "../../src/alerts/sns-message.ts";
import type { Alert } from "../../src/alerts/types.ts";
import type { RunMissedDetail, RunOverdueDetail } from "../../src/events/tracker-events.ts";
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowSettings } from "../../src/insights/settings.ts";
import { resumePolicyFromEnv } from "../../src/resume/policy.ts";
import { useLocalDynamo } from "../store/harness.ts";

const local = useLocalDynamo();
const NOW = new Date("2026-03-10T03:20:00.000Z");
const settings = { alertOnStopped: false, region: "eu-west-1", trackerBaseUrl: "https://tracker.example.com" };

async function setup(workflowSettings: WorkflowSettings = {}) {
  const { store } = await local.freshStore();
  const sent: Alert[] = [];
  const publisher: AlertPublisher = { channel: "recording", publish: async (alert) => void sent.push(alert) };
  const deps: InsightAlertDeps = {
    store,
    policy: resumePolicyFromEnv({}),
    publishers: [publisher],
    settings,
    ledger: createDeliveryLedger(),
    insights: {
      settings: async () => ({ ...DEFAULT_WORKFLOW_SETTINGS, ...workflowSettings }),
      stats: async () => undefined,
    },
    now: () => NOW,
  };
  await store.putSnapshot({
    run: { Name: "nightly", WorkflowRunId: "wr_1", Status: "RUNNING", StartedOn: "2026-03-10T03:00:00.000Z" },
    observedAt: "2026-03-10T03:00:00.000Z",
    via: "event",
  });
  await store.putWorkflow(
    {
      Name: "nightly",
      Graph: {
        Nodes: [
          {
            Type: "TRIGGER",
            Name: "nightly-start",
            TriggerDetails: {
              Trigger: { Name: "nightly-start", Type: "SCHEDULED", State: "ACTIVATED", Schedule: "cron(0 3 * * ? *)" },
            },
          },
        ],
        Edges: [],
      },
    },
    "2026-03-01T00:00:00.000Z",
  );
  return { store, deps, sent };
}

const overdue: RunOverdueDetail = {
  workflowName: "nightly",
  runId: "wr_1",
  startedOn: "2026-03-10T03:00:00.000Z",
  limitSeconds: 900,
  limitSource: "baseline",
  usualSeconds: 600,
  runningSeconds: 1200,
  observedAt: NOW.toISOString(),
};

const missed: RunMissedDetail = {
  workflowName: "nightly",
  triggerName: "nightly-start",
  schedule: "cron(0 3 * * ? *)",
  slot: "2026-03-09T03:00:00.000Z",
  graceMinutes: 15,
  observedAt: NOW.toISOString(),
  lastStartedOn: "2026-03-08T03:00:12.000Z",
};

describe("alertOnOverdue", () => {
  it("alerts once per run with the run link, how long it has run and the usual duration", async () => {
    // Prepare
    const { deps, sent } = await setup();

    // Act
    const results = [await alertOnOverdue(deps, overdue), await alertOnOverdue(deps, overdue)];

    // Assess
    expect(results.map((r) => r.status)).toEqual(["sent", "duplicate"]);
    expect(sent).toHaveLength(1);
    const slack = JSON.stringify(slackMessage(sent[0] as Alert));
    expect(slack).toContain("Glue workflow run overdue (20m 0s): nightly");
    expect(slack).toContain("*Usual duration (p95)*\\n10m 0s");
    expect(slack).toContain("https://tracker.example.com/ui/workflows/nightly/runs/wr_1");
    const sns = snsMessage(sent[0] as Alert);
    expect(sns.Subject).toBe("Glue workflow RUN OVERDUE: nightly");
    expect(sns.Message).toContain("Running for:");
    expect(sns.MessageAttributes.alertKind.StringValue).toBe("overdue");
  });

  it("says 'finished after …' when the overdue run ends, once", async () => {
    // Prepare
    const { store, deps, sent } = await setup();
    await alertOnOverdue(deps, overdue);
    await store.putSnapshot({
      run: {
        Name: "nightly",
        WorkflowRunId: "wr_1",
        Status: "COMPLETED",
        StartedOn: "2026-03-10T03:00:00.000Z",
        CompletedOn: "2026-03-10T03:19:00.000Z",
        Statistics: { TotalActions: 1, SucceededActions: 1 },
      },
      observedAt: "2026-03-10T03:19:00.000Z",
      via: "event",
    });
    const ended = {
      ...overdue,
      ended: { status: "COMPLETED" as const, outcome: "SUCCEEDED" as const, durationSeconds: 1140 },
    };

    // Act
    const results = [await alertOnOverdue(deps, ended), await alertOnOverdue(deps, ended)];

    // Assess
    expect(results.map((r) => r.status)).toEqual(["sent", "duplicate"]);
    expect(sent.map((a) => a.kind)).toEqual(["overdue", "overdue-ended"]);
    expect(snsMessage(sent[1] as Alert).Message).toContain(
      "Overdue Glue workflow run ended SUCCEEDED after 19m 0s: nightly",
    );
  });

  it("ignores what the store does not bear out: a run not past the limit, an end that did not happen, an unknown run", async () => {
    // Prepare
    const { deps, sent } = await setup();

    // Act
    const results = [
      await alertOnOverdue(deps, { ...overdue, limitSeconds: 3600 }),
      await alertOnOverdue(deps, { ...overdue, ended: { status: "COMPLETED", outcome: "SUCCEEDED" } }),
      await alertOnOverdue(deps, { ...overdue, runId: "wr_forged" }),
    ];

    // Assess
    expect(results.map((r) => r.status)).toEqual(["ignored", "ignored", "ignored"]);
    expect(sent).toEqual([]);
  });

  it("is muted until settings.muteUntil", async () => {
    // Prepare
    const { deps, sent } = await setup({ muteUntil: "2026-03-10T04:00:00.000Z" });

    // Act
    const result = await alertOnOverdue(deps, overdue);

    // Assess
    expect(result.status).toBe("muted");
    expect(sent).toEqual([]);
  });
});

describe("alertOnMissed", () => {
  it("alerts once per slot, with the schedule and the workflow's links", async () => {
    // Prepare
    const { deps, sent } = await setup();

    // Act
    const results = [await alertOnMissed(deps, missed), await alertOnMissed(deps, missed)];

    // Assess
    expect(results.map((r) => r.status)).toEqual(["sent", "duplicate"]);
    const slack = JSON.stringify(slackMessage(sent[0] as Alert));
    expect(slack).toContain("Glue workflow run missed: nightly");
    expect(slack).toContain("2026-03-09T03:00:00.000Z (UTC)");
    expect(slack).toContain("https://tracker.example.com/ui/workflows/nightly");
    expect(snsMessage(sent[0] as Alert)).toMatchObject({
      Subject: "Glue workflow RUN MISSED: nightly",
      MessageAttributes: { outcome: { StringValue: "MISSED" }, alertKind: { StringValue: "missed" } },
    });
  });

  it("ignores slots that are not the trigger's, a grace not yet over, another schedule; mutes when muted", async () => {
    // Prepare
    const { deps, sent } = await setup();
    const mutedDeps = (await setup({ muteUntil: "2099-01-01T00:00:00.000Z" })).deps;

    // Act
    const results = [
      await alertOnMissed(deps, { ...missed, slot: "2026-03-09T03:07:00.000Z" }),
      await alertOnMissed(deps, { ...missed, slot: "2026-03-10T03:00:00.000Z", graceMinutes: 30 }),
      await alertOnMissed(deps, { ...missed, schedule: "cron(0 4 * * ? *)", slot: "2026-03-09T04:00:00.000Z" }),
      await alertOnMissed(mutedDeps, missed),
    ];

    // Assess
    expect(results.map((r) => r.status)).toEqual(["ignored", "ignored", "ignored", "muted"]);
    expect(sent).toEqual([]);
  });
});

describe("overdue and missed alerts → the workflow's Slack webhook", () => {
  it("hand the workflow's named webhook to the channels, as run alerts do", async () => {
    // Prepare
    const { deps } = await setup({ slackWebhook: "data-team" });
    const routes: unknown[] = [];
    deps.publishers = [{ channel: "slack", publish: async (alert, route) => void routes.push([alert.kind, route]) }];
    deps.slackRouting = { webhookNames: ["data-team"] };

    // Act
    await alertOnOverdue(deps, overdue);
    await alertOnMissed(deps, missed);

    // Assess
    expect(routes).toEqual([
      ["overdue", { slackWebhook: "data-team" }],
      ["missed", { slackWebhook: "data-team" }],
    ]);
  });
});
