import { Events } from "@glue-run-tracker/core";
import { describe, expect, it, vi } from "vitest";
import { type BusEvent, busTarget, LocalEventBridge, queueTarget } from "../../src/bus/index.ts";
import { EventBusNotFoundError, EventsValidationError, InvalidEventPatternError } from "../../src/errors.ts";
import { silentLogger } from "../../src/logger.ts";
import { LocalQueue } from "../../src/queue/index.ts";

const jobEvent = {
  Source: "aws.glue",
  DetailType: "Glue Job State Change",
  Detail: JSON.stringify({ jobName: "transform", state: "SUCCEEDED", jobRunId: "jr_1" }),
};

function recorder() {
  const events: BusEvent[] = [];
  return { events, target: (event: BusEvent) => void events.push(event) };
}

describe("LocalEventBridge.putEvents", () => {
  it("builds EventBridge envelopes and delivers them after PutEvents returns", async () => {
    // Prepare
    const bridge = new LocalEventBridge({ region: "eu-west-1", logger: silentLogger });
    const seen = recorder();
    bridge.bus().putRule({ name: "glue", pattern: Events.glueStateChangePattern, target: seen.target });

    // Act
    const result = bridge.putEvents([
      { ...jobEvent, Resources: ["arn:aws:glue:eu-west-1:000000000000:job/transform"] },
    ]);
    const deliveredBeforeReturn = seen.events.length;
    await bridge.idle();

    // Assess
    expect(deliveredBeforeReturn).toBe(0);
    expect(result).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: seen.events[0]?.id }] });
    const [event] = seen.events;
    expect(event).toEqual({
      version: "0",
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      "detail-type": "Glue Job State Change",
      source: "aws.glue",
      account: "000000000000",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: "eu-west-1",
      resources: ["arn:aws:glue:eu-west-1:000000000000:job/transform"],
      detail: { jobName: "transform", state: "SUCCEEDED", jobRunId: "jr_1" },
    });
    expect(Object.keys(event ?? {})).toEqual([
      "version",
      "id",
      "detail-type",
      "source",
      "account",
      "time",
      "region",
      "resources",
      "detail",
    ]);
  });

  it("uses the entry's Time, without milliseconds", async () => {
    // Prepare
    const bridge = new LocalEventBridge({ logger: silentLogger });
    const seen = recorder();
    bridge.bus().putRule({ name: "all", pattern: { source: [{ exists: true }] }, target: seen.target });

    // Act
    bridge.putEvents([
      { ...jobEvent, Time: new Date("2026-03-01T12:34:56.789Z") },
      { ...jobEvent, Time: 1_772_368_496 },
    ]);
    await bridge.idle();

    // Assess
    expect(seen.events.map((event) => event.time).sort()).toEqual(["2026-03-01T12:34:56Z", "2026-03-01T12:34:56Z"]);
  });

  it("delivers to every matching rule on the named bus only", async () => {
    // Prepare
    const bridge = new LocalEventBridge({ buses: ["tracker"], logger: silentLogger });
    const alerts = recorder();
    const resume = recorder();
    const onDefault = recorder();
    bridge
      .bus("tracker")
      .putRule({ name: "alerts", pattern: Events.failedRunPattern({ includeStopped: false }), target: alerts.target });
    bridge.bus("tracker").putRule({ name: "resume", pattern: Events.resumeCandidatePattern, target: resume.target });
    bridge.bus("default").putRule({ name: "any", pattern: { source: [{ exists: true }] }, target: onDefault.target });
    const failed = Events.runStateChangeEntry({
      workflowName: "wf",
      runId: "wr_1",
      status: "COMPLETED",
      outcome: "FAILED",
      failedNodes: [],
    });
    const stopped = Events.runStateChangeEntry({
      workflowName: "wf",
      runId: "wr_2",
      status: "STOPPED",
      outcome: "STOPPED",
      failedNodes: [],
    });

    // Act
    bridge.putEvents([
      { ...failed, EventBusName: "tracker" },
      { ...stopped, EventBusName: "arn:aws:events:us-east-1:000000000000:event-bus/tracker" },
    ]);
    await bridge.idle();

    // Assess
    expect(alerts.events.map((event) => (event.detail as { runId: string }).runId)).toEqual(["wr_1"]);
    expect(resume.events.map((event) => (event.detail as { runId: string }).runId)).toEqual(["wr_1"]);
    expect(onDefault.events).toEqual([]);
    expect(bridge.stats()).toMatchObject({ accepted: 2, deliveries: 2, unmatched: 1 });
  });

  it("logs a failing target and still delivers to the others", async () => {
    // Prepare
    const logger = { ...silentLogger, error: vi.fn() };
    const bridge = new LocalEventBridge({ logger });
    const seen = recorder();
    bridge.bus().putRule({
      name: "broken",
      pattern: { source: ["aws.glue"] },
      target: async () => Promise.reject(new Error("boom")),
    });
    bridge.bus().putRule({
      name: "sync-throw",
      pattern: { source: ["aws.glue"] },
      target: () => {
        throw new Error("bang");
      },
    });
    bridge.bus().putRule({ name: "healthy", pattern: { source: ["aws.glue"] }, target: seen.target });

    // Act
    bridge.putEvents([jobEvent, jobEvent]);
    await bridge.idle();

    // Assess
    expect(seen.events).toHaveLength(2);
    expect(logger.error).toHaveBeenCalledTimes(4);
    expect(bridge.stats()).toMatchObject({ deliveries: 6, targetFailures: 4 });
  });

  it("refuses bad entries one by one, keeping their order, like EventBridge", () => {
    // Prepare
    const bridge = new LocalEventBridge({ logger: silentLogger });

    // Act
    const result = bridge.putEvents([
      jobEvent,
      { DetailType: "x", Detail: "{}" },
      { Source: "s", Detail: "{}" },
      { Source: "s", DetailType: "x" },
      { Source: "s", DetailType: "x", Detail: "{not json" },
      { Source: "s", DetailType: "x", Detail: "[1,2]" },
      { ...jobEvent, EventBusName: "nope" },
      { ...jobEvent, Detail: JSON.stringify({ blob: "x".repeat(256 * 1024) }) },
    ]);

    // Assess
    expect(result.FailedEntryCount).toBe(7);
    expect(result.Entries.map((entry) => entry.ErrorCode ?? "ok")).toEqual([
      "ok",
      "InvalidArgument",
      "InvalidArgument",
      "InvalidArgument",
      "MalformedDetail",
      "MalformedDetail",
      "ResourceNotFoundException",
      "InvalidArgument",
    ]);
    expect(result.Entries[1]?.ErrorMessage).toBe(
      "Parameter Source is not valid. Reason: Source is a required argument.",
    );
  });

  it("refuses an empty request or more than 10 entries", () => {
    // Prepare
    const bridge = new LocalEventBridge({ logger: silentLogger });

    // Act / Assess
    expect(() => bridge.putEvents([])).toThrow(EventsValidationError);
    expect(() => bridge.putEvents(Array.from({ length: 11 }, () => jobEvent))).toThrow(EventsValidationError);
  });

  it("refuses invalid rule patterns and unknown buses", () => {
    // Prepare
    const bridge = new LocalEventBridge({ logger: silentLogger });

    // Act / Assess
    expect(() => bridge.bus().putRule({ name: "bad", pattern: { source: "aws.glue" }, target: () => {} })).toThrow(
      InvalidEventPatternError,
    );
    expect(() => bridge.bus("tracker")).toThrow(EventBusNotFoundError);
  });

  it("replaces a rule with the same name", async () => {
    // Prepare
    const bridge = new LocalEventBridge({ logger: silentLogger });
    const first = recorder();
    const second = recorder();
    bridge.bus().putRule({ name: "r", pattern: { source: ["aws.glue"] }, target: first.target });
    bridge.bus().putRule({ name: "r", pattern: { source: ["aws.glue"] }, target: second.target });

    // Act
    bridge.putEvents([jobEvent]);
    await bridge.idle();

    // Assess
    expect([first.events.length, second.events.length]).toEqual([0, 1]);
  });
});

