/**
 * The local SQS endpoint through the real SDK client, for the operations the tracker's
 * code sends (packages/local/README.md); anything else is UnknownOperation.
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { createSqsClient } from "@glue-run-tracker/core";
import type { SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AwsEndpoint, startAwsEndpoint } from "../../src/aws-endpoint/index.ts";
import { silentLogger } from "../../src/logger.ts";
import { LocalSqs } from "../../src/queue/index.ts";

let endpoint: AwsEndpoint;
let client: SQSClient;
let sqs: LocalSqs;
let queueUrl: string;

beforeAll(async () => {
  sqs = new LocalSqs({ timeScale: 0.01, logger: silentLogger });
  endpoint = await startAwsEndpoint({ sqs, logger: silentLogger });
  // The handlers' own factory: SQS_ENDPOINT is all they need locally.
  client = createSqsClient({ SQS_ENDPOINT: endpoint.url });
});

let queues = 0;
beforeEach(() => {
  queues += 1;
  queueUrl = sqs.createQueue(`work-${queues}`).url;
});

afterAll(async () => {
  await sqs.stop();
  await endpoint.close();
});

/** The SDK error's identity, as handler code would test it. */
async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return { name: error?.name, code: error?.Code, status: error?.$metadata?.httpStatusCode };
}

describe("queues", () => {
  it("an unknown queue is QueueDoesNotExist (AWS.SimpleQueueService.NonExistentQueue)", async () => {
    // Act
    const result = await failure(
      client.send(new SendMessageCommand({ QueueUrl: `${endpoint.url}/000000000000/nope`, MessageBody: "x" })),
    );

    // Assess
    expect(result).toEqual({ name: "QueueDoesNotExist", code: "AWS.SimpleQueueService.NonExistentQueue", status: 400 });
  });

  it.each([
    ["GetQueueUrl", () => new GetQueueUrlCommand({ QueueName: "work-1" })],
    ["GetQueueAttributes", () => new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] })],
    ["PurgeQueue", () => new PurgeQueueCommand({ QueueUrl: queueUrl })],
  ])("%s, which the tracker does not call, is UnknownOperationException", async (_name, command) => {
    // Act
    const result = await failure(client.send(command() as never));

    // Assess
    expect(result).toMatchObject({ name: "UnknownOperationException", status: 400 });
  });
});

describe("messages", () => {
  it("send and receive with attributes (the SDK checks the MD5s)", async () => {
    // Prepare
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: '{"runId":"wr_1"}',
        MessageAttributes: {
          kind: { DataType: "String", StringValue: "recheck" },
          blob: { DataType: "Binary", BinaryValue: Uint8Array.from([1, 2, 3]) },
        },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-abc" } },
      }),
    );

    // Act
    const output = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
        MaxNumberOfMessages: 10,
      }),
    );

    // Assess
    const [message] = output.Messages ?? [];
    expect(message?.Body).toBe('{"runId":"wr_1"}');
    expect(message?.MessageAttributes?.kind).toEqual({ DataType: "String", StringValue: "recheck" });
    expect(message?.MessageAttributes?.blob?.BinaryValue).toEqual(Uint8Array.from([1, 2, 3]));
    expect(message?.Attributes).toMatchObject({ ApproximateReceiveCount: "1", AWSTraceHeader: "Root=1-abc" });
  });

  it("returns no Messages when the queue is empty, and only requested attributes otherwise", async () => {
    // Prepare
    const empty = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: "x",
        MessageAttributes: { a: { DataType: "Number", StringValue: "1" } },
      }),
    );

    // Act
    const output = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(empty.Messages).toBeUndefined();
    expect(output.Messages?.[0]).not.toHaveProperty("MessageAttributes");
    expect(output.Messages?.[0]).not.toHaveProperty("Attributes");
  });

  it("DelaySeconds holds the message back (a re-check's delay)", async () => {
    // Act
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "later", DelaySeconds: 900 }));
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(received.Messages).toBeUndefined();
    expect(sqs.getQueueByUrl(queueUrl).counts()).toEqual({ visible: 0, notVisible: 0, delayed: 1 });
  });

  it("long-polls: WaitTimeSeconds waits for a message that is not visible yet", async () => {
    // Prepare: a real-time queue, so the 1 s delay cannot lapse between the two receives.
    const realTime = new LocalSqs({ logger: silentLogger });
    const waited = realTime.createQueue("real-time");
    const local = await startAwsEndpoint({ sqs: realTime, logger: silentLogger });
    const localClient = createSqsClient({ SQS_ENDPOINT: local.url });
    waited.send("late", { delaySeconds: 1 });

    // Act
    const immediate = await localClient.send(new ReceiveMessageCommand({ QueueUrl: waited.url }));
    const polled = await localClient.send(new ReceiveMessageCommand({ QueueUrl: waited.url, WaitTimeSeconds: 20 }));
    await local.close();

    // Assess
    expect(immediate.Messages).toBeUndefined();
    expect(polled.Messages?.map((message) => message.Body)).toEqual(["late"]);
  });

  it("batch delete, with an invalid receipt handle failing alone", async () => {
    // Prepare
    await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: ["a", "b", "c"].map((body) => ({ Id: body, MessageBody: body })),
      }),
    );
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );

    // Act
    const batch = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          ...Messages.map((message, index) => ({ Id: `m${index}`, ReceiptHandle: message.ReceiptHandle })),
          { Id: "bad", ReceiptHandle: "not-a-handle" },
        ],
      }),
    );

    // Assess
    expect(Messages).toHaveLength(3);
    expect(batch.Successful?.map((entry) => entry.Id)).toEqual(["m0", "m1", "m2"]);
    expect(batch.Failed).toEqual([
      expect.objectContaining({ Id: "bad", SenderFault: true, Code: "ReceiptHandleIsInvalid" }),
    ]);
    expect(sqs.getQueueByUrl(queueUrl).counts()).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it("ChangeMessageVisibility to 0 makes a message receivable again", async () => {
    // Prepare
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "x" }));
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 600 }));

    // Act
    await client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: received.Messages?.[0]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const again = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
    );

    // Assess
    expect(again.Messages?.[0]?.Attributes).toEqual({ ApproximateReceiveCount: "2" });
  });
});

