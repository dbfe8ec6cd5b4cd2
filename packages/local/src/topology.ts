/**
 * core's Topology on the local stand-ins: what each queue setting and rule field becomes
 * locally. The lists say which fields the runtime honours; a field the topology gains
 * and the runtime does not know fails test/topology.test.ts instead of being ignored.
 */
import { Topology } from "@glue-run-tracker/core";
import type { QueueConsumerOptions } from "./queue/event-source.ts";
import type { CreateQueueOptions } from "./queue/local-sqs.ts";

/** Every Topology.QueueSettings field, and where it goes below. */
export const HONOURED_QUEUE_SETTINGS = [
  "name",
  "batchSize",
  "functionTimeoutSeconds",
  "maxReceiveCount",
  "maxConcurrency",
  "maximumBatchingWindowSeconds",
] as const satisfies readonly (keyof Topology.QueueSettings)[];

/** Every Topology.RuleRoute field the runtime reads (runtime.ts puts one rule per route). */
export const HONOURED_RULE_FIELDS = [
  "name",
  "description",
  "bus",
  "pattern",
  "queue",
] as const satisfies readonly (keyof Topology.RuleRoute)[];

/** The DLQ of a topology queue, as the stacks name it locally. */
export const deadLetterQueueName = (settings: Topology.QueueSettings) => `${settings.name}-dlq`;

/** The queue's attributes: visibility from the function timeout, the redrive policy. */
export function queueOptions(settings: Topology.QueueSettings): CreateQueueOptions {
  return {
    visibilityTimeoutSeconds: Topology.visibilityTimeoutSeconds(settings),
    deadLetterQueue: { queue: deadLetterQueueName(settings), maxReceiveCount: settings.maxReceiveCount },
    // As on AWS: a failed record comes back after its visibility, which the consumer shortens (backoff).
    retryBackoff: { multiplier: 1, maxSeconds: 900 },
  };
}

/** The event source mapping: batch size, batching window, maximum concurrency. */
export function consumerOptions(settings: Topology.QueueSettings): QueueConsumerOptions {
  return {
    batchSize: settings.batchSize,
    maximumBatchingWindowSeconds: settings.maximumBatchingWindowSeconds,
    maxConcurrency: settings.maxConcurrency,
    functionName: settings.name,
  };
}
