/**
 * The local runtime honours every field of core's Topology: a queue setting or rule field
 * added there fails here until the runtime maps it (src/topology.ts), instead of being
 * silently ignored locally while the stacks deploy it. (Rule patterns: test/bus/pattern.test.ts.)
 */
import { Topology } from "@glue-run-tracker/core";
import { describe, expect, it } from "vitest";
import { consumerOptions, HONOURED_QUEUE_SETTINGS, HONOURED_RULE_FIELDS, queueOptions } from "../src/topology.ts";

const routes = [true, false].flatMap((alertOnStopped) => Topology.ruleRoutes({ alertOnStopped }));

describe("core's Topology on the local stand-ins", () => {
  it.each(Object.entries(Topology.Queues))("queue %s: every setting is honoured", (_key, settings) => {
    // Act
    const unknown = Object.keys(settings).filter(
      (field) => !(HONOURED_QUEUE_SETTINGS as readonly string[]).includes(field),
    );

    // Assess
    expect(unknown).toEqual([]);
  });

  it.each(routes.map((route) => [route.name, route] as const))("rule %s: every field is honoured", (_name, route) => {
    // Act
    const unknown = Object.keys(route).filter((field) => !(HONOURED_RULE_FIELDS as readonly string[]).includes(field));

    // Assess
    expect(unknown).toEqual([]);
    expect(["default", "tracker"]).toContain(route.bus);
  });

  it("maps the ingest queue as the stacks deploy it", () => {
    // Act
    const queue = queueOptions(Topology.Queues.ingest);
    const consumer = consumerOptions(Topology.Queues.ingest);

    // Assess
    expect(queue).toMatchObject({
      visibilityTimeoutSeconds: Topology.visibilityTimeoutSeconds(Topology.Queues.ingest),
      deadLetterQueue: { queue: "ingest-dlq", maxReceiveCount: Topology.Queues.ingest.maxReceiveCount },
    });
    expect(consumer).toEqual({
      batchSize: Topology.Queues.ingest.batchSize,
      maximumBatchingWindowSeconds: Topology.Queues.ingest.maximumBatchingWindowSeconds,
      maxConcurrency: Topology.Queues.ingest.maxConcurrency,
      functionName: "ingest",
    });
  });
});
