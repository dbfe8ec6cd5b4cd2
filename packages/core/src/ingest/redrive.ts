/**
 * DLQ redrive: ReceiveMessage from the dead-letter queue → SendMessageBatch to the
 * queue → DeleteMessageBatch of what was sent. A message is deleted only after the
 * queue accepted it, so a failure halfway duplicates at worst (ingest is idempotent)
 * and never loses. Works against AWS and the local SQS endpoint alike.
 */
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { IngestError } from "./errors.ts";

export interface RedriveOptions {
  client: SQSClient;
  /** The dead-letter queue to empty. */
  dlqUrl: string;
  /** The queue to move its messages to. */
  queueUrl: string;
  /** Stop after this many messages (default: until the DLQ answers empty). */
  maxMessages?: number;
  /** How long received messages stay hidden while they are moved (default 60 s). */
  visibilityTimeoutSeconds?: number;
  onMoved?(total: number): void;
}

export interface RedriveReport {
  moved: number;
  /** Messages the queue refused; they stay in the DLQ and reappear after the visibility timeout. */
  failed: number;
}

/**
 * @example
 * const { moved } = await redrive({ client: createSqsClient(), dlqUrl, queueUrl });
 */
export async function redrive(options: RedriveOptions): Promise<RedriveReport> {
  if (options.dlqUrl === options.queueUrl) {
    throw new IngestError("The DLQ and the queue are the same queue; nothing would move", { retryable: false });
  }
  const limit = options.maxMessages ?? Number.POSITIVE_INFINITY;
  const report: RedriveReport = { moved: 0, failed: 0 };
  while (report.moved + report.failed < limit) {
    const received = await options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.dlqUrl,
        MaxNumberOfMessages: Math.min(10, limit - report.moved - report.failed),
        WaitTimeSeconds: 1,
        VisibilityTimeout: options.visibilityTimeoutSeconds ?? 60,
        MessageAttributeNames: ["All"],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) break;
    const sent = await options.client.send(
      new SendMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: messages.map((message, index) => ({
          Id: String(index),
          MessageBody: message.Body ?? "",
          MessageAttributes: message.MessageAttributes,
        })),
      }),
    );
    const accepted = new Set((sent.Successful ?? []).map((entry) => entry.Id));
    const toDelete = messages
      .map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? "" }))
      .filter((entry) => accepted.has(entry.Id));
    if (toDelete.length > 0) {
      await options.client.send(new DeleteMessageBatchCommand({ QueueUrl: options.dlqUrl, Entries: toDelete }));
    }
    report.moved += toDelete.length;
    report.failed += messages.length - toDelete.length;
    options.onMoved?.(report.moved);
    if (toDelete.length === 0) break;
  }
  return report;
}
