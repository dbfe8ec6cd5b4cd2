/**
 * AWSEvents.PutEvents (JSON 1.1) on the local EventBridge.
 */
import type { LocalEventBridge } from "../../bus/event-bus.ts";
import type { PutEventsEntry, PutEventsResult } from "../../bus/put-events.ts";
import { EventsValidationError } from "../../errors.ts";
import { AwsWireError, unknownOperation, type WireInput } from "../wire.ts";

/** The EventBridge operations the endpoint speaks: the tracker publishes, glue-local sends Glue's events. */
export const EVENTS_OPERATIONS = ["PutEvents"];

/** Runs an `AWSEvents.<operation>` request. */
export function runEventsOperation(bridge: LocalEventBridge, operation: string, input: WireInput): unknown {
  if (operation !== "PutEvents") throw unknownOperation(`AWSEvents.${operation}`);
  return putEvents(bridge, input);
}

function putEvents(bridge: LocalEventBridge, input: WireInput): PutEventsResult {
  const entries = input.Entries;
  if (!Array.isArray(entries)) {
    throw new AwsWireError(
      "ValidationException",
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (input.EndpointId !== undefined) {
    throw new AwsWireError(
      "ValidationException",
      "Global endpoints (EndpointId) are not supported by the local endpoint",
    );
  }
  try {
    // Shape errors (a number where a string goes) become per-entry InvalidArgument results in buildEvent.
    return bridge.putEvents(
      entries.map((entry) => (typeof entry === "object" && entry !== null ? (entry as PutEventsEntry) : {})),
    );
  } catch (error) {
    if (error instanceof EventsValidationError) throw new AwsWireError("ValidationException", error.message);
    throw error;
  }
}
