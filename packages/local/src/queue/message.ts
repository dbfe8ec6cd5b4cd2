/**
 * Stored SQS messages and the shapes they leave the queue in: the SQS API's Message
 * and Lambda's SQSRecord (byte for byte what the SQS event source builds).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { SQSMessageAttributes, SQSRecord } from "aws-lambda";

/** A message attribute as SendMessage takes it (the SDK's MessageAttributeValue). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

/** SenderId AWS reports for an IAM user; locally every sender is this one. */
export const LOCAL_SENDER_ID = "AIDAIENQZJOLO23YVJ4VO";

export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: MessageAttributes;
  readonly md5OfMessageAttributes: string | undefined;
  readonly awsTraceHeader: string | undefined;
  readonly sentAt: number;
  firstReceivedAt: number | undefined;
  receiveCount: number;
  /** Epoch ms from which the message can be received (delay, visibility timeout, retry backoff). */
  visibleAt: number;
  /** Set by ChangeMessageVisibility during the current receive: the consumer chose when it returns. */
  visibilityChanged?: boolean;
  /** The handle of the latest receive; only it deletes the message. */
  receiptHandle: string | undefined;
  /** Set on messages in a dead-letter queue: where they came from (DeadLetterQueueSourceArn). */
  deadLetterSourceArn: string | undefined;
}

/** A received message: the stored message frozen at receive time. */
export type ReceivedMessage = Readonly<StoredMessage> & { readonly receiptHandle: string };

/** A just-sent message, visible after `delayMs`. */
export function newStoredMessage(
  body: string,
  messageAttributes: MessageAttributes,
  awsTraceHeader: string | undefined,
  now: number,
  delayMs: number,
): StoredMessage {
  return {
    messageId: randomUUID(),
    body,
    md5OfBody: md5Hex(body),
    messageAttributes,
    md5OfMessageAttributes: md5OfMessageAttributes(messageAttributes),
    awsTraceHeader,
    sentAt: now,
    firstReceivedAt: undefined,
    receiveCount: 0,
    visibleAt: now + delayMs,
    receiptHandle: undefined,
    deadLetterSourceArn: undefined,
  };
}

export function md5Hex(data: string | Uint8Array): string {
  return createHash("md5").update(data).digest("hex");
}

/**
 * MD5 of message attributes as SQS computes it: attributes sorted by name, each encoded as
 * length-prefixed name, length-prefixed data type, a transport byte (1 string, 2 binary),
 * length-prefixed value.
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  const lengthPrefixed = (bytes: Uint8Array) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, Buffer.from(bytes));
  };
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    lengthPrefixed(Buffer.from(name, "utf8"));
    lengthPrefixed(Buffer.from(value.DataType, "utf8"));
    if (value.BinaryValue !== undefined && value.DataType.startsWith("Binary")) {
      parts.push(Buffer.from([2]));
      lengthPrefixed(value.BinaryValue);
    } else {
      parts.push(Buffer.from([1]));
      lengthPrefixed(Buffer.from(value.StringValue ?? "", "utf8"));
    }
  }
  return md5Hex(Buffer.concat(parts));
}

/** Receipt handles name their queue and message, so a stale or foreign handle is recognised. */
export function newReceiptHandle(queueName: string, messageId: string): string {
  return Buffer.from(`${queueName}\n${messageId}\n${randomBytes(12).toString("hex")}`).toString("base64url");
}

export function parseReceiptHandle(handle: string): { queueName: string; messageId: string } | undefined {
  if (typeof handle !== "string" || handle === "") return undefined;
  const parts = Buffer.from(handle, "base64url").toString("utf8").split("\n");
  if (parts.length !== 3 || !parts[0] || !parts[1] || !/^[0-9a-f]{24}$/.test(parts[2] ?? "")) return undefined;
  return { queueName: parts[0], messageId: parts[1] };
}

/** The system attributes of a received message, as strings (SQS API and Lambda alike). */
export function systemAttributes(message: ReceivedMessage): Record<string, string> {
  const attributes: Record<string, string> = {
    ApproximateReceiveCount: String(message.receiveCount),
    SentTimestamp: String(message.sentAt),
    SenderId: LOCAL_SENDER_ID,
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  };
  if (message.awsTraceHeader !== undefined) attributes.AWSTraceHeader = message.awsTraceHeader;
  if (message.deadLetterSourceArn !== undefined) attributes.DeadLetterQueueSourceArn = message.deadLetterSourceArn;
  return attributes;
}

/**
 * The record Lambda's SQS event source builds for a message.
 *
 * @example
 * const event: SQSEvent = { Records: batch.map((message) => toSqsRecord(message, queue)) };
 */
export function toSqsRecord(message: ReceivedMessage, queue: { arn: string; region: string }): SQSRecord {
  const messageAttributes: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(message.messageAttributes)) {
    messageAttributes[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString("base64") } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
  }
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: systemAttributes(message) as unknown as SQSRecord["attributes"],
    messageAttributes,
    md5OfBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes !== undefined ? { md5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    eventSource: "aws:sqs",
    eventSourceARN: queue.arn,
    awsRegion: queue.region,
  };
}
