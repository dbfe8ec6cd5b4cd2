/**
 * A bad AUTO_RESUME_* setting must not stop failure alerts: the alerts function
 * starts (its init skips the resume settings), delivers, and the alert says the
 * run was not resumed because of configuration. Real parts: dynalite, the alerts
 * handler and its env-based dependencies, the local JSONL sink.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { ConfigError, ObservedVia, Store } from "@glue-run-tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failedDetail } from "../../packages/core/test/resume/fixtures.ts";
import { at, jobNode, run } from "../../packages/core/test/workflow-run/fixtures.ts";
import { createAlertsHandler } from "../../packages/functions/src/alerts/handler.ts";
import { checkStartupConfig } from "../../packages/functions/src/shared/startup.ts";
import { alertsDepsFromEnv, slackWebhookUrl } from "../../packages/functions/src/shared/wiring/alerts.ts";
import { JsonlAlertSink } from "../../packages/local/src/sinks/jsonl-sink.ts";
import { lambdaContext, sqsEvent, sqsRecord, trackerEvent } from "../alerts/events.ts";
import { startDynamo, type TestDynamo } from "../support/dynamo.ts";

const quiet = new Logger({ serviceName: "alerts", logLevel: "SILENT" });
let db: TestDynamo;
let dir: string;

beforeAll(async () => {
  db = await startDynamo();
  dir = await mkdtemp(join(tmpdir(), "alerts-config-"));
});
afterAll(async () => {
  await db.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("alerts with an invalid auto-resume setting", () => {
  it.each([
    ["AUTO_RESUME_MAX_ATTEMPTS", "-1"],
    ["AUTO_RESUME_ENABLED", "maybe"],
    ["AUTO_RESUME_TRANSIENT_PATTERNS", "(unclosed"],
  ])("%s=%s: the alert goes out and says it did not resume because of configuration", async (name, value) => {
    // Prepare
    const env = {
      TRACKER_TABLE_NAME: db.tableName,
      DYNAMODB_ENDPOINT: db.endpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      [name]: value,
    };
    // Alerts are built from the stored run, not the event (docs/decisions/security-resume-reads-store.md).
    const runId = `wr_${name}`;
    await Store.createRunStore({
      client: db.documentClient,
      tableName: db.tableName,
      paginationSecret: "alerts-config-test",
    }).putSnapshot({
      run: run({
        name: "nightly",
        id: runId,
        status: "COMPLETED",
        completedOn: at(12),
        stats: { TotalActions: 1, FailedActions: 1, SucceededActions: 0 },
        graph: {
          Nodes: [{ ...jobNode("load", ["FAILED"], "ThrottlingException: Rate exceeded"), UniqueId: "job-load" }],
          Edges: [],
        },
      }),
      observedAt: at(13),
      via: ObservedVia.Event,
    });
    const sink = new JsonlAlertSink(join(dir, `${name}.jsonl`));
    const handler = createAlertsHandler(() => alertsDepsFromEnv(env, quiet, { sink }), quiet);

    // Act
    const response = await handler(sqsEvent(sqsRecord(trackerEvent(failedDetail({ runId })))), lambdaContext);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const [sns] = await sink.read();
    const text = JSON.stringify(sns?.payload);
    expect(text).toContain("Not resumed because of configuration: Invalid ");
    expect(text).toContain(name);
  });

  it("the alerts function's init does not refuse the resume settings; the resume function's does", () => {
    // Prepare
    const env = {
      AUTO_RESUME_MAX_ATTEMPTS: "three",
      AWS_LAMBDA_FUNCTION_NAME: "x",
      TRACKER_TABLE_NAME: "t-table",
      RESUME_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/123456789012/resume",
    };

    // Act + Assess
    expect(() => checkStartupConfig(env, "alerts")).not.toThrow();
    expect(() => checkStartupConfig(env, "resume")).toThrow(
      'Invalid AUTO_RESUME_MAX_ATTEMPTS: expected a whole number ≥ 0, got "three"',
    );
  });
});

describe("the Slack webhook URL", () => {
  it("must be Slack's (https://hooks.slack.com/…): another host fails the start, its path not shown", async () => {
    // Act
    const failure = await slackWebhookUrl({
      SLACK_WEBHOOK_URL: "https://hooks.slack.example/services/T0/B0/key",
    }).catch((error: unknown) => error as Error);

    // Assess
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe(
      'Invalid SLACK_WEBHOOK_URL: expected a Slack incoming-webhook URL (https://hooks.slack.com/…), got "https://hooks.slack.example/…" (path hidden)',
    );
  });
});
