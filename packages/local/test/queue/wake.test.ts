/**
 * Lost wake-ups. A busy machine's clock moves between two statements; the queue's
 * one timer must still deliver every delayed message. The clock here advances 1 ms
 * at every reading, and each offset shifts where the message turns visible against
 * the queue's readings, so one of them lands between "deliver what is visible" and
 * "re-arm for what is not yet" — the window that once left a message visible and
 * undelivered until some unrelated change (an auto-resume that never came).
 */
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { LocalQueue } from "../../src/queue/index.ts";

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

describe("LocalQueue timer", () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7])(
    "delivers a delayed message when the clock moves mid-wake-up (offset %i)",
    async (offset) => {
      // Prepare
      let tick = 1_000_000 + offset;
      const queue = new LocalQueue({ name: "resume", timeScale: 0.001, clock: () => tick++, logger: silentLogger });
      const delivered: string[] = [];
      queue.consume(
        async (event) => {
          for (const record of event.Records) delivered.push(record.body);
        },
        { batchSize: 1, maxConcurrency: 1 },
      );

      // Act
      queue.send("resume wr_1", { delaySeconds: 7 });
      const arrived = await waitFor(() => delivered.length === 1, 2_000);
      await queue.stop();

      // Assess
      expect(arrived).toBe(true);
      expect(delivered).toEqual(["resume wr_1"]);
    },
  );
});
