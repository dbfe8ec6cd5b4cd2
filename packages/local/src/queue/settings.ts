/**
 * A queue's settings (SQS queue attributes plus the local retry backoff and time scale),
 * their defaults and ranges, and the attribute map GetQueueAttributes returns.
 */
import { InvalidQueueParameterError } from "../errors.ts";
import type { LocalQueue } from "./local-queue.ts";
import { checkDelaySeconds } from "./validation.ts";

export interface QueueSettings {
  /** Default 30 s (SQS: 0–43,200). */
  visibilityTimeoutSeconds: number;
  /** Queue-level delay for messages sent without DelaySeconds. Default 0 (0–900). */
  delaySeconds: number;
  /** Default 262,144 bytes (SQS: 1,024–262,144). */
  maximumMessageSize: number;
  /** Reported only; messages are not expired locally. Default 4 days. */
  messageRetentionPeriodSeconds: number;
  /** Default long-poll wait for ReceiveMessage (0–20). Default 0. */
  receiveMessageWaitTimeSeconds: number;
  /** SQS RedrivePolicy: after maxReceiveCount receives a message moves to `queue`. */
  deadLetterQueue: { queue: LocalQueue; maxReceiveCount: number } | undefined;
  /**
   * Local event source only: a failed message becomes visible again after
   * visibilityTimeout × multiplier^(receives − 1) seconds, capped at maxSeconds. Default ×2, ≤ 900 s.
   */
  retryBackoff: { multiplier: number; maxSeconds: number };
  /** Multiplies every duration (1 = real time, 0.001 = a second per millisecond). Default 1. */
  timeScale: number;
}

export interface QueueCounts {
  visible: number;
  notVisible: number;
  delayed: number;
}

export function resolveSettings(options: Partial<QueueSettings>): QueueSettings {
  const settings: QueueSettings = {
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
    delaySeconds: options.delaySeconds ?? 0,
    maximumMessageSize: options.maximumMessageSize ?? 262_144,
    messageRetentionPeriodSeconds: options.messageRetentionPeriodSeconds ?? 345_600,
    receiveMessageWaitTimeSeconds: options.receiveMessageWaitTimeSeconds ?? 0,
    deadLetterQueue: options.deadLetterQueue,
    retryBackoff: { multiplier: 2, maxSeconds: 900, ...options.retryBackoff },
    timeScale: options.timeScale ?? 1,
  };
  inRange("VisibilityTimeout", settings.visibilityTimeoutSeconds, 0, 43_200);
  checkDelaySeconds(settings.delaySeconds, "DelaySeconds");
  inRange("MaximumMessageSize", settings.maximumMessageSize, 1_024, 262_144);
  inRange("MessageRetentionPeriod", settings.messageRetentionPeriodSeconds, 60, 1_209_600);
  inRange("ReceiveMessageWaitTimeSeconds", settings.receiveMessageWaitTimeSeconds, 0, 20);
  if (settings.deadLetterQueue) inRange("maxReceiveCount", settings.deadLetterQueue.maxReceiveCount, 1, 1_000);
  if (!(settings.retryBackoff.multiplier >= 1) || !(settings.retryBackoff.maxSeconds >= 0)) {
    throw new InvalidQueueParameterError("retryBackoff", "retryBackoff needs multiplier >= 1 and maxSeconds >= 0");
  }
  if (!(settings.timeScale > 0) || !Number.isFinite(settings.timeScale)) {
    throw new InvalidQueueParameterError("timeScale", "timeScale must be a positive number");
  }
  return settings;
}

/** GetQueueAttributes' map, every value a string as SQS returns it. */
export function queueAttributes(
  queue: { arn: string; createdAt: number; settings: QueueSettings },
  counts: QueueCounts,
): Record<string, string> {
  const { settings } = queue;
  const created = String(Math.floor(queue.createdAt / 1000));
  const attributes: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: created,
    LastModifiedTimestamp: created,
    VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
    MaximumMessageSize: String(settings.maximumMessageSize),
    MessageRetentionPeriod: String(settings.messageRetentionPeriodSeconds),
    DelaySeconds: String(settings.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(settings.receiveMessageWaitTimeSeconds),
    SqsManagedSseEnabled: "false",
  };
  if (settings.deadLetterQueue) {
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: settings.deadLetterQueue.queue.arn,
      maxReceiveCount: settings.deadLetterQueue.maxReceiveCount,
    });
  }
  return attributes;
}

function inRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidQueueParameterError(
      name,
      `Invalid value for the parameter ${name}: ${value} (allowed ${min} to ${max}).`,
    );
  }
}
