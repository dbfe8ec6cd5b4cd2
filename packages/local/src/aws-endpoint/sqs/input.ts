/**
 * Typed reads of SQS JSON request fields. A missing required field is MissingParameter,
 * a value of the wrong type InvalidParameterValue, as SQS answers.
 */
import { InvalidQueueParameterError } from "../../errors.ts";
import type { MessageAttributes } from "../../queue/message.ts";
import type { WireInput } from "../wire.ts";

export function requiredString(input: WireInput, field: string): string {
  const value = input[field];
  if (value === undefined || value === null || value === "") {
    throw new InvalidQueueParameterError(field, `The request must contain the parameter ${field}.`, {
      code: "MissingParameter",
    });
  }
  if (typeof value !== "string") throw invalidType(field, "a string");
  return value;
}

export function optionalInteger(input: WireInput, field: string): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw invalidType(field, "an integer");
  return value;
}

export function optionalStringList(input: WireInput, field: string): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string"))
    throw invalidType(field, "a list of strings");
  return value;
}

/** Batch entries: 1–10 objects with distinct, well-formed Ids. */
export function batchEntries(input: WireInput): WireInput[] {
  const entries = input.Entries;
  if (entries === undefined || entries === null || (Array.isArray(entries) && entries.length === 0)) {
    throw new InvalidQueueParameterError(
      "Entries",
      "There should be at least one SendMessageBatchRequestEntry in the request.",
      {
        code: "EmptyBatchRequest",
      },
    );
  }
  if (!Array.isArray(entries) || !entries.every((entry) => typeof entry === "object" && entry !== null)) {
    throw invalidType("Entries", "a list of objects");
  }
  if (entries.length > 10) {
    throw new InvalidQueueParameterError(
      "Entries",
      `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
      {
        code: "TooManyEntriesInBatchRequest",
      },
    );
  }
  const ids = new Set<string>();
  for (const entry of entries as WireInput[]) {
    const id = entry.Id;
    if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
      throw new InvalidQueueParameterError(
        "Id",
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
        {
          code: "InvalidBatchEntryId",
        },
      );
    }
    if (ids.has(id)) {
      throw new InvalidQueueParameterError("Id", `Id ${id} repeated.`, { code: "BatchEntryIdsNotDistinct" });
    }
    ids.add(id);
  }
  return entries as WireInput[];
}

/** MessageAttributes on the wire: BinaryValue is base64. */
export function messageAttributes(input: WireInput): MessageAttributes {
  const value = input.MessageAttributes;
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw invalidType("MessageAttributes", "a map");
  const attributes: MessageAttributes = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    if (typeof raw !== "object" || raw === null) throw invalidType(`MessageAttributes.${name}`, "an object");
    const { DataType, StringValue, BinaryValue } = raw as Record<string, unknown>;
    if (typeof DataType !== "string") {
      throw new InvalidQueueParameterError(
        "MessageAttributes",
        `The message attribute '${name}' must contain a DataType.`,
      );
    }
    attributes[name] = {
      DataType,
      ...(typeof StringValue === "string" ? { StringValue } : {}),
      ...(typeof BinaryValue === "string" ? { BinaryValue: Buffer.from(BinaryValue, "base64") } : {}),
    };
  }
  return attributes;
}

/** The AWSTraceHeader system attribute, the only one SQS accepts on send. */
export function traceHeader(input: WireInput): string | undefined {
  const system = input.MessageSystemAttributes as Record<string, { StringValue?: unknown }> | undefined;
  const value = system?.AWSTraceHeader?.StringValue;
  return typeof value === "string" ? value : undefined;
}

function invalidType(field: string, expected: string): InvalidQueueParameterError {
  return new InvalidQueueParameterError(field, `Value for parameter ${field} is invalid. Reason: must be ${expected}.`);
}
