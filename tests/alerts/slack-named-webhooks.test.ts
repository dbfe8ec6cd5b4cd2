/**
 * Per-workflow Slack webhooks through the alerts function's own wiring: SLACK_WEBHOOK_URL
 * (the default) and SLACK_WEBHOOKS (named) from the environment, each a real HTTP
 * receiver on 127.0.0.1, the workflow's settings in dynalite, the local JSONL sink.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { ObservedVia, type RunStore, Store } from "@glue-run-tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failedDetail } from "../../packages/core/test/resume/fixtures.ts";
import { at, jobNode, run } from "../../packages/core/test/workflow-run/fixtures.ts";
import { createAlertsHandler } from "../../packages/functions/src/alerts/handler.ts";
import { alertsDepsFromEnv } from "../../packages/functions/src/shared/wiring/alerts.ts";
import { JsonlAlertSink } from "../../packages/local/src/sinks/jsonl-sink.ts";
import { startDynamo, type TestDynamo } from "../support/dynamo.ts";
import { lambdaContext, sqsEvent, sqsRecord, trackerEvent } from "./events.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.ts";

const quiet = new Logger({ serviceName: "alerts", logLevel: "SILENT" });
let db: TestDynamo;
let dir: string;
let store: RunStore;
let defaultHook: WebhookReceiver;
let dataTeamHook: WebhookReceiver;

beforeAll(async () => {
  db = await startDynamo();
  dir = await mkdtemp(join(tmpdir(), "named-webhooks-"));
  store = Store.createRunStore({
    client: db.documentClient,
    tableName: db.tableName,
    paginationSecret: "named-webhooks",
  });
  [defaultHook, dataTeamHook] = await Promise.all([startWebhookReceiver(), startWebhookReceiver()]);
});
afterAll(async () => {
  await Promise.all([db.stop(), defaultHook.stop(), dataTeamHook.stop()]);
  await rm(dir, { recursive: true, force: true });
});

/** A failed run of `workflowName`, stored as ingest stores it. */
async function storeFailedRun(workflowName: string): Promise<void> {
  await store.putSnapshot({
    run: run({
      name: workflowName,
      id: "wr_1",
      status: "COMPLETED",
      completedOn: at(12),
      stats: { TotalActions: 1, FailedActions: 1, SucceededActions: 0 },
      graph: {
        Nodes: [{ ...jobNode("load", ["FAILED"], "AnalysisException: no table"), UniqueId: "job-load" }],
        Edges: [],
      },
    }),
    observedAt: at(13),
    via: ObservedVia.Event,
  });
}

async function alertFor(workflowName: string) {
  const warnings: unknown[][] = [];
  const logger = { warn: (...args: unknown[]) => void warnings.push(args) };
  const env = {
    TRACKER_TABLE_NAME: db.tableName,
    DYNAMODB_ENDPOINT: db.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    SLACK_WEBHOOK_URL: defaultHook.url,
    SLACK_WEBHOOKS: JSON.stringify({ "data-team": dataTeamHook.url }),
  };
  const sink = new JsonlAlertSink(join(dir, `${workflowName}.jsonl`));
  const handler = createAlertsHandler(() => alertsDepsFromEnv(env, logger as never, { sink }), quiet);
  const detail = failedDetail({ workflowName, runId: "wr_1" });
  const response = await handler(sqsEvent(sqsRecord(trackerEvent(detail))), lambdaContext);
  return { response, warnings, records: await sink.read() };
}

describe("a workflow's alerts → its named Slack webhook", () => {
  it("goes to the webhook its settings name, not the default one; the sink names it", async () => {
    // Prepare
    await storeFailedRun("sales-nightly");
    await store.putWorkflowSettings("sales-nightly", { slackWebhook: "data-team" });
    const before = defaultHook.requests.length;

    // Act
    const { response, warnings, records } = await alertFor("sales-nightly");

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(dataTeamHook.delivered()).toHaveLength(1);
    expect(JSON.stringify(dataTeamHook.delivered()[0])).toContain("sales-nightly");
    expect(defaultHook.requests.length - before).toBe(0);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.channel, r.webhook])).toEqual([
      ["sns", undefined],
      ["slack", "data-team"],
    ]);
  });

  it("falls back to the default webhook for a name not configured, warning with the workflow and the name only", async () => {
    // Prepare
    await storeFailedRun("finance-daily");
    await store.putWorkflowSettings("finance-daily", { slackWebhook: "finance" });
    const before = dataTeamHook.requests.length;

    // Act
    const { response, warnings, records } = await alertFor("finance-daily");

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(
      defaultHook
        .delivered()
        .map((m) => JSON.stringify(m))
        .filter((m) => m.includes("finance-daily")),
    ).toHaveLength(1);
    expect(dataTeamHook.requests.length - before).toBe(0);
    expect(warnings).toEqual([
      [
        "workflow names a Slack webhook that is not configured in SLACK_WEBHOOKS; using the default one",
        { workflowName: "finance-daily", slackWebhook: "finance" },
      ],
    ]);
    expect(JSON.stringify(warnings)).not.toContain("127.0.0.1");
    expect(records.find((r) => r.channel === "slack")?.webhook).toBe("default");
  });
});
