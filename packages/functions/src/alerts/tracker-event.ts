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
    outcome: z.enum(["RUNNING", "SUCCEEDED", "FAILED", "STOPPED", "ERROR", "UNKNOWN"]),
    failedNodes: z.array(failedNodeSchema).default([]),
    closedReason: z.string().optional(),
  }),
});

const resumeFailedSchema = z.object({
  source: z.literal(Events.TRACKER_SOURCE),
  "detail-type": z.literal(Events.TrackerDetailType.RunResumeFailed),
  detail: z.looseObject({
    workflowName: z.string().min(1),
    runId: z.string().min(1),
    nodeIds: z.array(z.string()),
    attempt: z.number().int().positive(),
    glueError: z.string(),
  }),
});

const alertEventSchema = z.discriminatedUnion("detail-type", [stateChangeSchema, resumeFailedSchema]);

/** What the alerts queue carries: run transitions, and auto-resumes Glue refused. */
export type AlertEvent =
  | { type: typeof Events.TrackerDetailType.RunStateChange; detail: Events.RunStateChangeDetail }
  | { type: typeof Events.TrackerDetailType.RunResumeFailed; detail: Events.RunResumeFailedDetail };

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
  return parseTrackerEvent(body, stateChangeSchema, Events.TrackerDetailType.RunStateChange)
    .detail as Events.RunStateChangeDetail;
}

/**
 * @example
 * const event = parseAlertEvent(record.body);
 * if (event.type === "Glue Workflow Run Resume Failed") console.log(event.detail.glueError);
 */
export function parseAlertEvent(body: string): AlertEvent {
  const event = parseTrackerEvent(body, alertEventSchema, "tracker alert");
  return { type: event["detail-type"], detail: event.detail } as AlertEvent;
}

function parseTrackerEvent<T extends z.ZodType>(body: string, schema: T, expected: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new UnreadableTrackerEventError("The message body is not JSON", { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnreadableTrackerEventError(
      `The message is not a "${expected}" event (${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"})`,
    );
  }
  return parsed.data;
}
