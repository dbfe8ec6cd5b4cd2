/**
 * The two SQS calls a consumer makes about a failed record: SendMessage of a poison
 * record to its DLQ, and ChangeMessageVisibility for a short backoff.
 */
import {
  ChangeMessageVisibilityCommand,
  type MessageAttributeValue,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { ConfigName, createSqsClient, type Env, queueUrlFromArn } from "@glue-run-tracker/core";
import type { SQSRecord } from "aws-lambda";

export interface RecordQueue {
  /** The consuming function's DLQ (ConfigName.DeadLetterQueueUrl); unset = no early dead-lettering. */
  deadLetterQueueUrl?: string;
  send(command: SendMessageCommand): Promise<unknown>;
  changeVisibility(record: SQSRecord, seconds: number): Promise<void>;
}

/**
 * @example
 * const queue = recordQueueFromEnv(process.env); // DEAD_LETTER_QUEUE_URL, SQS_ENDPOINT
 */
export function recordQueueFromEnv(env: Env, client: SQSClient = createSqsClient(env)): RecordQueue {
  const deadLetterQueueUrl = env[ConfigName.DeadLetterQueueUrl] || undefined;
  return {
    deadLetterQueueUrl,
    send: (command) => client.send(command),
    async changeVisibility(record, seconds) {
      await client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrlFromArn(record.eventSourceARN, env),
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    },
  };
}

/** Why a record was dead-lettered early, kept with it for the operator (SQS allows 10 attributes). */
export const DeadLetterAttribute = {
  Error: "TrackerError",
  SourceQueueArn: "TrackerSourceQueueArn",
  ReceiveCount: "TrackerReceiveCount",
} as const;

/** Sends the record's body and attributes to the DLQ, with why it is there. */
export async function sendToDeadLetterQueue(queue: RecordQueue, record: SQSRecord, error: unknown): Promise<void> {
  if (!queue.deadLetterQueueUrl) throw new Error(`${ConfigName.DeadLetterQueueUrl} is not set`);
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(record.messageAttributes ?? {}).slice(0, 7)) {
    attributes[name] =
      value.binaryValue !== undefined
        ? { DataType: value.dataType, BinaryValue: Buffer.from(value.binaryValue, "base64") }
        : { DataType: value.dataType, StringValue: value.stringValue ?? "" };
  }
  attributes[DeadLetterAttribute.Error] = { DataType: "String", StringValue: reason.slice(0, 1000) };
  attributes[DeadLetterAttribute.SourceQueueArn] = { DataType: "String", StringValue: record.eventSourceARN };
  attributes[DeadLetterAttribute.ReceiveCount] = {
    DataType: "Number",
    StringValue: record.attributes?.ApproximateReceiveCount ?? "1",
  };
  await queue.send(
    new SendMessageCommand({
      QueueUrl: queue.deadLetterQueueUrl,
      MessageBody: record.body,
      MessageAttributes: attributes,
    }),
  );
}

/**
 * The backoff before a failed record's next receive: base × 2^(receives − 1), with
 * "equal jitter" (half fixed, half random) so records throttled together do not come
 * back together, capped by the queue's visibility timeout; whole seconds, at least 1.
 *
 * @example
 * retryDelaySeconds(1, { baseSeconds: 2, ceilingSeconds: 180, random: () => 0.5 }); // 2 (1 + 0.5 × 2, rounded up)
 * retryDelaySeconds(9, { baseSeconds: 2, ceilingSeconds: 180, random: () => 0.5 }); // 135 (512 capped to 180, jittered)
 */
export function retryDelaySeconds(
  receiveCount: number,
  options: { baseSeconds: number; ceilingSeconds: number; random: () => number },
): number {
  const exponential = options.baseSeconds * 2 ** Math.max(0, Math.min(receiveCount - 1, 30));
  const capped = Math.min(exponential, options.ceilingSeconds);
  const jittered = capped / 2 + (capped / 2) * options.random();
  return Math.max(1, Math.min(options.ceilingSeconds, Math.ceil(jittered)));
}
