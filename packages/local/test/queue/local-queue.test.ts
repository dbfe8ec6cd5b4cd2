import { afterEach, describe, expect, it, vi } from "vitest";
import {
  IdleTimeoutError,
  InvalidQueueParameterError,
  MessageNotInflightError,
  QueueDoesNotExistError,
  QueueNameExistsError,
  ReceiptHandleIsInvalidError,
} from "../../src/errors.ts";
import { silentLogger } from "../../src/logger.ts";
import { LocalQueue, LocalSqs, md5Hex, md5OfMessageAttributes } from "../../src/queue/index.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("LocalQueue: send, receive, delete", () => {
  it("delivers a message once until it is deleted or its visibility timeout ends", async () => {
    // Prepare
    vi.useFakeTimers();
    const queue = new LocalQueue({ name: "q", visibilityTimeoutSeconds: 30, logger: silentLogger });
    const sent = queue.send("hello");

    // Act
    const [first] = await queue.receive();
    const whileInFlight = await queue.receive();
    vi.advanceTimersByTime(30_000);
    const [second] = await queue.receive();
    const staleDelete = queue.delete(first?.receiptHandle ?? "");
    const freshDelete = queue.delete(second?.receiptHandle ?? "");

    // Assess
    expect(sent).toEqual({ messageId: first?.messageId, md5OfMessageBody: md5Hex("hello") });
    expect(whileInFlight).toEqual([]);
    expect([first?.receiveCount, second?.receiveCount]).toEqual([1, 2]);
    expect([staleDelete, freshDelete]).toEqual([false, true]);
    expect(queue.counts()).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
    expect(queue.stats()).toMatchObject({ sent: 1, received: 2, deleted: 1, retried: 1 });
  });

  it("holds a delayed message back for its DelaySeconds", async () => {
    // Prepare
    vi.useFakeTimers();
    const queue = new LocalQueue({ name: "q", logger: silentLogger });
    queue.send("later", { delaySeconds: 60 });

    // Act
    const early = await queue.receive();
    const countsWhileDelayed = queue.counts();
    vi.advanceTimersByTime(60_000);
    const onTime = await queue.receive();

    // Assess
    expect(early).toEqual([]);
    expect(countsWhileDelayed).toEqual({ visible: 0, notVisible: 0, delayed: 1 });
    expect(onTime.map((message) => message.body)).toEqual(["later"]);
  });

  it("long-polls until a message arrives", async () => {
    // Prepare
    const queue = new LocalQueue({ name: "q", logger: silentLogger });

    // Act
    const polling = queue.receive({ waitTimeSeconds: 20 });
    setTimeout(() => queue.send("arrived"), 5);
    const received = await polling;

    // Assess
    expect(received.map((message) => message.body)).toEqual(["arrived"]);
  });

  it("changes visibility of an in-flight message, and refuses one not in flight", async () => {
    // Prepare
    vi.useFakeTimers();
    const queue = new LocalQueue({ name: "q", visibilityTimeoutSeconds: 30, logger: silentLogger });
    queue.send("x");
    const [message] = await queue.receive();
    const handle = message?.receiptHandle ?? "";

    // Act
    queue.changeVisibility(handle, 0);
    const visibleAgain = queue.counts().visible;

    // Assess
    expect(visibleAgain).toBe(1);
    expect(() => queue.changeVisibility(handle, 10)).toThrow(MessageNotInflightError);
    expect(() => queue.changeVisibility("garbage", 10)).toThrow(ReceiptHandleIsInvalidError);
    expect(() => queue.delete("garbage")).toThrow(ReceiptHandleIsInvalidError);
  });

  it("computes MD5s of body and attributes as SQS does", () => {
    // Prepare
    const queue = new LocalQueue({ name: "q", logger: silentLogger });

    // Act
    const sent = queue.send("{}", {
      messageAttributes: { timestamp: { DataType: "Number", StringValue: "1493147359900" } },
    });

    // Assess: the attribute digest is a published SQS test vector.
    expect(sent.md5OfMessageAttributes).toBe("235c5c510d26fb653d073faed50ae77c");
    expect(sent.md5OfMessageBody).toBe("99914b932bd37a50b983c5e7c90ae93b");
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});

