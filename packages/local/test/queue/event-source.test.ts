import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { LocalQueue, LocalSqs } from "../../src/queue/index.ts";

// Fake timers: queue time (delays, visibility timeouts, backoff, batching windows) advances
// only when the test says so, so no machine hiccup can expire a visibility timeout mid-test.
beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Runs queue time forward until the queue (or every queue) is idle. */
async function drain(target: { idle(): Promise<void> }): Promise<void> {
  const idle = target.idle();
  await vi.runAllTimersAsync();
  await idle;
}

/** Records every invocation; `respond` decides each one's outcome. */
function consumerRecorder(
  respond: (
    event: SQSEvent,
    call: number,
  ) => SQSBatchResponse | undefined | Promise<SQSBatchResponse | undefined> = () => undefined,
) {
  const calls: Array<{ event: SQSEvent; context: Context; at: number; remainingMs: number }> = [];
  const consumer = async (event: SQSEvent, context: Context) => {
    calls.push({ event, context, at: Date.now(), remainingMs: context.getRemainingTimeInMillis() });
    return respond(event, calls.length);
  };
  return { calls, consumer, bodies: () => calls.map(({ event }) => event.Records.map((record) => record.body)) };
}

describe("the consumer receives Lambda's SQS event", () => {
  it("with records shaped exactly as Lambda builds them, and a Lambda context", async () => {
    // Prepare
    const queue = new LocalQueue({ name: "ingest", region: "eu-west-1", logger: silentLogger });
    const recorder = consumerRecorder();
    queue.send('{"hello":"world"}', {
      messageAttributes: {
        kind: { DataType: "String", StringValue: "recheck" },
        raw: { DataType: "Binary", BinaryValue: Buffer.from("hi") },
      },
    });

    // Act
    queue.consume(recorder.consumer, { functionName: "ingest-fn" });
    await drain(queue);

    // Assess
    const [call] = recorder.calls;
    const record = call?.event.Records[0];
    expect(Object.keys(record ?? {})).toEqual([
      "messageId",
      "receiptHandle",
      "body",
      "attributes",
      "messageAttributes",
      "md5OfBody",
      "md5OfMessageAttributes",
      "eventSource",
      "eventSourceARN",
      "awsRegion",
    ]);
    expect(record).toMatchObject({
      body: '{"hello":"world"}',
      md5OfBody: "fbc24bcc7a1794758fc1327fcfebdaf6",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:eu-west-1:000000000000:ingest",
      awsRegion: "eu-west-1",
      messageAttributes: {
        kind: { stringValue: "recheck", stringListValues: [], binaryListValues: [], dataType: "String" },
        raw: { binaryValue: "aGk=", stringListValues: [], binaryListValues: [], dataType: "Binary" },
      },
    });
    expect(record?.attributes).toEqual({
      ApproximateReceiveCount: "1",
      SentTimestamp: expect.stringMatching(/^\d{13}$/),
      SenderId: expect.any(String),
      ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
    });
    expect(call?.context).toMatchObject({ functionName: "ingest-fn", awsRequestId: expect.any(String) });
    expect(call?.remainingMs).toBe(30_000);
    expect(queue.stats()).toMatchObject({ received: 1, deleted: 1, retried: 0 });
  });
});

