/**
 * PutEvents request entries → EventBridge event envelopes, with the per-entry checks
 * EventBridge applies (results carry EventId or ErrorCode/ErrorMessage, in order).
 */
import { randomUUID } from "node:crypto";
import type { EventBridgeEvent } from "aws-lambda";

/** The event a rule target receives: EventBridge's envelope with the parsed detail. */
export type BusEvent<TDetail = unknown> = EventBridgeEvent<string, TDetail>;

/** One PutEvents entry, as the SDK's `PutEventsRequestEntry` (Time may also be epoch seconds or ISO text). */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: Date | number | string;
  TraceHeader?: string;
}

export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** PutEvents takes 1 to 10 entries. */
export const MAX_PUT_EVENTS_ENTRIES = 10;
/** EventBridge's entry size limit (256 KB). */
export const MAX_ENTRY_BYTES = 256 * 1024;

/** Bus name from a name or an ARN (`arn:aws:events:<region>:<account>:event-bus/<name>`); "default" when unset. */
export function busNameOf(eventBusName: string | undefined): string {
  if (eventBusName === undefined || eventBusName === "") return "default";
  const marker = ":event-bus/";
  const at = eventBusName.indexOf(marker);
  return eventBusName.startsWith("arn:") && at >= 0 ? eventBusName.slice(at + marker.length) : eventBusName;
}

/**
 * Builds the envelope for a valid entry, or the error EventBridge reports for it.
 * `aws.*` sources are accepted (EventBridge refuses them from customers): locally,
 * glue-local and tests stand in for AWS services and publish Glue's own events.
 */
export function buildEvent(
  entry: PutEventsEntry,
  context: { region: string; accountId: string; now: Date },
): { event: BusEvent } | { error: Required<Omit<PutEventsResultEntry, "EventId">> } {
  for (const field of ["Source", "DetailType", "Detail"] as const) {
    const value = entry[field];
    if (typeof value !== "string" || value.trim() === "") {
      return invalidArgument(field, `${field} is a required argument.`);
    }
  }
  const { Source: source, DetailType: detailType, Detail: detailText } = entry as Required<PutEventsEntry>;
  if (Buffer.byteLength(source) > 256) return invalidArgument("Source", "Source must be 256 characters or less.");
  if (Buffer.byteLength(detailType) > 128) {
    return invalidArgument("DetailType", "DetailType must be 128 characters or less.");
  }
  let detail: unknown;
  try {
    detail = JSON.parse(detailText);
  } catch {
    return { error: { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." } };
  }
  if (typeof detail !== "object" || detail === null || Array.isArray(detail)) {
    return { error: { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." } };
  }
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || !resources.every((resource) => typeof resource === "string")) {
    return invalidArgument("Resources", "Resources must be a list of strings.");
  }
  const time = entry.Time === undefined ? context.now : toDate(entry.Time);
  if (time === undefined) return invalidArgument("Time", "Time must be a timestamp.");
  if (entrySize(entry) > MAX_ENTRY_BYTES) {
    return invalidArgument("Detail", `the entry is larger than ${MAX_ENTRY_BYTES} bytes.`);
  }
  return {
    event: {
      version: "0",
      id: randomUUID(),
      "detail-type": detailType,
      source,
      account: context.accountId,
      time: isoSeconds(time),
      region: context.region,
      resources,
      detail,
    },
  };
}

/** EventBridge times have no milliseconds: 2026-03-01T12:00:00Z. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function toDate(value: Date | number | string): Date | undefined {
  // The JSON protocol sends timestamps as epoch seconds.
  const date = value instanceof Date ? value : new Date(typeof value === "number" ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The size EventBridge counts for an entry (Time is 14 bytes; strings by UTF-8 length). */
function entrySize(entry: PutEventsEntry): number {
  let size = entry.Time === undefined ? 0 : 14;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (typeof text === "string") size += Buffer.byteLength(text);
  }
  return size;
}

function invalidArgument(parameter: string, reason: string) {
  return {
    error: { ErrorCode: "InvalidArgument", ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${reason}` },
  };
}
