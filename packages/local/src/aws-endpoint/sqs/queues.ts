/**
 * SQS queue operations on the wire: GetQueueUrl, CreateQueue, ListQueues,
 * GetQueueAttributes, PurgeQueue. FIFO queues are not emulated.
 */
import { InvalidQueueParameterError, QueueDoesNotExistError } from "../../errors.ts";
import type { CreateQueueOptions, LocalSqs } from "../../queue/local-sqs.ts";
import type { WireInput } from "../wire.ts";
import { optionalInteger, optionalString, optionalStringList, requiredString } from "./input.ts";

type Operation = (sqs: LocalSqs, input: WireInput) => unknown;

/** CreateQueue attributes the local queue honours, with their setting names. */
const NUMERIC_ATTRIBUTES = {
  VisibilityTimeout: "visibilityTimeoutSeconds",
  DelaySeconds: "delaySeconds",
  MaximumMessageSize: "maximumMessageSize",
  MessageRetentionPeriod: "messageRetentionPeriodSeconds",
  ReceiveMessageWaitTimeSeconds: "receiveMessageWaitTimeSeconds",
} as const;

/** Attributes SQS accepts that change nothing locally (encryption, policy). */
const IGNORED_ATTRIBUTES = new Set([
  "Policy",
  "KmsMasterKeyId",
  "KmsDataKeyReusePeriodSeconds",
  "SqsManagedSseEnabled",
  "RedriveAllowPolicy",
]);

function getQueueUrl(sqs: LocalSqs, input: WireInput) {
  const name = requiredString(input, "QueueName");
  const owner = optionalString(input, "QueueOwnerAWSAccountId");
  if (owner !== undefined && owner !== sqs.accountId) throw new QueueDoesNotExistError(name);
  return { QueueUrl: sqs.getQueue(name).url };
}

function createQueue(sqs: LocalSqs, input: WireInput) {
  const name = requiredString(input, "QueueName");
  const raw = input.Attributes ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InvalidQueueParameterError("Attributes", "Attributes must be a map of strings.");
  }
  const options: CreateQueueOptions = {};
  for (const [attribute, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== "string") throw invalidAttributeValue(attribute);
    if (attribute in NUMERIC_ATTRIBUTES) {
      if (!/^\d+$/.test(value)) throw invalidAttributeValue(attribute);
      options[NUMERIC_ATTRIBUTES[attribute as keyof typeof NUMERIC_ATTRIBUTES]] = Number(value);
    } else if (attribute === "RedrivePolicy") {
      options.deadLetterQueue = parseRedrivePolicy(value);
    } else if (attribute === "FifoQueue" || attribute === "ContentBasedDeduplication") {
      throw new InvalidQueueParameterError(attribute, "FIFO queues are not supported by the local endpoint.", {
        code: "UnsupportedOperation",
      });
    } else if (!IGNORED_ATTRIBUTES.has(attribute)) {
      throw new InvalidQueueParameterError(attribute, `Unknown Attribute ${attribute}.`, {
        code: "InvalidAttributeName",
      });
    }
  }
  return { QueueUrl: sqs.createQueue(name, options).url };
}

function parseRedrivePolicy(value: string): CreateQueueOptions["deadLetterQueue"] {
  let policy: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  try {
    policy = JSON.parse(value);
  } catch {
    throw invalidAttributeValue("RedrivePolicy");
  }
  const maxReceiveCount = Number(policy?.maxReceiveCount);
  if (typeof policy?.deadLetterTargetArn !== "string" || !Number.isInteger(maxReceiveCount)) {
    throw invalidAttributeValue("RedrivePolicy");
  }
  return { queue: policy.deadLetterTargetArn, maxReceiveCount };
}

function listQueues(sqs: LocalSqs, input: WireInput) {
  const prefix = optionalString(input, "QueueNamePrefix") ?? "";
  const max = optionalInteger(input, "MaxResults") ?? 1000;
  const urls = sqs.queues.filter((queue) => queue.name.startsWith(prefix)).map((queue) => queue.url);
  return urls.length === 0 ? {} : { QueueUrls: urls.slice(0, max) };
}

function getQueueAttributes(sqs: LocalSqs, input: WireInput) {
  const queue = sqs.getQueueByUrl(requiredString(input, "QueueUrl"));
  const names = optionalStringList(input, "AttributeNames") ?? [];
  const all = queue.attributes();
  for (const name of names) {
    if (name !== "All" && !(name in all) && name !== "Policy" && name !== "RedrivePolicy") {
      throw new InvalidQueueParameterError(name, `Unknown Attribute ${name}.`, { code: "InvalidAttributeName" });
    }
  }
  const selected = Object.fromEntries(
    Object.entries(all).filter(([name]) => names.includes("All") || names.includes(name)),
  );
  return Object.keys(selected).length === 0 ? {} : { Attributes: selected };
}

function purgeQueue(sqs: LocalSqs, input: WireInput) {
  sqs.getQueueByUrl(requiredString(input, "QueueUrl")).purge();
  return {};
}

function invalidAttributeValue(attribute: string): InvalidQueueParameterError {
  return new InvalidQueueParameterError(attribute, `Invalid value for the parameter ${attribute}.`, {
    code: "InvalidAttributeValue",
  });
}

export const queueOperations: Record<string, Operation> = {
  GetQueueUrl: getQueueUrl,
  CreateQueue: createQueue,
  ListQueues: listQueues,
  GetQueueAttributes: getQueueAttributes,
  PurgeQueue: purgeQueue,
};
