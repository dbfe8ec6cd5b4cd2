/**
 * SNS publishing, checked against the SDK command input (no local SNS exists):
 * the alerts handler built from the environment, with no Slack configured.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { ObservedVia, Store } from "@glue-run-tracker/core";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { failedDetail, failedNode } from "../../packages/core/test/resume/fixtures.ts";
import { at, jobNode, run } from "../../packages/core/test/workflow-run/fixtures.ts";
import { createAlertsHandler } from "../../packages/functions/src/alerts/handler.ts";
import { alertsDepsFromEnv } from "../../packages/functions/src/shared/wiring/alerts.ts";
import { startDynamo, type TestDynamo } from "../support/dynamo.ts";
import { lambdaContext, sqsEvent, sqsRecord, trackerEvent } from "./events.ts";

const TOPIC = "arn:aws:sns:eu-west-1:123456789012:glue-run-alerts";
let dynamo: TestDynamo;
let env: Record<string, string>;

beforeAll(async () => {
  dynamo = await startDynamo();
});

// A table per test: it holds the run (the alert is built from the stored run, the event
// only names it) and the delivery ledger, which remembers what was sent.
beforeEach(async () => {
  env = {
    AWS_REGION: "eu-west-1",
    ALERT_TOPIC_ARN: TOPIC,
    TRACKER_TABLE_NAME: await dynamo.createTable(),
    DYNAMODB_ENDPOINT: dynamo.endpoint,
  };
});

/** Records run wr_1 of "nightly" as ingest would: COMPLETED, its "load" job FAILED (or SUCCEEDED) with `error`. */
async function storeRun(outcome: "FAILED" | "SUCCEEDED", error = "AnalysisException: Table not found") {
  const store = Store.createRunStore({
    client: dynamo.documentClient,
    tableName: env.TRACKER_TABLE_NAME as string,
    paginationSecret: "sns-test",
  });
  const failed = outcome === "FAILED" ? 1 : 0;
  await store.putSnapshot({
    run: run({
      name: "nightly",
      id: "wr_1",
      status: "COMPLETED",
      completedOn: at(12),
      stats: { TotalActions: 1, FailedActions: failed, SucceededActions: 1 - failed },
      graph: { Nodes: [{ ...jobNode("load", [outcome], error), UniqueId: "job-load" }], Edges: [] },
    }),
    observedAt: at(13),
    via: ObservedVia.Event,
  });
}

afterAll(async () => {
  await dynamo?.stop();
});

const sns = mockClient(SNSClient);
const quiet = new Logger({ serviceName: "alerts", logLevel: "SILENT" });

afterEach(() => {
  sns.reset();
});

describe("alerts → SNS", () => {
  it("publishes Subject, Message and the filter attributes; without Slack configured, SNS only", async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: "msg-1" });
    const deps = await alertsDepsFromEnv(env);
    const handler = createAlertsHandler(deps, quiet);
    const detail = failedDetail({ failedNodes: [failedNode({ ErrorMessage: "AnalysisException: Table not found" })] });
    await storeRun("FAILED");

    // Act
    const response = await handler(sqsEvent(sqsRecord(trackerEvent(detail))), lambdaContext);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(deps.publishers.map((publisher) => publisher.channel)).toEqual(["sns"]);
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.TopicArn).toBe(TOPIC);
    expect(input?.Subject).toBe("Glue workflow FAILED: nightly");
    expect(input?.MessageAttributes).toEqual({
      workflowName: { DataType: "String", StringValue: "nightly" },
      outcome: { DataType: "String", StringValue: "FAILED" },
      alertKind: { DataType: "String", StringValue: "failure" },
    });
    expect(input?.Message).toContain("Failed nodes (1):\n  - load (JOB) FAILED: AnalysisException: Table not found");
    expect(input?.Message).toContain(
      'Auto-resume: not resumed (the failure is not transient)\n  load failed with an error that is not transient: "AnalysisException: Table not found"',
    );
    expect(input?.Message).toContain(
      "Glue console: https://eu-west-1.console.aws.amazon.com/glue/home?region=eu-west-1#/v2/etl-configuration/workflows/run/nightly?runId=wr_1",
    );
  });

  it("reports the record as failed when SNS refuses it, so SQS retries it", async () => {
    // Prepare
    sns.on(PublishCommand).rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottledException" }));
    await storeRun("FAILED");
    const handler = createAlertsHandler(await alertsDepsFromEnv(env), quiet);

    // Act
    const response = await handler(sqsEvent(sqsRecord(trackerEvent(failedDetail()), "m-9")), lambdaContext);

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "m-9" }] });
  });

  it("sends nothing for a transition that needs no alert", async () => {
    // Prepare
    const handler = createAlertsHandler(await alertsDepsFromEnv(env), quiet);
    const succeeded = failedDetail({ outcome: "SUCCEEDED", failedNodes: [] });
    await storeRun("SUCCEEDED");

    // Act
    const response = await handler(sqsEvent(sqsRecord(trackerEvent(succeeded))), lambdaContext);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});
