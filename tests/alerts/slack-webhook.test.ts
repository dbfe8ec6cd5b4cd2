/**
 * The alerts function against a real HTTP webhook receiver on 127.0.0.1: the Block
 * Kit payload field by field, escaping, truncation, 429 handling, and Slack down →
 * retried, then the message in the DLQ (the local SQS queue), never dropped.
 */
import { Alerts, Resume } from "@glue-run-tracker/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createResumeStore, failedDetail, failedNode, trackedRun } from "../../packages/core/test/resume/fixtures.ts";
import { createAlertsHandler } from "../../packages/functions/src/alerts/handler.ts";
import { LocalQueue } from "../../packages/local/src/queue/local-queue.ts";
import { lambdaContext, sqsEvent, sqsRecord, trackerEvent } from "./events.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.ts";

const settings: Alerts.AlertSettings = {
  alertOnStopped: false,
  region: "eu-west-1",
  trackerBaseUrl: "https://tracker.example.com",
};

let receiver: WebhookReceiver;
let output: string[];

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  output = [];
  const capture = (chunk: unknown) => {
    output.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await receiver.stop();
});

/** The alerts path reads the run from the store (the event only names it): the store holds `runs`. */
function handlerFor(send: Alerts.SendSlackOptions = {}, runs = [trackedRun(failedDetail())]) {
  return createAlertsHandler({
    store: createResumeStore(runs),
    policy: Resume.resumePolicyFromEnv({}),
    publishers: [Alerts.createSlackPublisher({ webhookUrl: receiver.url, send: { baseDelayMs: 1, ...send } })],
    settings,
    ledger: Alerts.createDeliveryLedger(),
  });
}

