import { afterEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { LocalQueue } from "../../src/queue/index.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("LocalQueue + event source: a consumer's ChangeMessageVisibility is honoured", () => {
  it("a failed record set visible in 5 s comes back in 5 s, not after the retry backoff", async () => {
    // Prepare: a consumer that backs off by itself (as the shared SQS wrapper does) and fails
    vi.useFakeTimers();
    const queue = new LocalQueue({ name: "q", visibilityTimeoutSeconds: 30, logger: silentLogger });
    const receives: number[] = [];
    queue.consume(async (event) => {
      for (const record of event.Records) {
        receives.push(Date.now());
        queue.changeVisibility(record.receiptHandle, 5);
      }
      return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
    });
    const start = Date.now();

    // Act
    queue.send("retry me");
    await vi.advanceTimersByTimeAsync(4_900);
    const beforeBackoff = receives.length;
    await vi.advanceTimersByTimeAsync(200);

    // Assess
    expect(beforeBackoff).toBe(1);
    expect(receives.map((at) => at - start)).toEqual([0, 5_000]);
    await queue.stop();
  });

  it("without a change, a failed record waits for the queue's retry backoff (the visibility timeout)", async () => {
    // Prepare
    vi.useFakeTimers();
    const queue = new LocalQueue({ name: "q", visibilityTimeoutSeconds: 30, logger: silentLogger });
    let receives = 0;
    queue.consume(async (event) => {
      receives += event.Records.length;
      return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
    });

    // Act
    queue.send("retry me");
    await vi.advanceTimersByTimeAsync(29_000);
    const before = receives;
    await vi.advanceTimersByTimeAsync(1_100);

    // Assess
    expect([before, receives]).toEqual([1, 2]);
    await queue.stop();
  });
});
