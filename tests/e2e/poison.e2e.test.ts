import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eTracker, eventually, startE2eTracker } from "./support.ts";

describe("e2e: a poison message on the local runtime", () => {
  let t: E2eTracker;

  beforeAll(async () => {
    t = await startE2eTracker();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("goes to the ingest DLQ on its first receive, body intact, and is not retried", async () => {
    // Prepare
    const ingest = t.tracker.sqs.getQueue("ingest");
    const dlq = t.tracker.sqs.getQueue("ingest-dlq");

    // Act
    ingest.send("this is not an event");
    await eventually("the message in the DLQ", async () => (dlq.counts().visible === 1 ? true : undefined), 10_000);

    // Assess
    expect(ingest.stats()).toMatchObject({ received: 1, retried: 0, deadLettered: 0 });
    const [dead] = await dlq.receive();
    expect(dead?.body).toBe("this is not an event");
    expect(dead?.messageAttributes.TrackerError?.StringValue).toMatch(/^UnrecognizedMessageError: /);
  });
});