describe("alerts → Slack incoming webhook", () => {
  it("posts the Block Kit message, field by field", async () => {
    // Prepare
    const handler = handlerFor();
    const record = sqsRecord(trackerEvent(failedDetail()));

    // Act
    const response = await handler(sqsEvent(record), lambdaContext);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(receiver.secretPath);
    expect(request?.headers["content-type"]).toBe("application/json");
    const message = receiver.delivered()[0] as Alerts.SlackPayload;
    expect(message.text).toBe(
      "Glue workflow nightly run wr_1 FAILED. 1 failed node. Auto-resume: resuming (attempt 1 of 2, in 120 s).",
    );
    expect(message.blocks.map((block) => block.type)).toEqual([
      "header",
      "section",
      "section",
      "section",
      "context",
      "actions",
    ]);
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "🚨 Glue workflow FAILED: nightly", emoji: true },
    });
    expect(message.blocks[1]).toEqual({
      type: "section",
      fields: [
        { type: "mrkdwn", text: "*Workflow*\nnightly" },
        { type: "mrkdwn", text: "*Run ID*\nwr_1" },
        { type: "mrkdwn", text: "*Outcome*\nFAILED (Glue status COMPLETED)" },
        { type: "mrkdwn", text: "*Duration*\n12m 5s" },
        { type: "mrkdwn", text: "*Failed actions*\n1 of 3" },
      ],
    });
    expect(message.blocks[2]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "*Failed nodes (1)*\n• *load* (job) — FAILED: ThrottlingException: Rate exceeded" },
    });
    expect(message.blocks[3]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "*Auto-resume:* resuming (attempt 1 of 2, in 120 s)\nEvery failed node (1) failed with a transient error; resume attempt 1 of 2 in 120 s.",
      },
    });
    expect(message.blocks[4]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "Started 2026-01-01T00:00:00.000Z · Completed 2026-01-01T00:12:05.000Z" }],
    });
    expect(message.blocks[5]).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "View run in tracker", emoji: true },
          url: "https://tracker.example.com/ui/workflows/nightly/runs/wr_1",
          action_id: "tracker-run",
        },
        {
          type: "button",
          text: { type: "plain_text", text: "Open in Glue console", emoji: true },
          url: "https://eu-west-1.console.aws.amazon.com/glue/home?region=eu-west-1#/v2/etl-configuration/workflows/run/nightly?runId=wr_1",
          action_id: "glue-console",
        },
      ],
    });
  });

  it("escapes <script>& and cuts a 30-node failure at 3000 characters, counting the rest", async () => {
    // Prepare
    const nodes = Array.from({ length: 30 }, (_, index) =>
      failedNode({
        NodeId: `job-${index}`,
        Name: `load_${index}`,
        ErrorMessage: `<script>alert(${index})</script>& Table not found: ${"sales.orders_".repeat(12)}`,
      }),
    );
    const handler = handlerFor({}, [trackedRun(failedDetail({ failedNodes: nodes }))]);

    // Act
    await handler(sqsEvent(sqsRecord(trackerEvent(failedDetail({ failedNodes: nodes })))), lambdaContext);

    // Assess
    const message = receiver.delivered()[0] as Alerts.SlackPayload;
    const section = message.blocks[2] as { text: { text: string } };
    const lines = section.text.text.split("\n");
    const listed = lines.filter((line) => line.startsWith("• "));
    expect(section.text.text.length).toBeLessThanOrEqual(3000);
    expect(lines[0]).toBe("*Failed nodes (30)*");
    expect(listed[0]).toBe(
      `• *load_0* (job) — FAILED: &lt;script&gt;alert(0)&lt;/script&gt;&amp; Table not found: ${"sales.orders_".repeat(12)}`,
    );
    expect(lines.at(-1)).toBe(`… and ${30 - listed.length} more failed nodes`);
    expect(listed.length).toBeLessThan(30);
    expect(receiver.requests[0]?.body).not.toMatch(/<script>|<\/script>/);
    const resume = message.blocks[3] as { text: { text: string } };
    expect(
      resume.text.text.startsWith(
        "*Auto-resume:* not resumed (the failure is not transient)\n" +
          'load_0 failed with an error that is not transient (and 29 more node(s)): "&lt;script&gt;alert(0)&lt;/script&gt;&amp; Table not found: ',
      ),
    ).toBe(true);
  });

  it("waits for Retry-After on 429, then delivers exactly one message", async () => {
    // Prepare
    receiver.script([{ status: 429, headers: { "retry-after": "0" }, body: "rate_limited" }]);
    const handler = handlerFor();

    // Act
    const response = await handler(sqsEvent(sqsRecord(trackerEvent(failedDetail()))), lambdaContext);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.delivered()).toHaveLength(1);
  });

  it("when Slack is down, retries, fails the batch item, and the queue moves the message to the DLQ", async () => {
    // Prepare
    receiver.always({ status: 503, body: "service unavailable" });
    const handler = handlerFor({ retries: 2 });
    const dlq = new LocalQueue({ name: "alerts-dlq", timeScale: 0.001 });
    const queue = new LocalQueue({
      name: "alerts",
      visibilityTimeoutSeconds: 1,
      deadLetterQueue: { queue: dlq, maxReceiveCount: 2 },
      timeScale: 0.001,
    });
    const body = JSON.stringify(trackerEvent(failedDetail()));

    // Act
    const direct = await handler(sqsEvent(sqsRecord(body, "m-1")), lambdaContext);
    queue.consume(handler, { batchSize: 1, maxConcurrency: 1 });
    queue.send(body);
    await queue.idle({ timeoutMs: 10_000 });
    await queue.stop();

    // Assess
    expect(direct).toEqual({ batchItemFailures: [{ itemIdentifier: "m-1" }] });
    expect(receiver.requests).toHaveLength(3 * 3); // 3 deliveries (direct + 2 receives) × 3 attempts each
    expect(receiver.delivered()).toHaveLength(0);
    expect(queue.stats()).toMatchObject({ received: 2, deleted: 0, deadLettered: 1 });
    const [deadLetter] = await dlq.receive({ maxNumberOfMessages: 10 });
    expect(deadLetter?.body).toBe(body);
  });

  it("never writes the webhook URL to the logs, even when delivery fails", async () => {
    // Prepare
    receiver.always({ status: 500, body: `error at ${receiver.url}` });
    const handler = handlerFor({ retries: 1 });

    // Act
    await handler(sqsEvent(sqsRecord(trackerEvent(failedDetail()))), lambdaContext);

    // Assess
    const logs = output.join("");
    expect(logs).toContain("alert not delivered; the message will be retried");
    expect(logs).toContain("[redacted]");
    expect(logs).not.toContain(receiver.secretPath);
    expect(logs).not.toContain("s3cr3tW3bh00kT0k3n");
  });

  it("refuses to follow a redirect: the message is not re-sent elsewhere (issue 12, point 9)", async () => {
    // Prepare: the webhook answers 302 to another server
    const elsewhere = await startWebhookReceiver();
    receiver.script([{ status: 302, headers: { location: elsewhere.url } }]);
    const handler = handlerFor({ retries: 2 });

    // Act
    const response = await handler(sqsEvent(sqsRecord(trackerEvent(failedDetail()), "m-1")), lambdaContext);
    await elsewhere.stop();

    // Assess: not delivered, not retried (a redirect is not transient), nothing sent to the other server
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "m-1" }] });
    expect(receiver.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
    expect(output.join("")).toContain("redirect");
    expect(output.join("")).not.toContain(receiver.secretPath);
  });
});