describe("queueTarget", () => {
  it("enqueues the whole event as the message body, as EventBridge → SQS does", async () => {
    // Prepare
    const bridge = new LocalEventBridge({ logger: silentLogger });
    const queue = new LocalQueue({ name: "ingest", logger: silentLogger });
    bridge.bus().putRule({ name: "to-ingest", pattern: Events.glueStateChangePattern, target: queueTarget(queue) });

    // Act
    const { Entries } = bridge.putEvents([jobEvent]);
    await bridge.idle();
    const [message] = await queue.receive();

    // Assess
    const body = JSON.parse(message?.body ?? "{}");
    expect(body).toMatchObject({ id: Entries[0]?.EventId, source: "aws.glue", "detail-type": "Glue Job State Change" });
    expect(body.detail).toEqual(JSON.parse(jobEvent.Detail));
  });
});

describe("busTarget (another account's rule forwarding to this bus)", () => {
  it("delivers the member's event with its envelope unchanged: its account, region, id and time", async () => {
    // Prepare: the member account's bus forwards Glue events to the tracker's, as the member stack does
    const tracker = new LocalEventBridge({ accountId: "123456789012", region: "us-east-1", logger: silentLogger });
    const member = new LocalEventBridge({ accountId: "222222222222", region: "eu-west-1", logger: silentLogger });
    member.bus().putRule({ name: "to-tracker", pattern: Events.glueStateChangePattern, target: busTarget(tracker) });
    const seen = recorder();
    tracker.bus().putRule({ name: "glue", pattern: Events.glueStateChangePattern, target: seen.target });

    // Act
    const { Entries } = member.putEvents([jobEvent, { ...jobEvent, Source: "aws.s3" }]);
    await member.idle();
    await tracker.idle();
    tracker.putEvents([jobEvent]);
    await tracker.idle();

    // Assess: only the pattern's events cross; the tracker's own stay its own
    expect(seen.events.map((e) => [e.account, e.region])).toEqual([
      ["222222222222", "eu-west-1"],
      ["123456789012", "us-east-1"],
    ]);
    expect(seen.events[0]?.id).toBe(Entries[0]?.EventId);
    expect(tracker.stats()).toMatchObject({ accepted: 2, deliveries: 2 });
  });

  it("refuses an unknown bus by name", () => {
    // Prepare
    const tracker = new LocalEventBridge({ logger: silentLogger });

    // Act
    const forward = () => tracker.receive({} as BusEvent, "nope");

    // Assess
    expect(forward).toThrow(EventBusNotFoundError);
  });
});
