/**
 * The redrive's native path: SQS's message-move task. No local part speaks
 * StartMessageMoveTask, so SQS's answers are scripted with aws-sdk-client-mock;
 * the fallback to receive → send → delete runs against the real local endpoint
 * (tests/ingest/commands.test.ts, through the CLI).
 */
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { Ingest } from "@glue-run-tracker/core";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { startAwsEndpoint } from "../../packages/local/src/aws-endpoint/index.ts";
import { LocalSqs } from "../../packages/local/src/queue/index.ts";

const DLQ = "https://sqs.eu-west-1.amazonaws.com/123456789012/tracker-IngestDlq";
const QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/tracker-IngestQueue";
const arn = (url: string) => `arn:aws:sqs:eu-west-1:123456789012:${url.split("/").at(-1)}`;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("nativeRedrive", () => {
  it("starts a message-move task from the DLQ's ARN to the queue's and waits until it completes", async () => {
    // Prepare
    const client = new SQSClient({ region: "eu-west-1" });
    const sqs = mockClient(client);
    cleanups.push(() => sqs.restore());
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: DLQ })
      .resolves({ Attributes: { QueueArn: arn(DLQ) } })
      .on(GetQueueAttributesCommand, { QueueUrl: QUEUE })
      .resolves({ Attributes: { QueueArn: arn(QUEUE) } });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: "task-1" });
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [{ TaskHandle: "task-1", Status: "RUNNING", ApproximateNumberOfMessagesMoved: 4 }] })
      .resolves({ Results: [{ TaskHandle: "task-1", Status: "COMPLETED", ApproximateNumberOfMessagesMoved: 9 }] });
    const progress: number[] = [];

    // Act
    const report = await Ingest.nativeRedrive({
      client,
      dlqUrl: DLQ,
      queueUrl: QUEUE,
      pollIntervalMs: 1,
      onMoved: (n) => progress.push(n),
    });

    // Assess
    expect(report).toEqual({ moved: 9, failed: 0 });
    expect(progress).toEqual([4, 9]);
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]?.args[0].input).toEqual({
      SourceArn: arn(DLQ),
      DestinationArn: arn(QUEUE),
    });
  });

  it("says why when the task fails", async () => {
    // Prepare
    const client = new SQSClient({ region: "eu-west-1" });
    const sqs = mockClient(client);
    cleanups.push(() => sqs.restore());
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: arn(DLQ) } });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: "task-2" });
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [{ TaskHandle: "task-2", Status: "FAILED", FailureReason: "AWS.SimpleQueueService.AccessDenied" }],
    });

    // Act + Assess
    await expect(Ingest.nativeRedrive({ client, dlqUrl: DLQ, queueUrl: QUEUE, pollIntervalMs: 1 })).rejects.toThrow(
      "The message-move task FAILED: AWS.SimpleQueueService.AccessDenied",
    );
  });

  it("answers undefined against the local SQS endpoint (no message-move tasks), so the caller falls back", async () => {
    // Prepare: the real local endpoint
    const local = new LocalSqs({ timeScale: 0.001 });
    const endpoint = await startAwsEndpoint({ sqs: local });
    cleanups.push(() => endpoint.close());
    const dlq = local.createQueue("ingest-dlq");
    const queue = local.createQueue("ingest");
    cleanups.push(async () => {
      await queue.stop();
      await dlq.stop();
    });
    const client = new SQSClient({
      region: "us-east-1",
      endpoint: endpoint.url,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    cleanups.push(() => client.destroy());

    // Act
    const report = await Ingest.nativeRedrive({ client, dlqUrl: dlq.url, queueUrl: queue.url });

    // Assess
    expect(report).toBeUndefined();
  });
});
