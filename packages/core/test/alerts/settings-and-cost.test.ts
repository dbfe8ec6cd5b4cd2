/** Per-workflow settings in alerts (MuteUntil, AutoResume false) and the run's cost in their text. */
import { describe, expect, it } from "vitest";
import { createDeliveryLedger } from "../../src/alerts/ledger.ts";
import { type AlertDeps, alertOnResumeFailed, alertOnRunStateChange } from "../../src/alerts/notify.ts";
import type { AlertPublisher } from "../../src/alerts/publishers.ts";
import { slackMessage } from "../../src/alerts/slack-message.ts";
import { snsMessage } from "../../src/alerts/sns-message.ts";
import { costSentence, formatCost } from "../../src/alerts/text.ts";
import { isRunAlert, type RunAlert } from "../../src/alerts/types.ts";
import { type WorkflowSettings, withDefaults } from "../../src/insights/settings.ts";
import { resumePolicyFromEnv } from "../../src/resume/policy.ts";
import type { TrackedRun } from "../../src/workflow-run/types.ts";
import { createResumeStore, failedDetail, trackedRun } from "../resume/fixtures.ts";
import { failure, recovered, settings } from "./fixtures.ts";

const NOW = new Date("2026-01-01T00:15:00.000Z");
const COST = { DpuSeconds: 36_000, Amount: 4.4, Currency: "USD", Estimated: false };

function recordingPublisher(): AlertPublisher & { alerts: RunAlert[] } {
  const alerts: RunAlert[] = [];
  return { channel: "sns", alerts, publish: async (alert) => void (isRunAlert(alert) && alerts.push(alert)) };
}

function depsWith(run: TrackedRun, workflow: WorkflowSettings, publisher: AlertPublisher): AlertDeps {
  const store = Object.assign(createResumeStore([run]), {
    getWorkflowSettings: async () => withDefaults(workflow),
  });
  return {
    store,
    policy: resumePolicyFromEnv({}),
    publishers: [publisher],
    settings,
    ledger: createDeliveryLedger(),
    now: () => NOW,
  };
}

describe("alerts and the workflow's settings", () => {
  it("sends nothing while the workflow is muted, and alerts again once MuteUntil has passed", async () => {
    // Prepare
    const detail = failedDetail();
    const sns = recordingPublisher();
    const muted = depsWith(trackedRun(detail), { muteUntil: "2026-01-01T01:00:00.000Z" }, sns);
    const over = depsWith(trackedRun(detail), { muteUntil: "2026-01-01T00:00:00.000Z" }, sns);
    // Act
    const whileMuted = await alertOnRunStateChange(muted, detail);
    const after = await alertOnRunStateChange(over, detail);
    // Assess
    expect(whileMuted).toMatchObject({ status: "muted", channels: [] });
    expect(after.status).toBe("sent");
    expect(sns.alerts).toHaveLength(1);
  });

  it("mutes the resume-failed alert too", async () => {
    const detail = failedDetail();
    const sns = recordingPublisher();
    const run = trackedRun(detail, { AutoResume: { Attempts: 1, Decision: "resumed" } });
    const d = depsWith(run, { muteUntil: "2026-02-01T00:00:00.000Z" }, sns);
    const result = await alertOnResumeFailed(d, {
      workflowName: "nightly",
      runId: "wr_1",
      nodeIds: ["job-load"],
      attempt: 1,
      glueError: "EntityNotFoundException",
    });
    expect(result.status).toBe("muted");
    expect(sns.alerts).toEqual([]);
  });

  it("says a transient failure is not resumed when the workflow's AutoResume is false", async () => {
    const detail = failedDetail();
    const sns = recordingPublisher();
    await alertOnRunStateChange(depsWith(trackedRun(detail), { autoResume: false }, sns), detail);
    expect(sns.alerts[0]?.autoResume).toEqual({
      decision: "disabled",
      reason: "Auto-resume is turned off for this workflow (its settings' AutoResume is false).",
    });
  });

  it("carries the stored run's Cost into the alert", async () => {
    const detail = failedDetail();
    const sns = recordingPublisher();
    await alertOnRunStateChange(depsWith(trackedRun(detail, { Cost: COST }), {}, sns), detail);
    expect(sns.alerts[0]?.cost).toEqual(COST);
  });
});

describe("the cost in the alert's text", () => {
  it("formats dollars, other currencies and estimates", () => {
    expect(formatCost(COST)).toBe("$4.40");
    expect(formatCost({ ...COST, Amount: 0.01467 })).toBe("$0.0147");
    expect(formatCost({ ...COST, Amount: 12.5, Currency: "EUR", Estimated: true })).toBe("about 12.50 EUR");
    expect(costSentence(COST, true)).toBe("this failed run cost $4.40 (10.00 DPU-hours)");
  });

  it("says what the failed run cost in Slack and SNS, and nothing when the cost is unknown", () => {
    const alert = { ...failure(), cost: COST };
    const slack = JSON.stringify(slackMessage(alert).blocks);
    expect(slack).toContain("*Cost*\\nthis failed run cost $4.40 (10.00 DPU-hours)");
    expect(snsMessage(alert).Message).toContain("Cost:         this failed run cost $4.40 (10.00 DPU-hours)");
    expect(snsMessage({ ...recovered(), cost: COST }).Message).toContain("Cost:         this run cost $4.40");
    expect(JSON.stringify(slackMessage(failure()).blocks)).not.toContain("Cost");
    expect(snsMessage(failure()).Message).not.toContain("Cost:");
  });
});
