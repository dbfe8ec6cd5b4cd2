/**
 * The Lambda SQS event source mapping, locally: polls a queue, builds batches (size and
 * batching window), invokes the consumer under a concurrency cap, deletes what succeeded
 * and returns the rest for a retry (partial batch responses, or the whole batch on a throw).
 */
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { createLambdaContext } from "../lambda/context.ts";
import type { RuntimeLogger } from "../logger.ts";
import { type ReceivedMessage, toSqsRecord } from "./message.ts";

/**
 * A Lambda SQS handler: `SQSHandler` from aws-lambda fits, so does a middy handler. It should
 * return (or resolve to) nothing or an SQSBatchResponse; anything else is judged as Lambda does.
 */
export type QueueConsumer = (event: SQSEvent, context: Context) => unknown;

export interface QueueConsumerOptions {
  /** Records per invocation (Lambda: 1–10,000). Default 10. */
  batchSize?: number;
  /** How long to gather a fuller batch once a message is waiting (Lambda: 0–300 s). Default 0. */
  maximumBatchingWindowSeconds?: number;
  /** Concurrent invocations, as Lambda's ScalingConfig.MaximumConcurrency. Default 2. */
  maxConcurrency?: number;
  /** For the Lambda context. Default "<queue>-consumer". */
  functionName?: string;
  /** The function timeout the context counts down from. Default 30 s. */
  functionTimeoutSeconds?: number;
}

/** What the event source needs from a queue. LocalQueue implements it. */
export interface ConsumableQueue {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly accountId: string;
  /** Converts queue seconds to wall-clock ms (the queue's time scale). */
  toMs(seconds: number): number;
  /** Visible messages ready for a batch (at most `limit`), after moving exhausted ones to the DLQ. */
  countReady(limit: number): number;
  /** Receives up to `max` messages with the queue's visibility timeout. */
  take(max: number): ReceivedMessage[];
  /** A processed message: deleted, or returned for a retry after the backoff. */
  settle(message: ReceivedMessage, outcome: "delete" | "retry"): void;
  /** Called when the event source's state changed (a batch finished). */
  changed(): void;
}

export class QueueEventSource {
  readonly #queue: ConsumableQueue;
  readonly #consumer: QueueConsumer;
  readonly #logger: RuntimeLogger;
  readonly #batchSize: number;
  readonly #windowMs: number;
  readonly #maxConcurrency: number;
  readonly #functionName: string;
  readonly #timeoutMs: number;
  readonly #running = new Set<Promise<void>>();
  #windowDeadline: number | undefined;
  #windowTimer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(queue: ConsumableQueue, consumer: QueueConsumer, options: QueueConsumerOptions, logger: RuntimeLogger) {
    this.#queue = queue;
    this.#consumer = consumer;
    this.#logger = logger;
    this.#batchSize = options.batchSize ?? 10;
    this.#windowMs = queue.toMs(options.maximumBatchingWindowSeconds ?? 0);
    this.#maxConcurrency = options.maxConcurrency ?? 2;
    this.#functionName = options.functionName ?? `${queue.name}-consumer`;
    this.#timeoutMs = (options.functionTimeoutSeconds ?? 30) * 1000;
  }

  /** Invocations in progress. */
  get running(): number {
    return this.#running.size;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Starts as many batches as the concurrency cap and the batching window allow. */
  pump(): void {
    while (!this.#stopped && this.#running.size < this.#maxConcurrency) {
      const ready = this.#queue.countReady(this.#batchSize);
      if (ready === 0) {
        this.#windowDeadline = undefined;
        return;
      }
      if (ready < this.#batchSize && this.#windowMs > 0) {
        // Lambda waits up to the window for a full batch, then sends what it has.
        this.#windowDeadline ??= Date.now() + this.#windowMs;
        if (Date.now() < this.#windowDeadline) {
          this.#armWindowTimer(this.#windowDeadline);
          return;
        }
      }
      this.#windowDeadline = undefined;
      const batch = this.#queue.take(this.#batchSize);
      if (batch.length === 0) return;
      const invocation = this.#invoke(batch).finally(() => {
        this.#running.delete(invocation);
        this.#queue.changed();
      });
      this.#running.add(invocation);
    }
  }

  /** Stops starting batches and waits for the running ones. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#windowTimer);
    await Promise.allSettled([...this.#running]);
  }

  #armWindowTimer(at: number): void {
    clearTimeout(this.#windowTimer);
    this.#windowTimer = setTimeout(() => this.pump(), Math.max(0, at - Date.now()));
  }

  async #invoke(batch: ReceivedMessage[]): Promise<void> {
    const event: SQSEvent = { Records: batch.map((message) => toSqsRecord(message, this.#queue)) };
    const context = createLambdaContext({
      functionName: this.#functionName,
      timeoutMs: this.#timeoutMs,
      region: this.#queue.region,
      accountId: this.#queue.accountId,
    });
    let failed: Set<string>;
    try {
      failed = this.#failedIds(await this.#consumer(event, context), batch);
    } catch (error) {
      this.#logger.error(`[queue] ${this.#queue.name}: consumer threw; the batch of ${batch.length} returns`, error);
      failed = new Set(batch.map((message) => message.messageId));
    }
    for (const message of batch) this.#queue.settle(message, failed.has(message.messageId) ? "retry" : "delete");
  }

  /**
   * Lambda's rules: no response, null or empty batchItemFailures = success; an identifier
   * that is empty, missing or not in the batch fails the whole batch.
   */
  #failedIds(response: unknown, batch: ReceivedMessage[]): Set<string> {
    const all = new Set(batch.map((message) => message.messageId));
    if (response === undefined || response === null) return new Set();
    if (typeof response !== "object") return all;
    const failures = (response as Partial<SQSBatchResponse>).batchItemFailures;
    if (failures === undefined || failures === null) return new Set();
    if (!Array.isArray(failures)) return all;
    const failed = new Set<string>();
    for (const failure of failures) {
      const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
      if (typeof id !== "string" || !all.has(id)) {
        this.#logger.warn(`[queue] ${this.#queue.name}: invalid batchItemFailures entry; the whole batch returns`);
        return all;
      }
      failed.add(id);
    }
    return failed;
  }
}