describe("what SQS refuses, as the SDK sees it", () => {
  it.each([
    [
      "DelaySeconds over 900",
      () => new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "x", DelaySeconds: 901 }),
      "InvalidParameterValue",
    ],
    ["an empty body", () => new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "" }), "MissingParameter"],
    ["no QueueUrl", () => new SendMessageCommand({ MessageBody: "x" } as never), "MissingParameter"],
    [
      "a control character",
      () => new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "\u0000" }),
      "InvalidMessageContents",
    ],
    ["an empty batch", () => new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [] }), "EmptyBatchRequest"],
    [
      "eleven entries",
      () =>
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: "x" })),
        }),
      "TooManyEntriesInBatchRequest",
    ],
    [
      "repeated ids",
      () =>
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: [
            { Id: "a", MessageBody: "x" },
            { Id: "a", MessageBody: "y" },
          ],
        }),
      "BatchEntryIdsNotDistinct",
    ],
    [
      "a bad id",
      () => new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [{ Id: "a b", MessageBody: "x" }] }),
      "InvalidBatchEntryId",
    ],
    [
      "MaxNumberOfMessages 11",
      () => new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 }),
      "InvalidParameterValue",
    ],
    [
      "a visibility timeout over 12 hours",
      () => new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: "x", VisibilityTimeout: 43_201 }),
      "InvalidParameterValue",
    ],
  ])("%s → %s", async (_name, command, expected) => {
    // Act
    const result = await failure(client.send(command() as never));

    // Assess
    expect(result.name).toBe(expected);
    expect(result.status).toBe(400);
  });

  it("a bad entry in SendMessageBatch fails alone", async () => {
    // Act
    const output = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: "ok", MessageBody: "x" },
          { Id: "late", MessageBody: "y", DelaySeconds: 901 },
        ],
      }),
    );

    // Assess
    expect(output.Successful?.map((entry) => entry.Id)).toEqual(["ok"]);
    expect(output.Failed).toEqual([
      expect.objectContaining({ Id: "late", Code: "InvalidParameterValue", SenderFault: true }),
    ]);
  });
});

describe("the SDK and a Lambda-like consumer share the queue", () => {
  it("messages sent through the endpoint reach the consumer as an SQS event", async () => {
    // Prepare
    // The longest visibility timeout (432 s × 0.01) keeps a slow machine from redelivering.
    const queue = sqs.createQueue("consumed", { visibilityTimeoutSeconds: 43_200 });
    const events: SQSEvent[] = [];
    queue.consume((event) => {
      events.push(event);
    });

    // Act
    await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "from-handler", DelaySeconds: 10 }));
    await queue.idle();

    // Assess
    expect(events.flatMap((event) => event.Records.map((record) => record.body))).toEqual(["from-handler"]);
    expect(queue.stats()).toMatchObject({ sent: 1, deleted: 1 });
  });
});
