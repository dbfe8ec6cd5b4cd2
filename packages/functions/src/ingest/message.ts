/**
 * An ingest-queue record body → an ingest message. Glue events arrive as the
 * EventBridge envelope (the rule's SQS target sends the whole event), checked with
 * Powertools' EventBridge schema; re-checks are the tracker's own JSON.
 */
import { parse } from "@aws-lambda-powertools/parser";
import { JSONStringified } from "@aws-lambda-powertools/parser/helpers";
import { EventBridgeSchema } from "@aws-lambda-powertools/parser/schemas/eventbridge";
import { Events, Ingest } from "@glue-run-tracker/core";
import { z } from "zod";

const GlueEventBody = JSONStringified(EventBridgeSchema.extend({ source: z.literal(Events.GLUE_SOURCE) }));
const RecheckBody = JSONStringified(Ingest.RecheckMessageSchema);

/** Throws Ingest.UnrecognizedMessageError (the record fails and, after the retries, rests in the DLQ). */
export function toIngestMessage(body: string): Ingest.IngestMessage {
  const recheck = RecheckBody.safeParse(body);
  if (recheck.success) return recheck.data;
  const event = parse(body, undefined, GlueEventBody, true);
  if (!event.success) {
    const why = explain(event.error.cause);
    throw new Ingest.UnrecognizedMessageError(`Neither a Glue event nor a re-check${why ? ` (${why})` : ""}`, {
      cause: event.error,
    });
  }
  return Ingest.glueEventMessage(event.data["detail-type"], event.data.detail, event.data.time);
}

type Segment = PropertyKey | { key: PropertyKey };

/** Powertools' ParseError carries the Standard Schema issues themselves as its cause. */
function explain(cause: unknown): string | undefined {
  if (!Array.isArray(cause)) return undefined;
  const issues = cause as { path?: readonly Segment[]; message: string }[];
  const where = (path: readonly Segment[] = []) =>
    path.map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".") || "(root)";
  return issues.map((issue) => `${where(issue.path)}: ${issue.message}`).join("; ");
}
