/**
 * The shapes LocalQueue's operations take and give.
 */
import type { MessageAttributes } from "./message.ts";

export interface SendMessageOptions {
  /** Per-message delay, 0–900 s. Default 0. */
  delaySeconds?: number;
  messageAttributes?: MessageAttributes;
  /** The AWSTraceHeader system attribute. */
  awsTraceHeader?: string;
}

export interface SendMessageResult {
  messageId: string;
  md5OfMessageBody: string;
  md5OfMessageAttributes?: string;
}

export interface ReceiveOptions {
  /** 1–10. Default 1. */
  maxNumberOfMessages?: number;
  /** Overrides the queue's visibility timeout for these messages (0–43,200 s). */
  visibilityTimeoutSeconds?: number;
  /** Long polling, 0–20 s. Default 0. */
  waitTimeSeconds?: number;
}

export interface QueueStats {
  sent: number;
  /** Receives, by the consumer or ReceiveMessage (a message received 3 times counts 3). */
  received: number;
  deleted: number;
  /** Receives after the first: redeliveries after a failure or an expired visibility timeout. */
  retried: number;
  deadLettered: number;
}
