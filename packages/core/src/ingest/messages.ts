/**
 * What arrives on the ingest queue: Glue's own events (EventBridge envelopes, via
 * the rule on the default bus) and the tracker's delayed re-checks. The schemas
 * accept Glue's documented detail shapes and ignore fields they do not use. The
 * record body itself is read by the ingest function (functions/src/ingest/message.ts).
 */
import { z } from "zod";
import { GlueDetailType } from "../events/patterns.ts";
import { UnrecognizedMessageError } from "./errors.ts";

/** "Glue Job State Change" (terminal states) and "Glue Job Run Status" (still running). */
export const GlueJobEventDetailSchema = z.looseObject({
  jobName: z.string().min(1),
  jobRunId: z.string().min(1),
  state: z.string().min(1),
  severity: z.string().optional(),
  message: z.string().optional(),
});

/** "Glue Crawler State Change": state Started | Succeeded | Failed. */
export const GlueCrawlerEventDetailSchema = z.looseObject({
  crawlerName: z.string().min(1),
  state: z.string().min(1),
  message: z.string().optional(),
});

/** The tracker's delayed re-check of a run that was still running after its last action ended. */
export const RecheckMessageSchema = z.object({
  kind: z.literal("recheck"),
  workflowName: z.string().min(1),
  runId: z.string().min(1),
  attempt: z.number().int().min(1),
});
export type RecheckMessage = z.infer<typeof RecheckMessageSchema>;

const TERMINAL_JOB_STATES: ReadonlySet<string> = new Set(["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED", "ERROR"]);
const TERMINAL_CRAWLER_STATES: ReadonlySet<string> = new Set(["Succeeded", "Failed", "Cancelled"]);

export type IngestMessage =
  | { kind: "job"; jobName: string; jobRunId: string; state: string; terminal: boolean; time?: string }
  | { kind: "crawler"; crawlerName: string; state: string; terminal: boolean; time?: string }
  | RecheckMessage;

/**
 * A Glue event (detail-type + detail) as an ingest message; throws
 * UnrecognizedMessageError naming what is wrong.
 *
 * @example
 * glueEventMessage("Glue Job State Change", { jobName: "load", jobRunId: "jr_1", state: "FAILED" });
 * // { kind: "job", jobName: "load", jobRunId: "jr_1", state: "FAILED", terminal: true }
 */
export function glueEventMessage(detailType: string, detail: unknown, time?: string): IngestMessage {
  switch (detailType) {
    case GlueDetailType.JobStateChange:
    case GlueDetailType.JobRunStatus: {
      const parsed = parseOrExplain(GlueJobEventDetailSchema, detail, detailType);
      const terminal = detailType === GlueDetailType.JobStateChange && TERMINAL_JOB_STATES.has(parsed.state);
      return { kind: "job", jobName: parsed.jobName, jobRunId: parsed.jobRunId, state: parsed.state, terminal, time };
    }
    case GlueDetailType.CrawlerStateChange: {
      const parsed = parseOrExplain(GlueCrawlerEventDetailSchema, detail, detailType);
      const terminal = TERMINAL_CRAWLER_STATES.has(parsed.state);
      return { kind: "crawler", crawlerName: parsed.crawlerName, state: parsed.state, terminal, time };
    }
    default:
      throw new UnrecognizedMessageError(`Ingest does not handle events of detail-type "${detailType}"`);
  }
}

function parseOrExplain<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw new UnrecognizedMessageError(`Invalid ${what}: ${issues.join("; ")}`);
}
