/**
 * SQS's parameter rules: SendMessage (body, size, characters, delay, message attributes),
 * ReceiveMessage (count, visibility, wait) and ChangeMessageVisibility.
 * Each failure is the InvalidQueueParameterError SQS answers with (InvalidParameterValue,
 * MissingParameter or, for characters, InvalidMessageContents).
 */
import { InvalidQueueParameterError } from "../errors.ts";
import type { MessageAttributes } from "./message.ts";
import type { QueueSettings } from "./settings.ts";
import type { ReceiveOptions } from "./types.ts";

export const MAX_DELAY_SECONDS = 900;
/** SQS's maximum message size (256 KB), for a message and for a whole SendMessageBatch. */
export const MAX_MESSAGE_BYTES = 262_144;
export const MAX_MESSAGE_ATTRIBUTES = 10;
export const MAX_VISIBILITY_TIMEOUT = 43_200;

// Characters SQS allows in bodies and string attributes (XML 1.0's Char production).
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-.]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[^\s]+)?$/;

export function checkDelaySeconds(delaySeconds: number): void {
  if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
    throw new InvalidQueueParameterError(
      "DelaySeconds",
      `Value ${delaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= ${MAX_DELAY_SECONDS}.`,
    );
  }
}

/** Checks a message and returns its size as SQS counts it (body plus attribute names, types and values). */
export function checkMessage(body: unknown, attributes: MessageAttributes): number {
  if (typeof body !== "string" || body.length === 0) {
    throw new InvalidQueueParameterError("MessageBody", "The request must contain the parameter MessageBody.", {
      code: "MissingParameter",
    });
  }
  if (INVALID_CHARACTER.test(body)) {
    throw new InvalidQueueParameterError(
      "MessageBody",
      "Invalid binary character in the message body. Valid characters: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
      { code: "InvalidMessageContents" },
    );
  }
  const size = Buffer.byteLength(body) + checkAttributes(attributes);
  if (size > MAX_MESSAGE_BYTES) {
    throw new InvalidQueueParameterError(
      "MessageBody",
      `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`,
    );
  }
  return size;
}

function checkAttributes(attributes: MessageAttributes): number {
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw new InvalidQueueParameterError(
      "MessageAttributes",
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  let size = 0;
  for (const name of names) {
    const value = attributes[name];
    if (!ATTRIBUTE_NAME.test(name) || /^(aws\.|amazon\.)/i.test(name) || name.startsWith(".") || name.endsWith(".")) {
      throw new InvalidQueueParameterError("MessageAttributes", `Message attribute name '${name}' is invalid.`);
    }
    if (!value || typeof value.DataType !== "string" || !DATA_TYPE.test(value.DataType)) {
      throw new InvalidQueueParameterError(
        "MessageAttributes",
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const binary = value.DataType.startsWith("Binary");
    const present = binary ? value.BinaryValue !== undefined : typeof value.StringValue === "string";
    if (!present) {
      throw new InvalidQueueParameterError(
        "MessageAttributes",
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${value.DataType}'.`,
      );
    }
    if (value.DataType.startsWith("Number") && !Number.isFinite(Number(value.StringValue))) {
      throw new InvalidQueueParameterError(
        "MessageAttributes",
        `Can't cast the value of message (user) attribute '${name}' to a number.`,
      );
    }
    if (!binary && INVALID_CHARACTER.test(value.StringValue ?? "")) {
      throw new InvalidQueueParameterError(
        "MessageAttributes",
        `Message attribute '${name}' holds invalid characters.`,
      );
    }
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size += binary ? (value.BinaryValue?.length ?? 0) : Buffer.byteLength(value.StringValue ?? "");
  }
  return size;
}

export function checkVisibility(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT) {
    throw new InvalidQueueParameterError(
      "VisibilityTimeout",
      `Value ${seconds} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= ${MAX_VISIBILITY_TIMEOUT}, if provided.`,
    );
  }
}

/** ReceiveMessage's parameters with the queue's defaults applied. */
export function checkReceiveOptions(
  options: ReceiveOptions,
  settings: Pick<QueueSettings, "visibilityTimeoutSeconds">,
): { max: number; visibility: number; wait: number } {
  const max = options.maxNumberOfMessages ?? 1;
  if (!Number.isInteger(max) || max < 1 || max > 10) {
    throw new InvalidQueueParameterError(
      "MaxNumberOfMessages",
      `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
    );
  }
  const visibility = options.visibilityTimeoutSeconds ?? settings.visibilityTimeoutSeconds;
  checkVisibility(visibility);
  const wait = options.waitTimeSeconds ?? 0;
  if (!Number.isInteger(wait) || wait < 0 || wait > 20) {
    throw new InvalidQueueParameterError(
      "WaitTimeSeconds",
      `Value ${wait} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`,
    );
  }
  return { max, visibility, wait };
}
