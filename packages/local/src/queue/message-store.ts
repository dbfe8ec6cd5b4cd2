/**
 * A queue's messages and their state over time, with no timers: a message is delayed,
 * visible or in flight depending on `visibleAt` against the clock the caller passes in.
 * Insertion order is delivery order (SQS standard queues promise only best effort).
 */
import { ReceiptHandleIsInvalidError } from "../errors.ts";
import { newReceiptHandle, parseReceiptHandle, type ReceivedMessage, type StoredMessage } from "./message.ts";
import type { QueueCounts } from "./settings.ts";

export class MessageStore {
  readonly #queueName: string;
  readonly #messages = new Map<string, StoredMessage>();

  constructor(queueName: string) {
    this.#queueName = queueName;
  }

  get size(): number {
    return this.#messages.size;
  }

  add(message: StoredMessage): void {
    this.#messages.set(message.messageId, message);
  }

  remove(message: StoredMessage): void {
    this.#messages.delete(message.messageId);
  }

  all(): StoredMessage[] {
    return [...this.#messages.values()];
  }

  clear(): number {
    const count = this.#messages.size;
    this.#messages.clear();
    return count;
  }

  /** Receives up to `max` visible messages: a new receipt handle each, in flight for `visibilityMs`. */
  receive(max: number, now: number, visibilityMs: number): ReceivedMessage[] {
    const received: ReceivedMessage[] = [];
    for (const message of this.#messages.values()) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.receiptHandle = newReceiptHandle(this.#queueName, message.messageId);
      message.visibleAt = now + visibilityMs;
      message.visibilityChanged = false;
      received.push({ ...message, receiptHandle: message.receiptHandle });
    }
    return received;
  }

  /** Removes and returns visible messages already received `maxReceiveCount` times (bound for the DLQ). */
  takeExhausted(now: number, maxReceiveCount: number): StoredMessage[] {
    return this.#takeWhere((message) => message.visibleAt <= now && message.receiveCount >= maxReceiveCount);
  }

  /**
   * The message a receipt handle names, if the handle is its latest; undefined for a stale
   * handle. Throws ReceiptHandleIsInvalidError for a handle this queue never issued.
   */
  byHandle(receiptHandle: string): StoredMessage | undefined {
    const parsed = parseReceiptHandle(receiptHandle);
    if (!parsed || parsed.queueName !== this.#queueName) throw new ReceiptHandleIsInvalidError(receiptHandle);
    const message = this.#messages.get(parsed.messageId);
    return message?.receiptHandle === receiptHandle ? message : undefined;
  }

  counts(now: number): QueueCounts {
    const counts: QueueCounts = { visible: 0, notVisible: 0, delayed: 0 };
    for (const message of this.#messages.values()) {
      if (message.visibleAt <= now) counts.visible += 1;
      else if (message.receiveCount === 0) counts.delayed += 1;
      else counts.notVisible += 1;
    }
    return counts;
  }

  /** Visible messages, counting no further than `limit`. */
  countVisible(now: number, limit: number): number {
    let visible = 0;
    for (const message of this.#messages.values()) {
      if (message.visibleAt <= now && ++visible >= limit) break;
    }
    return visible;
  }

  /** When the next delayed or in-flight message becomes visible (Infinity if none will). */
  nextVisibleAt(now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const message of this.#messages.values()) {
      if (message.visibleAt > now && message.visibleAt < next) next = message.visibleAt;
    }
    return next;
  }

  #takeWhere(wanted: (message: StoredMessage) => boolean): StoredMessage[] {
    const taken: StoredMessage[] = [];
    for (const message of this.#messages.values()) {
      if (!wanted(message)) continue;
      this.#messages.delete(message.messageId);
      taken.push(message);
    }
    return taken;
  }
}
