/**
 * Reading a tracker event from an SQS record: the tracker bus's rule delivers the
 * whole EventBridge event as the message body.
 */
import { Events } from "@glue-run-tracker/core";
import { z } from "zod";

const failedNodeSchema = z.object({
  NodeId: z.string(),
  Type: z.enum(["JOB", "CRAWLER"]),
  Name: z.string(),
  State: z.string(),
  ErrorMessage: z.string().optional(),
});

const stateChangeSchema = z.object({
  source: z.literal(Events.TRACKER_SOURCE),
  "detail-type": z.literal(Events.TrackerDetailType.RunStateChange),
  detail: z.looseObject({
    workflowName: z.string().min(1),
    runId: z.string().min(1),
    previousRunId: z.string().optional(),
    status: z.enum(["RUNNING", "COMPLETED", "STOPPING", "STOPPED", "ERROR"]),
    outcome: z.enum(["RUNNING", "SUCCEEDED", "FAILED", "STOPPED", "ERROR"]),
    failedNodes: z.array(failedNodeSchema).default([]),
  }),
});

/** A message body that is not a tracker state change (it is retried, then lands in the DLQ). */
export class UnreadableTrackerEventError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "UnreadableTrackerEventError";
  }
}

/**
 * @example
 * const detail = parseStateChange(record.body); // detail.workflowName, detail.outcome…
 */
export function parseStateChange(body: string): Events.RunStateChangeDetail {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new UnreadableTrackerEventError("The message body is not JSON", { cause: error });
  }
  const parsed = stateChangeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnreadableTrackerEventError(
      `The message is not a "${Events.TrackerDetailType.RunStateChange}" event (${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"})`,
    );
  }
  return parsed.data.detail as Events.RunStateChangeDetail;
}
