import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { runStateChangeEntry } from "../../src/events/tracker-events.ts";
import { TrackerEventPublishError } from "../../src/ingest/errors.ts";
import { createEventBridgePublisher } from "../../src/ingest/tracker-publisher.ts";

const eventBridge = mockClient(EventBridgeClient);
const entry = runStateChangeEntry({
  workflowName: "nightly",
  runId: "wr_1",
  status: "COMPLETED",
  outcome: "FAILED",
  failedNodes: [],
});

function publisher() {
  return createEventBridgePublisher({ client: new EventBridgeClient({ region: "us-east-1" }), busName: "tracker" });
}

describe("EventBridge tracker publisher", () => {
  beforeEach(() => eventBridge.reset());

  it("puts entries on the tracker bus, at most 10 per call", async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });

    // Act
    await publisher().publish(Array.from({ length: 12 }, () => entry));

    // Assess
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls.map((call) => call.args[0].input.Entries?.length)).toEqual([10, 2]);
    expect(calls[0]?.args[0].input.Entries?.[0]).toMatchObject({
      EventBusName: "tracker",
      Source: "glue-run-tracker",
      DetailType: "Glue Workflow Run State Change",
    });
  });

  it("throws when PutEvents refuses an entry, so the message is retried", async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: "InternalFailure", ErrorMessage: "try again" }],
    });

    // Act
    const attempt = publisher().publish([entry]);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TrackerEventPublishError);
    await expect(attempt).rejects.toThrow("refused 1 of 1 entries (InternalFailure: try again)");
  });

  it("wraps a failed call in TrackerEventPublishError", async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).rejects(new Error("socket hang up"));

    // Act
    const attempt = publisher().publish([entry]);

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: "TrackerEventPublishError", retryable: true });
  });
});
