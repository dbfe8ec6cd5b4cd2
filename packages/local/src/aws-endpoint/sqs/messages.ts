/**
 * The SQS operations the tracker's own SDK clients send to the local endpoint, and no
 * others (packages/local/README.md says who calls which; a test keeps the list honest).
 */
import { InvalidQueueParameterError, LocalRuntimeError } from "../../errors.ts";
import type { LocalQueue } from "../../queue/local-queue.ts";
import type { LocalSqs } from "../../queue/local-sqs.ts";
import {
  type MessageAttributes,
  md5OfMessageAttributes,
  type ReceivedMessage,
  systemAttributes,
} from "../../queue/message.ts";
import { MAX_MESSAGE_BYTES } from "../../queue/validation.ts";
import type { WireInput } from "../wire.ts";
import {
  batchEntries,
  messageAttributes,
  optionalInteger,
  optionalStringList,
  requiredString,
  traceHeader,
} from "./input.ts";
import { toWireError } from "./wire-errors.ts";

type Operation = (sqs: LocalSqs, input: WireInput) => unknown;

function queueOf(sqs: LocalSqs, input: WireInput): LocalQueue {
  return sqs.getQueueByUrl(requiredString(input, "QueueUrl"));
}

function send(queue: LocalQueue, input: WireInput) {
  const result = queue.send(input.MessageBody as string, {
    delaySeconds: optionalInteger(input, "DelaySeconds"),
    messageAttributes: messageAttributes(input),
    awsTraceHeader: traceHeader(input),
  });
  return {
    MessageId: result.messageId,
    MD5OfMessageBody: result.md5OfMessageBody,
    ...(result.md5OfMessageAttributes ? { MD5OfMessageAttributes: result.md5OfMessageAttributes } : {}),
  };
}

/** A batch entry's failure, as SQS reports it (the request itself succeeds). */
function entryFailure(id: unknown, error: unknown) {
  if (!(error instanceof LocalRuntimeError)) throw error;
  const wire = toWireError(error);
  return { Id: id, SenderFault: true, Code: wire.queryCode ?? wire.type, Message: wire.message };
}

function sendMessage(sqs: LocalSqs, input: WireInput) {
  const queue = queueOf(sqs, input);
  if (input.MessageBody === undefined || input.MessageBody === null) requiredString(input, "MessageBody");
  return send(queue, input);
}

function sendMessageBatch(sqs: LocalSqs, input: WireInput) {
  const queue = queueOf(sqs, input);
  const entries = batchEntries(input);
  const total = entries.reduce((size, entry) => size + Buffer.byteLength(String(entry.MessageBody ?? "")), 0);
  if (total > MAX_MESSAGE_BYTES) {
    throw new InvalidQueueParameterError(
      "Entries",
      `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`,
      {
        code: "BatchRequestTooLong",
      },
    );
  }
  const Successful: unknown[] = [];
  const Failed: unknown[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry.Id, ...send(queue, entry) });
    } catch (error) {
      Failed.push(entryFailure(entry.Id, error));
    }
  }
  return { Successful, Failed };
}

async function receiveMessage(sqs: LocalSqs, input: WireInput) {
  const queue = queueOf(sqs, input);
  const messages = await queue.receive({
    maxNumberOfMessages: optionalInteger(input, "MaxNumberOfMessages"),
    visibilityTimeoutSeconds: optionalInteger(input, "VisibilityTimeout"),
    waitTimeSeconds: optionalInteger(input, "WaitTimeSeconds"),
  });
  if (messages.length === 0) return {};
  const systemNames = [
    ...(optionalStringList(input, "MessageSystemAttributeNames") ?? []),
    ...(optionalStringList(input, "AttributeNames") ?? []),
  ];
  const attributeNames = optionalStringList(input, "MessageAttributeNames") ?? [];
  return { Messages: messages.map((message) => toWireMessage(message, systemNames, attributeNames)) };
}

function toWireMessage(message: ReceivedMessage, systemNames: string[], attributeNames: string[]) {
  const system = pick(systemAttributes(message), (name) => systemNames.includes("All") || systemNames.includes(name));
  const user = pick(message.messageAttributes, (name) =>
    attributeNames.some(
      (wanted) =>
        wanted === "All" ||
        wanted === ".*" ||
        wanted === name ||
        (wanted.endsWith(".*") && name.startsWith(wanted.slice(0, -1))),
    ),
  ) as MessageAttributes;
  const md5 = md5OfMessageAttributes(user);
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(system).length > 0 ? { Attributes: system } : {}),
    ...(md5 ? { MD5OfMessageAttributes: md5, MessageAttributes: toWireAttributes(user) } : {}),
  };
}

function toWireAttributes(attributes: MessageAttributes) {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        DataType: value.DataType,
        ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined ? { BinaryValue: Buffer.from(value.BinaryValue).toString("base64") } : {}),
      },
    ]),
  );
}

function pick<T>(record: Record<string, T>, keep: (name: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => keep(name)));
}

function deleteMessageBatch(sqs: LocalSqs, input: WireInput) {
  const queue = queueOf(sqs, input);
  const Successful: unknown[] = [];
  const Failed: unknown[] = [];
  for (const entry of batchEntries(input)) {
    try {
      queue.delete(requiredString(entry, "ReceiptHandle"));
      Successful.push({ Id: entry.Id });
    } catch (error) {
      Failed.push(entryFailure(entry.Id, error));
    }
  }
  return { Successful, Failed };
}

function changeMessageVisibility(sqs: LocalSqs, input: WireInput) {
  const seconds = optionalInteger(input, "VisibilityTimeout");
  if (seconds === undefined) requiredString(input, "VisibilityTimeout");
  queueOf(sqs, input).changeVisibility(requiredString(input, "ReceiptHandle"), seconds as number);
  return {};
}

/** Operation → implementation, with the code of ours that calls it. */
export const messageOperations: Record<string, Operation> = {
  /** Re-checks (core ingest/recheck.ts), resume requests (core resume/resume-queue.ts), early dead-lettering (functions shared/record-queue.ts). */
  SendMessage: sendMessage,
  /** A consumer's backoff for a failed record (functions shared/record-queue.ts). */
  ChangeMessageVisibility: changeMessageVisibility,
  /** The redrive CLI: receive → send → delete (core ingest/redrive.ts). */
  ReceiveMessage: receiveMessage,
  SendMessageBatch: sendMessageBatch,
  DeleteMessageBatch: deleteMessageBatch,
};
