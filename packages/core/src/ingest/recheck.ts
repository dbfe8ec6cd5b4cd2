/**
 * Re-checks. Glue updates a run's Status only after its last action ends, and no
 * event says so; a run that still looks RUNNING once nothing runs in it gets a
 * delayed message on the ingest queue, with backoff, until it is terminal.
 */
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { TERMINAL_RUN_STATUSES } from "@glue-run-tracker/glue-model";
import type { RunSnapshot } from "../workflow-run/types.ts";
import type { RecheckMessage } from "./messages.ts";

export interface RecheckScheduler {
  schedule(message: RecheckMessage, delaySeconds: number): Promise<void>;
}

export interface RecheckPolicy {
  /** Delay of the first re-check (seconds). */
  baseDelaySeconds: number;
  /** Cap of the doubling backoff; SQS allows at most 900 s. */
  maxDelaySeconds: number;
  /** After this many re-checks the reconciler takes over. */
  maxAttempts: number;
}

export const DEFAULT_RECHECK_POLICY: RecheckPolicy = { baseDelaySeconds: 10, maxDelaySeconds: 900, maxAttempts: 12 };

/** SQS caps DelaySeconds at 15 minutes. */
const SQS_MAX_DELAY_SECONDS = 900;

/**
 * Delay before re-check number `attempt` (1-based): base × 2^(attempt-1), capped.
 *
 * @example
 * recheckDelaySeconds(3, DEFAULT_RECHECK_POLICY); // 40
 */
export function recheckDelaySeconds(attempt: number, policy: RecheckPolicy): number {
  const delay = policy.baseDelaySeconds * 2 ** Math.max(0, attempt - 1);
  return Math.min(Math.round(delay), policy.maxDelaySeconds, SQS_MAX_DELAY_SECONDS);
}

/**
 * Whether a run observed after an action ended needs another look: it is STOPPING,
 * or RUNNING with no action running (Glue has not closed it yet). A run with actions
 * still running needs none: those actions' own events will come.
 */
export function needsRecheck(run: RunSnapshot): boolean {
  if (!run.Status || TERMINAL_RUN_STATUSES.has(run.Status)) return false;
  if (run.Status === "STOPPING") return true;
  const stats = run.Statistics;
  return (stats?.RunningActions ?? 0) === 0 && (stats?.WaitingActions ?? 0) === 0;
}

/**
 * Sends re-checks to the ingest queue.
 *
 * @example
 * const rechecks = createSqsRecheckScheduler({ client: createSqsClient(), queueUrl: env.INGEST_QUEUE_URL });
 * await rechecks.schedule({ kind: "recheck", workflowName: "nightly", runId: "wr_1", attempt: 1 }, 10);
 */
export function createSqsRecheckScheduler(options: { client: SQSClient; queueUrl: string }): RecheckScheduler {
  return {
    async schedule(message, delaySeconds) {
      await options.client.send(
        new SendMessageCommand({
          QueueUrl: options.queueUrl,
          MessageBody: JSON.stringify(message),
          DelaySeconds: Math.min(Math.max(0, Math.round(delaySeconds)), SQS_MAX_DELAY_SECONDS),
        }),
      );
    },
  };
}
