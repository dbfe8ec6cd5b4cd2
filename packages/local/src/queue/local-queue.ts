/**
 * An in-process SQS standard queue: per-message delay, visibility timeouts, receive counts,
 * a dead-letter queue after maxReceiveCount receives, long polling, and an optional
 * Lambda-like consumer (event-source.ts). All durations are SQS seconds, multiplied by
 * `timeScale` so tests and the demo can run a 30 s visibility timeout in 30 ms.
 */
import { IdleTimeoutError, InvalidQueueParameterError, LocalRuntimeError, MessageNotInflightError } from "../errors.ts";
import type { RuntimeLogger } from "../logger.ts";
import {
  type ConsumableQueue,
  type QueueConsumer,
  type QueueConsumerOptions,
  QueueEventSource,
} from "./event-source.ts";
import { newStoredMessage, type ReceivedMessage, type StoredMessage } from "./message.ts";
import { MessageStore } from "./message-store.ts";
import { type QueueCounts, type QueueSettings, resolveSettings } from "./settings.ts";
import type { QueueStats, ReceiveOptions, SendMessageOptions, SendMessageResult } from "./types.ts";
import { checkDelaySeconds, checkMessage, checkReceiveOptions, checkVisibility } from "./validation.ts";

/**
 * @example
 * const dlq = new LocalQueue({ name: "ingest-dlq" });
 * const queue = new LocalQueue({ name: "ingest", visibilityTimeoutSeconds: 30, deadLetterQueue: { queue: dlq, maxReceiveCount: 3 }, timeScale: 0.001 });
 * queue.consume(ingestHandler, { batchSize: 10, maxConcurrency: 2 });
 * queue.send(JSON.stringify(event), { delaySeconds: 60 });
 * await queue.idle();
 */
export class LocalQueue implements ConsumableQueue {
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly arn: string;
  readonly settings: QueueSettings;
  readonly createdAt: number;
  /** Set by LocalSqs to the endpoint's URL form; a placeholder otherwise. */
  url: string;
  readonly #store: MessageStore;
  readonly #logger: RuntimeLogger;
  readonly #stats: QueueStats = { sent: 0, received: 0, deleted: 0, retried: 0, deadLettered: 0 };
  #source: QueueEventSource | undefined;
  readonly #changeListeners = new Set<() => void>();
  #receiveWaiters = new Set<() => void>();
  #idleWaiters = new Set<() => void>();
  #wakeTimer: NodeJS.Timeout | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  /** After stop(): long polls return at once. */
  #closed = false;
  /** Wall-clock ms; injectable so tests can make time pass between two statements, as a busy machine does. */
  readonly #now: () => number;