describe("batching", () => {
  it("sends batches of at most batchSize", async () => {
    // Prepare
    const queue = new LocalQueue({ name: "q", logger: silentLogger });
    const recorder = consumerRecorder();
    for (let index = 0; index < 7; index += 1) queue.send(`m${index}`);

    // Act
    queue.consume(recorder.consumer, { batchSize: 3, maxConcurrency: 1 });
    await drain(queue);

    // Assess
    expect(recorder.calls.map(({ event }) => event.Records.length)).toEqual([3, 3, 1]);
    expect(recorder.bodies().flat()).toEqual(["m0", "m1", "m2", "m3", "m4", "m5", "m6"]);
  });

  it("waits up to the batching window to fill a batch", async () => {
    // Prepare
    const queue = new LocalQueue({ name: "q", logger: silentLogger });
    const recorder = consumerRecorder();
    queue.consume(recorder.consumer, { batchSize: 3, maximumBatchingWindowSeconds: 50 });

    // Act: three arrive within the window (one full batch), then two that wait out the window.
    for (const body of ["a", "b", "c"]) queue.send(body);
    await drain(queue);
    for (const body of ["d", "e"]) queue.send(body);
    await drain(queue);

    // Assess
    expect(recorder.bodies()).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("never runs more batches at once than maxConcurrency", async () => {
    // Prepare
    const queue = new LocalQueue({ name: "q", logger: silentLogger });
    let running = 0;
    let peak = 0;
    const consumer = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
    };
    for (let index = 0; index < 12; index += 1) queue.send(`m${index}`);

    // Act
    queue.consume(consumer, { batchSize: 1, maxConcurrency: 3 });
    await drain(queue);

    // Assess
    expect(peak).toBe(3);
    expect(queue.stats().deleted).toBe(12);
  });
});

describe("failures and retries", () => {
  it("returns only the messages named in batchItemFailures", async () => {
    // Prepare
    const queue = new LocalQueue({ name: "q", logger: silentLogger });
    const recorder = consumerRecorder((event, call) =>
      call === 1
        ? {
            batchItemFailures: event.Records.filter((r) => r.body === "b").map((r) => ({
              itemIdentifier: r.messageId,
            })),
          }
        : undefined,
    );
    for (const body of ["a", "b", "c"]) queue.send(body);

    // Act
    queue.consume(recorder.consumer, { batchSize: 10 });
    await drain(queue);

    // Assess
    expect(recorder.bodies()).toEqual([["a", "b", "c"], ["b"]]);
    expect(recorder.calls[1]?.event.Records[0]?.attributes.ApproximateReceiveCount).toBe("2");
    expect(queue.stats()).toMatchObject({ received: 4, deleted: 3, retried: 1 });
  });

  it("returns the whole batch when the consumer throws", async () => {
    // Prepare
    const queue = new LocalQueue({ name: "q", logger: silentLogger });
    const recorder = consumerRecorder((_event, call) => {
      if (call === 1) throw new Error("downstream unavailable");
      return undefined;
    });
    for (const body of ["a", "b"]) queue.send(body);

    // Act
    queue.consume(recorder.consumer);
    await drain(queue);

    // Assess
    expect(recorder.bodies()).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
  });

  it.each([
    ["an unknown message id", { batchItemFailures: [{ itemIdentifier: "not-in-batch" }] }],
    ["an empty identifier", { batchItemFailures: [{ itemIdentifier: "" }] }],
    ["a malformed list", { batchItemFailures: "all" }],
  ])("returns the whole batch for %s", async (_name, response) => {
    // Prepare
    const queue = new LocalQueue({ name: "q", logger: silentLogger });
    const recorder = consumerRecorder((_event, call) => (call === 1 ? (response as SQSBatchResponse) : undefined));
    for (const body of ["a", "b"]) queue.send(body);

    // Act
    queue.consume(recorder.consumer);
    await drain(queue);

    // Assess
    expect(recorder.bodies()).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
  });

  it("backs off: a failed message returns after visibilityTimeout × 2^(receives − 1), capped", async () => {
    // Prepare
    const queue = new LocalQueue({
      name: "q",
      visibilityTimeoutSeconds: 30,
      retryBackoff: { multiplier: 2, maxSeconds: 100 },
      logger: silentLogger,
    });
    const recorder = consumerRecorder((event) => ({
      batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })),
    }));
    queue.send("flaky");
    queue.consume(recorder.consumer);

    // Act
    await vi.advanceTimersByTimeAsync(30_000 + 60_000 + 100_000 + 100_000);
    await queue.stop();

    // Assess
    const gaps = recorder.calls.slice(1).map((call, index) => call.at - (recorder.calls[index]?.at ?? 0));
    expect(gaps).toEqual([30_000, 60_000, 100_000, 100_000]);
  });

  it("dead-letters after maxReceiveCount failures, naming the source queue", async () => {
    // Prepare
    const sqs = new LocalSqs({ logger: silentLogger });
    const dlq = sqs.createQueue("ingest-dlq");
    const queue = sqs.createQueue("ingest", { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const recorder = consumerRecorder(() => {
      throw new Error("always failing");
    });
    queue.consume(recorder.consumer);

    // Act
    queue.send("poison");
    await drain(sqs);
    const [dead] = await dlq.receive();

    // Assess
    expect(recorder.calls.map(({ event }) => event.Records[0]?.attributes.ApproximateReceiveCount)).toEqual([
      "1",
      "2",
      "3",
    ]);
    expect(dead).toMatchObject({ body: "poison", deadLetterSourceArn: queue.arn });
    expect(queue.stats()).toMatchObject({ received: 3, deleted: 0, retried: 2, deadLettered: 1 });
  });
});

describe("per-message delay with a consumer", () => {
  it("delivers a delayed message after the undelayed ones", async () => {
    // Prepare
    const queue = new LocalQueue({ name: "q", logger: silentLogger });
    const recorder = consumerRecorder();
    queue.consume(recorder.consumer, { batchSize: 1, maxConcurrency: 1 });

    // Act
    queue.send("recheck", { delaySeconds: 30 });
    queue.send("now");
    await drain(queue);

    // Assess
    expect(recorder.bodies()).toEqual([["now"], ["recheck"]]);
  });
});

describe("stop", () => {
  it("waits for the running batch and consumes nothing afterwards", async () => {
    // Prepare
    const queue = new LocalQueue({ name: "q", logger: silentLogger });
    let release: () => void = () => {};
    let finished = false;
    queue.consume(async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      finished = true;
    });
    queue.send("first");

    // Act
    const stopping = queue.stop();
    release();
    await stopping;
    queue.send("after stop");

    // Assess
    expect(finished).toBe(true);
    expect(queue.counts().visible).toBe(1);
    await expect(queue.idle({ timeoutMs: 50 })).resolves.toBeUndefined();
  });
});
