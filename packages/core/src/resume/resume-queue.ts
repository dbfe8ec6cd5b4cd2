/**
 * The resume queue: a delayed message per claimed attempt, consumed by the resume
 * worker once the backoff has passed (no Lambda sleeps through the wait).
 */
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import * as z from "zod";
import { ACCOUNT_ID, REGION } from "../accounts/account.ts";
import { InvalidResumeRequestError } from "./errors.ts";
import { MAX_QUEUE_DELAY_SECONDS } from "./policy.ts";

/** The body of a resume-queue message. */
export interface ResumeRequest {
  kind: "resume";
  /** The run's account and region; absent (older messages, a single-account tracker): the home account's. */
  accountId?: string;
  region?: string;
  workflowName: string;
  runId: string;
  nodeIds: string[];
  attempt: number;
  /** The claim's LastAttemptAt: the worker acts only while the stored claim still carries it. */
  claimedAt: string;
  /** Not before this time (ISO); the worker re-queues a message that arrives early. */
  notBefore: string;
}

export interface ResumeQueue {
  /** Sends the request, visible after `delaySeconds` (capped at 900 by SQS). */
  send(request: ResumeRequest, delaySeconds: number): Promise<void>;
}

const resumeRequestSchema = z.object({
  kind: z.literal("resume"),
  accountId: z.string().regex(ACCOUNT_ID).optional(),
  region: z.string().regex(REGION).optional(),
  workflowName: z.string().min(1),
  runId: z.string().min(1),
  nodeIds: z.array(z.string().min(1)).min(1),
  attempt: z.number().int().min(1),
  claimedAt: z.string().min(1),
  notBefore: z.iso.datetime(),
});

/**
 * Parses a message body; throws InvalidResumeRequestError for anything else.
 *
 * @example
 * const request = parseResumeRequest(record.body);
 */
export function parseResumeRequest(body: string): ResumeRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new InvalidResumeRequestError("The resume message is not JSON", { cause: error });
  }
  const parsed = resumeRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidResumeRequestError(
      `The resume message is not a resume request (${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"})`,
    );
  }
  return parsed.data;
}

/** SQS's DelaySeconds: a whole number in 0–900. */
export function queueDelay(seconds: number): number {
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil(seconds)));
}

/**
 * A ResumeQueue over SQS (AWS, or the local runtime's SQS-compatible endpoint).
 *
 * @example
 * const queue = createSqsResumeQueue({ client: createSqsClient(), queueUrl: required(env, ConfigName.ResumeQueueUrl) });
 * await queue.send(request, 120);
 */
export function createSqsResumeQueue(options: { client: Pick<SQSClient, "send">; queueUrl: string }): ResumeQueue {
  return {
    async send(request, delaySeconds) {
      await options.client.send(
        new SendMessageCommand({
          QueueUrl: options.queueUrl,
          MessageBody: JSON.stringify(request),
          DelaySeconds: queueDelay(delaySeconds),
        }),
      );
    },
  };
}