describe("LocalQueue: what SQS refuses", () => {
  const queue = new LocalQueue({ name: "q", logger: silentLogger });

  it.each([
    ["an empty body", () => queue.send("")],
    ["a body over 256 KB", () => queue.send("x".repeat(262_145))],
    ["a control character", () => queue.send("bell\u0007")],
    ["DelaySeconds over 900", () => queue.send("x", { delaySeconds: 901 })],
    ["a negative DelaySeconds", () => queue.send("x", { delaySeconds: -1 })],
    ["an attribute without a value", () => queue.send("x", { messageAttributes: { a: { DataType: "String" } } })],
    [
      "an attribute of unknown type",
      () => queue.send("x", { messageAttributes: { a: { DataType: "Text", StringValue: "v" } } }),
    ],
    [
      "a Number attribute that is not a number",
      () => queue.send("x", { messageAttributes: { a: { DataType: "Number", StringValue: "NaN!" } } }),
    ],
    [
      "a reserved attribute name",
      () => queue.send("x", { messageAttributes: { "AWS.x": { DataType: "String", StringValue: "v" } } }),
    ],
    [
      "more than 10 attributes",
      () =>
        queue.send("x", {
          messageAttributes: Object.fromEntries(
            Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: "String", StringValue: "v" }]),
          ),
        }),
    ],
    ["MaxNumberOfMessages 11", () => queue.receive({ maxNumberOfMessages: 11 })],
    ["WaitTimeSeconds 21", () => queue.receive({ waitTimeSeconds: 21 })],
  ])("%s", async (_name, act) => {
    // Act / Assess
    await expect(async () => act()).rejects.toThrow(InvalidQueueParameterError);
  });

  it("refuses invalid queue names and settings", () => {
    // Act / Assess
    expect(() => new LocalQueue({ name: "bad name" })).toThrow(InvalidQueueParameterError);
    expect(() => new LocalQueue({ name: "q", visibilityTimeoutSeconds: 43_201 })).toThrow(InvalidQueueParameterError);
    expect(() => new LocalQueue({ name: "q", timeScale: 0 })).toThrow(InvalidQueueParameterError);
  });
});

describe("dead-letter queue", () => {
  it("moves a message to the DLQ after maxReceiveCount receives", async () => {
    // Prepare
    vi.useFakeTimers();
    const sqs = new LocalSqs({ logger: silentLogger });
    const dlq = sqs.createQueue("ingest-dlq");
    const queue = sqs.createQueue("ingest", {
      visibilityTimeoutSeconds: 10,
      deadLetterQueue: { queue: "ingest-dlq", maxReceiveCount: 2 },
    });
    queue.send("poison");

    // Act
    const receives: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const [message] = await queue.receive();
      if (message) receives.push(message.receiveCount);
      vi.advanceTimersByTime(10_000);
    }
    const [dead] = await dlq.receive();

    // Assess
    expect(receives).toEqual([1, 2]);
    expect(dead?.body).toBe("poison");
    expect(dead?.deadLetterSourceArn).toBe(queue.arn);
    expect(dead?.receiveCount).toBe(1);
    expect(queue.stats().deadLettered).toBe(1);
  });
});

describe("LocalSqs", () => {
  it("finds queues by name and URL, with URLs in SQS's form", () => {
    // Prepare
    const sqs = new LocalSqs({ region: "eu-west-1", logger: silentLogger });
    const queue = sqs.createQueue("ingest");

    // Act
    sqs.setBaseUrl("http://127.0.0.1:4576/");

    // Assess
    expect(queue.url).toBe("http://127.0.0.1:4576/000000000000/ingest");
    expect(sqs.getQueueByUrl("http://localhost:9/000000000000/ingest")).toBe(queue);
    expect(sqs.getQueue("ingest")).toBe(queue);
    expect(() => sqs.getQueueByUrl("http://127.0.0.1:4576/000000000000/other")).toThrow(QueueDoesNotExistError);
    expect(() => sqs.getQueueByUrl("http://127.0.0.1:4576/111111111111/ingest")).toThrow(QueueDoesNotExistError);
  });

  it("refuses a second queue with the same name", () => {
    // Prepare
    const sqs = new LocalSqs({ logger: silentLogger });
    sqs.createQueue("q", { visibilityTimeoutSeconds: 60 });

    // Act / Assess
    expect(() => sqs.createQueue("q", { visibilityTimeoutSeconds: 60 })).toThrow(QueueNameExistsError);
  });

  it("idle() with a timeout names what is still pending", async () => {
    // Prepare
    const sqs = new LocalSqs({ logger: silentLogger });
    sqs.createQueue("q").send("x", { delaySeconds: 900 });

    // Act / Assess
    await expect(sqs.idle({ timeoutMs: 20 })).rejects.toThrow(IdleTimeoutError);
    await expect(sqs.idle({ timeoutMs: 20 })).rejects.toThrow(/"delayed":1/);
    await sqs.stop();
  });
});
