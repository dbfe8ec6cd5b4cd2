/**
 * Publishes the tracker's own events (docs/architecture.md#tracker-events) on the tracker bus.
 */
import { type EventBridgeClient, PutEventsCommand, type PutEventsCommandOutput } from "@aws-sdk/client-eventbridge";
import type { TrackerEventEntry } from "../events/tracker-events.ts";
import { TrackerEventPublishError } from "./errors.ts";
import { recordRunMetrics } from "./run-metrics.ts";

/** Where tracker events go: EventBridge on AWS and locally, an array in tests. */
export interface TrackerEventPublisher {
  /** Resolves once every entry is accepted; throws otherwise (nothing is silently dropped). */
  publish(entries: TrackerEventEntry[]): Promise<void>;
}

/** PutEvents takes at most 10 entries per call. */
const PUT_EVENTS_LIMIT = 10;

/**
 * PutEvents to the tracker bus. A partial failure (FailedEntryCount > 0) throws
 * TrackerEventPublishError, so the caller's message is retried.
 *
 * @example
 * const publisher = createEventBridgePublisher({ client: createEventBridgeClient(), busName: "tracker" });
 * await publisher.publish([runStateChangeEntry(detail)]);
 */
export function createEventBridgePublisher(options: {
  client: EventBridgeClient;
  busName: string;
}): TrackerEventPublisher {
  return {
    async publish(entries) {
      for (let start = 0; start < entries.length; start += PUT_EVENTS_LIMIT) {
        const chunk = entries.slice(start, start + PUT_EVENTS_LIMIT);
        let output: PutEventsCommandOutput;
        try {
          output = await options.client.send(
            new PutEventsCommand({ Entries: chunk.map((entry) => ({ ...entry, EventBusName: options.busName })) }),
          );
        } catch (error) {
          throw new TrackerEventPublishError(`PutEvents to ${options.busName} failed`, { cause: error });
        }
        if ((output.FailedEntryCount ?? 0) > 0) {
          const reasons = (output.Entries ?? [])
            .filter((entry) => entry.ErrorCode)
            .map((entry) => `${entry.ErrorCode}: ${entry.ErrorMessage ?? ""}`.trim());
          throw new TrackerEventPublishError(
            `PutEvents to ${options.busName} refused ${output.FailedEntryCount} of ${chunk.length} entries (${reasons.join("; ")})`,
          );
        }
        recordRunMetrics(chunk);
      }
    },
  };
}

/** Keeps published entries in memory (tests, benches). */
export function createMemoryPublisher(): TrackerEventPublisher & { readonly entries: TrackerEventEntry[] } {
  const entries: TrackerEventEntry[] = [];
  return {
    entries,
    async publish(batch) {
      entries.push(...batch);
    },
  };
}
