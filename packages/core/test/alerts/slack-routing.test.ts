/**
 * Per-workflow Slack webhooks: a workflow's settings.slackWebhook (a NAME from
 * SLACK_WEBHOOKS) picks the webhook its alerts go to; an unknown name falls back to
 * the default webhook with a warning naming the workflow and the name, never a URL.
 */
import { describe, expect, it } from "vitest";
import { createDeliveryLedger } from "../../src/alerts/ledger.ts";
import { type AlertDeps, alertOnResumeFailed, alertOnRunStateChange } from "../../src/alerts/notify.ts";
import { type AlertSinkRecord, createSinkPublisher, createSlackPublisher } from "../../src/alerts/publishers.ts";
import { alertRoute } from "../../src/alerts/slack-routing.ts";
import type { WorkflowSettings } from "../../src/insights/settings.ts";
import { resumePolicyFromEnv } from "../../src/resume/policy.ts";
import { createResumeStore, failedDetail, trackedRun } from "../resume/fixtures.ts";
import { settings } from "./fixtures.ts";

const DEFAULT_URL = "https://hooks.slack.com/services/T0/B0/defaultSecret";
const DATA_TEAM_URL = "https://hooks.slack.com/services/T0/B1/dataTeamSecret";

/** A fetch that answers 200 and records the URLs it was asked to POST to. */
function recordingFetch() {
  const urls: string[] = [];
  const fetcher = (async (url: string | URL | Request) => {
    urls.push(String(url));
    return new Response("ok", { status: 200 });
  }) as typeof fetch;
  return { fetcher, urls };
}

function setup(workflow: WorkflowSettings, slack: { webhookUrl?: string; webhooks?: Record<string, string> }) {
  const { fetcher, urls } = recordingFetch();
  const warnings: { message: string; extra: Record<string, unknown> }[] = [];
  const sink: AlertSinkRecord[] = [];
  const store = createResumeStore([trackedRun(failedDetail())]);
  const deps: AlertDeps = {
    store: { getRun: store.getRun, getWorkflowSettings: async () => workflow },
    policy: resumePolicyFromEnv({}),
    publishers: [
      createSlackPublisher({ ...slack, send: { fetch: fetcher, retries: 0 } }),
      createSinkPublisher({ write: (record) => void sink.push(record) }, "slack"),
    ],
    settings,
    ledger: createDeliveryLedger(),
    slackRouting: {
      webhookNames: Object.keys(slack.webhooks ?? {}),
      warn: (message, extra) => void warnings.push({ message, extra }),
    },
  };
  return { deps, urls, warnings, sink };
}

describe("alertRoute", () => {
  it("takes the workflow's configured webhook, else the default one", () => {
    // Prepare
    const routing = { webhookNames: ["data-team"] };

    // Act
    const routes = [
      alertRoute(routing, "nightly", { slackWebhook: "data-team" }),
      alertRoute(routing, "nightly", {}),
      alertRoute(undefined, "nightly", {}),
    ];

    // Assess
    expect(routes).toEqual([{ slackWebhook: "data-team" }, { slackWebhook: "default" }, { slackWebhook: "default" }]);
  });

  it("falls back to the default webhook for an unknown name, with a warning naming the workflow and the name", () => {
    // Prepare
    const warnings: unknown[] = [];
    const routing = {
      webhookNames: ["data-team"],
      warn: (message: string, extra: unknown) => warnings.push([message, extra]),
    };

    // Act
    const route = alertRoute(routing, "nightly", { slackWebhook: "constructor" });

    // Assess
    expect(route).toEqual({ slackWebhook: "default" });
    expect(warnings).toEqual([
      [
        "workflow names a Slack webhook that is not configured in SLACK_WEBHOOKS; using the default one",
        { workflowName: "nightly", slackWebhook: "constructor" },
      ],
    ]);
  });
});

describe("failure alerts → the workflow's Slack webhook", () => {
  it("posts to the named webhook, not the default one; the sink says which, by name", async () => {
    // Prepare
    const { deps, urls, warnings, sink } = setup(
      { slackWebhook: "data-team" },
      { webhookUrl: DEFAULT_URL, webhooks: { "data-team": DATA_TEAM_URL } },
    );

    // Act
    const result = await alertOnRunStateChange(deps, failedDetail());

    // Assess
    expect(result.status).toBe("sent");
    expect(urls).toEqual([DATA_TEAM_URL]);
    expect(warnings).toEqual([]);
    expect(sink.map((record) => record.webhook)).toEqual(["data-team"]);
  });

  it("posts to the default webhook when the name is not configured, and the warning holds no URL", async () => {
    // Prepare
    const { deps, urls, warnings, sink } = setup(
      { slackWebhook: "finance" },
      { webhookUrl: DEFAULT_URL, webhooks: { "data-team": DATA_TEAM_URL } },
    );

    // Act
    await alertOnRunStateChange(deps, failedDetail());

    // Assess
    expect(urls).toEqual([DEFAULT_URL]);
    expect(warnings.map((w) => w.extra)).toEqual([{ workflowName: "nightly", slackWebhook: "finance" }]);
    expect(JSON.stringify(warnings)).not.toContain("hooks.slack.com");
    expect(sink.map((record) => record.webhook)).toEqual(["default"]);
  });

  it("skips Slack for a workflow with no webhook of its own when no default is configured", async () => {
    // Prepare
    const { deps, urls, sink } = setup({}, { webhooks: { "data-team": DATA_TEAM_URL } });

    // Act
    const result = await alertOnRunStateChange(deps, failedDetail());

    // Assess: the sink (every alert) took it; Slack had nowhere to send it and is not counted
    expect(urls).toEqual([]);
    expect(result.channels).toEqual(["sink:slack"]);
    expect(sink).toHaveLength(1);
  });

  it("routes the resume-failed alert the same way", async () => {
    // Prepare
    const { deps, urls } = setup(
      { slackWebhook: "data-team" },
      { webhookUrl: DEFAULT_URL, webhooks: { "data-team": DATA_TEAM_URL } },
    );
    const store = createResumeStore([trackedRun(failedDetail(), { AutoResume: { Attempts: 1, Decision: "resumed" } })]);
    deps.store = { ...deps.store, getRun: store.getRun };

    // Act
    const result = await alertOnResumeFailed(deps, {
      workflowName: "nightly",
      runId: "wr_1",
      nodeIds: ["job-load"],
      attempt: 1,
      glueError: "EntityNotFoundException: Workflow run wr_1 not found",
    });

    // Assess
    expect(result.status).toBe("sent");
    expect(urls).toEqual([DATA_TEAM_URL]);
  });
});
