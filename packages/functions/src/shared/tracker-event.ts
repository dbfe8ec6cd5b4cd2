/**
 * Reading a tracker event from an SQS record: the tracker bus's rule delivers the
 * whole EventBridge event as the message body. The schemas are core's
 * (Events.*EventSchema), the one definition of the tracker-event contract.
 */
import { Events } from "@glue-run-tracker/core";
import * as z from "zod";

const alertEventSchema = z.discriminatedUnion("detail-type", [
  Events.RunStateChangeEventSchema,
  Events.RunResumeFailedEventSchema,
  Events.RunOverdueEventSchema,
  Events.RunMissedEventSchema,
]);

/** What the alerts queue carries: run transitions, auto-resumes Glue refused, overdue runs and missed slots. */
export type AlertEvent =
  | { type: typeof Events.TrackerDetailType.RunStateChange; detail: Events.RunStateChangeDetail }
  | { type: typeof Events.TrackerDetailType.RunResumeFailed; detail: Events.RunResumeFailedDetail }
  | { type: typeof Events.TrackerDetailType.RunOverdue; detail: Events.RunOverdueDetail }
  | { type: typeof Events.TrackerDetailType.RunMissed; detail: Events.RunMissedDetail };

/** A message body that is not the expected tracker event (it is retried, then lands in the DLQ). */
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
  return parseTrackerEvent(body, Events.RunStateChangeEventSchema, Events.TrackerDetailType.RunStateChange).detail;
}

/**
 * @example
 * const event = parseAlertEvent(record.body);
 * if (event.type === "Glue Workflow Run Resume Failed") console.log(event.detail.glueError);
 */
export function parseAlertEvent(body: string): AlertEvent {
  const event = parseTrackerEvent(body, alertEventSchema, "tracker alert");
  // Narrowed per detail-type, so the pairs below are checked by the compiler, not cast.
  switch (event["detail-type"]) {
    case Events.TrackerDetailType.RunResumeFailed:
      return { type: event["detail-type"], detail: event.detail };
    case Events.TrackerDetailType.RunOverdue:
      return { type: event["detail-type"], detail: event.detail };
    case Events.TrackerDetailType.RunMissed:
      return { type: event["detail-type"], detail: event.detail };
    default:
      return { type: event["detail-type"], detail: event.detail };
  }
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