  constructor(
    options: Partial<QueueSettings> & {
      name: string;
      region?: string;
      accountId?: string;
      url?: string;
      logger?: RuntimeLogger;
      clock?: () => number;
    },
  ) {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(options.name)) {
      throw new InvalidQueueParameterError(
        "QueueName",
        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
      );
    }
    this.name = options.name;
    this.region = options.region ?? "us-east-1";
    this.accountId = options.accountId ?? "000000000000";
    this.arn = `arn:aws:sqs:${this.region}:${this.accountId}:${this.name}`;
    this.url = options.url ?? `http://127.0.0.1/${this.accountId}/${this.name}`;
    this.settings = resolveSettings(options);
    this.#store = new MessageStore(this.name);
    this.#logger = options.logger ?? console;
    this.#now = options.clock ?? Date.now;
    this.createdAt = this.#now();
  }

  toMs(seconds: number): number {
    return seconds * 1000 * this.settings.timeScale;
  }

  /** SendMessage. Throws InvalidQueueParameterError for what SQS refuses. */
  send(body: string, options: SendMessageOptions = {}): SendMessageResult {
    const delaySeconds = options.delaySeconds ?? 0;
    checkDelaySeconds(delaySeconds);
    const messageAttributes = options.messageAttributes ?? {};
    checkMessage(body, messageAttributes);
    const message = newStoredMessage(
      body,
      messageAttributes,
      options.awsTraceHeader,
      this.#now(),
      this.toMs(delaySeconds),
    );
    this.#store.add(message);
    this.#stats.sent += 1;
    if (delaySeconds > 0) this.#wakeBy(message.visibleAt);
    this.#changed();
    return {
      messageId: message.messageId,
      md5OfMessageBody: message.md5OfBody,
      ...(message.md5OfMessageAttributes ? { md5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    };
  }

  /** ReceiveMessage, with long polling when waitTimeSeconds > 0. */
  async receive(options: ReceiveOptions = {}): Promise<ReceivedMessage[]> {
    const { max, visibility, wait } = checkReceiveOptions(options, this.settings);
    const deadline = this.#now() + this.toMs(wait);
    for (;;) {
      const taken = this.#take(max, this.toMs(visibility));
      if (taken.length > 0 || this.#now() >= deadline || this.#closed) return taken;
      await new Promise<void>((resolve) => {
        const waiter = () => {
          clearTimeout(timer);
          this.#receiveWaiters.delete(waiter);
          resolve();
        };
        const timer = setTimeout(waiter, Math.max(0, deadline - this.#now()));
        this.#receiveWaiters.add(waiter);
        this.#rescan();
      });
    }
  }

  /** DeleteMessage. A stale handle (the message was received again, or is gone) deletes nothing, as on SQS. */
  delete(receiptHandle: string): boolean {
    const message = this.#store.byHandle(receiptHandle);
    if (!message) return false;
    this.#store.remove(message);
    this.#stats.deleted += 1;
    this.#changed();
    return true;
  }

  /** ChangeMessageVisibility: the message stays in flight for `seconds` from now (0 makes it visible). */
  changeVisibility(receiptHandle: string, seconds: number): void {
    checkVisibility(seconds);
    const message = this.#store.byHandle(receiptHandle);
    if (!message || message.visibleAt <= this.#now()) throw new MessageNotInflightError();
    message.visibleAt = this.#now() + this.toMs(seconds);
    message.visibilityChanged = true;
    this.#wakeBy(message.visibleAt);
    this.#changed();
  }

  /** Drops every message (tests reset a queue between cases). */
  purge(): number {
    const count = this.#store.clear();
    this.#changed();
    return count;
  }

  /** Attaches the Lambda-like consumer (one per queue, like an event source mapping). */
  consume(consumer: QueueConsumer, options: QueueConsumerOptions = {}): void {
    if (this.#source && !this.#source.stopped) throw new LocalRuntimeError(`Queue ${this.name} already has a consumer`);
    this.#closed = false;
    this.#source = new QueueEventSource(this, consumer, options, this.#logger);
    this.#changed();
    this.#rescan();
  }

  /** Stops the consumer and the timers, waiting for running batches. Messages stay. */
  async stop(): Promise<void> {
    this.#closed = true;
    await this.#source?.stop();
    clearTimeout(this.#wakeTimer);
    this.#wakeAt = Number.POSITIVE_INFINITY;
    for (const wake of [...this.#receiveWaiters]) wake();
    this.#checkIdle();
  }

  counts(): QueueCounts {
    return this.#store.counts(this.#now());
  }

  stats(): QueueStats {
    return { ...this.#stats };
  }

  /**
   * Resolves when nothing is in flight, delayed or awaiting a retry, no batch is running, and
   * (with a consumer) nothing is waiting to be consumed. With `timeoutMs`, rejects with
   * IdleTimeoutError naming what is still pending.
   */
  idle(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.#idleWaiters.delete(waiter);
              const counts = this.counts();
              reject(
                new IdleTimeoutError(
                  `queue ${this.name} not idle after ${options.timeoutMs} ms: ${JSON.stringify({ ...counts, running: this.#source?.running ?? 0 })}`,
                ),
              );
            }, options.timeoutMs);
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#idleWaiters.add(waiter);
      this.#rescan();
    });
  }

  // ConsumableQueue: used by the event source.

  countReady(limit: number): number {
    this.#sweepExhausted();
    return this.#store.countVisible(this.#now(), limit);
  }

  take(max: number): ReceivedMessage[] {
    return this.#take(max, this.toMs(this.settings.visibilityTimeoutSeconds));
  }

  settle(message: ReceivedMessage, outcome: "delete" | "retry"): void {
    if (outcome === "delete") {
      this.delete(message.receiptHandle);
      return;
    }
    const stored = this.#store.byHandle(message.receiptHandle);
    // The consumer set the visibility itself (its backoff): Lambda leaves it as is, so do we.
    if (!stored || stored.visibilityChanged) return;
    const { multiplier, maxSeconds } = this.settings.retryBackoff;
    const delaySeconds = Math.min(
      maxSeconds,
      this.settings.visibilityTimeoutSeconds * multiplier ** (stored.receiveCount - 1),
    );
    stored.visibleAt = this.#now() + this.toMs(delaySeconds);
    this.#wakeBy(stored.visibleAt);
    for (const listener of this.#changeListeners) listener();
  }

  changed(): void {
    this.#changed();
  }

  /** Called after every change of the queue's messages (persistence.ts writes them to disk). */
  onChange(listener: () => void): void {
    this.#changeListeners.add(listener);
  }

  /** Copies of every message, in delivery order (for persistence). */
  messages(): StoredMessage[] {
    return this.#store.all().map((message) => ({ ...message }));
  }

  /**
   * Puts back messages from an earlier process. A message that was in flight there had
   * lost its consumer: it is visible at once, unless the consumer had set its visibility
   * (a backoff), which is kept. Receipt handles from before are void.
   */
  restore(messages: StoredMessage[]): void {
    const now = this.#now();
    for (const message of messages) {
      const orphaned = message.receiptHandle !== undefined && !message.visibilityChanged;
      this.#store.add({
        ...message,
        receiptHandle: undefined,
        visibilityChanged: undefined,
        visibleAt: orphaned ? Math.min(message.visibleAt, now) : message.visibleAt,
      });
    }
    this.#changed();
  }

  // Internals.

  #take(max: number, visibilityMs: number): ReceivedMessage[] {
    this.#sweepExhausted();
    const now = this.#now();
    const received = this.#store.receive(max, now, visibilityMs);
    this.#stats.received += received.length;
    this.#stats.retried += received.filter((message) => message.receiveCount > 1).length;
    if (received.length > 0) this.#wakeBy(now + visibilityMs);
    return received;
  }

  /** SQS moves a message to the DLQ when it would be received once more than maxReceiveCount. */
  #sweepExhausted(): void {
    const policy = this.settings.deadLetterQueue;
    if (!policy) return;
    for (const message of this.#store.takeExhausted(this.#now(), policy.maxReceiveCount)) {
      policy.queue.#accept(message, this.arn);
      this.#stats.deadLettered += 1;
    }
  }

  #accept(message: StoredMessage, deadLetterSourceArn: string | undefined): void {
    this.#store.add({
      ...message,
      receiveCount: 0,
      firstReceivedAt: undefined,
      receiptHandle: undefined,
      visibleAt: this.#now(),
      deadLetterSourceArn,
    });
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.#changeListeners) listener();
    for (const wake of [...this.#receiveWaiters]) wake();
    this.#source?.pump();
    this.#checkIdle();
  }

  /** True when idle() would resolve now. */
  isIdle(): boolean {
    if ((this.#source?.running ?? 0) > 0) return false;
    // With a consumer every message is pending work; without one, only delayed and in-flight ones are.
    if (this.#consuming()) return this.#store.size === 0;
    return this.#store.nextVisibleAt(this.#now()) === Number.POSITIVE_INFINITY;
  }

  #checkIdle(): void {
    if (this.#idleWaiters.size === 0 || !this.isIdle()) return;
    const waiters = [...this.#idleWaiters];
    this.#idleWaiters.clear();
    for (const wake of waiters) wake();
  }

  #consuming(): boolean {
    return this.#source !== undefined && !this.#source.stopped;
  }

  /** Timers only run while someone waits on visibility: a consumer, a long poll, an idle() call. */
  #watched(): boolean {
    return this.#consuming() || this.#receiveWaiters.size > 0 || this.#idleWaiters.size > 0;
  }

  /** A message becomes visible at `at`: make sure the one timer fires by then (O(1) per change). */
  #wakeBy(at: number): void {
    if (at < this.#wakeAt && this.#watched()) this.#setTimer(at);
  }

  /** Finds the next visibility moment by a full scan: when someone starts watching, and after each wake. */
  #rescan(): void {
    if (!this.#watched()) return;
    const next = this.#store.nextVisibleAt(this.#now());
    if (next < this.#wakeAt) this.#setTimer(next);
  }

  #setTimer(at: number): void {
    clearTimeout(this.#wakeTimer);
    this.#wakeAt = at;
    this.#wakeTimer = setTimeout(
      () => {
        this.#wakeAt = Number.POSITIVE_INFINITY;
        // Re-arm before delivering. The other order loses a message that turns visible
        // between the two (too late for the delivery, too early for the re-arm): it then
        // waits, visible, for the next unrelated change.
        this.#rescan();
        this.#changed();
      },
      Math.max(0, at - this.#now()),
    );
  }
}
