/**
 * A queue's settings: the SQS attributes the stacks set (visibility timeout, redrive
 * policy) plus the local retry backoff and time scale, with their defaults and ranges.
 */
import { InvalidQueueParameterError } from "../errors.ts";
import type { LocalQueue } from "./local-queue.ts";

export interface QueueSettings {
  /** Default 30 s (SQS: 0–43,200). */
  visibilityTimeoutSeconds: number;
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
    deadLetterQueue: options.deadLetterQueue,
    retryBackoff: { multiplier: 2, maxSeconds: 900, ...options.retryBackoff },
    timeScale: options.timeScale ?? 1,
  };
  inRange("VisibilityTimeout", settings.visibilityTimeoutSeconds, 0, 43_200);
  if (settings.deadLetterQueue) inRange("maxReceiveCount", settings.deadLetterQueue.maxReceiveCount, 1, 1_000);
  if (!(settings.retryBackoff.multiplier >= 1) || !(settings.retryBackoff.maxSeconds >= 0)) {
    throw new InvalidQueueParameterError("retryBackoff", "retryBackoff needs multiplier >= 1 and maxSeconds >= 0");
  }
  if (!(settings.timeScale > 0) || !Number.isFinite(settings.timeScale)) {
    throw new InvalidQueueParameterError("timeScale", "timeScale must be a positive number");
  }
  return settings;
}

function inRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidQueueParameterError(
      name,
      `Invalid value for the parameter ${name}: ${value} (allowed ${min} to ${max}).`,
    );
  }
}
