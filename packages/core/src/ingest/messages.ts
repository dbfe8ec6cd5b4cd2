/**
 * What arrives on the ingest queue, and the one parser of its record bodies: Glue's
 * own events (the EventBridge envelope, as the rule on the default bus delivers
 * it) and the tracker's delayed re-checks. The schemas accept Glue's documented
 * detail shapes and ignore fields they do not use.
 */
import * as z from "zod";
import { GLUE_SOURCE, GlueDetailType } from "../events/patterns.ts";
import { UnrecognizedMessageError } from "./errors.ts";

/** An EventBridge event from Glue, as the rule's SQS target sends it (the whole event). */
const GlueEventEnvelopeSchema = z.object({
  version: z.string(),
  id: z.string(),
  "detail-type": z.string(),
  source: z.literal(GLUE_SOURCE),
  account: z.string(),
  time: z.iso.datetime(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
});

/** "Glue Job State Change" (terminal states) and "Glue Job Run Status" (still running). */
const GlueJobEventDetailSchema = z.looseObject({
  jobName: z.string().min(1),
  jobRunId: z.string().min(1),
  state: z.string().min(1),
  severity: z.string().optional(),
  message: z.string().optional(),
});

/** "Glue Crawler State Change": state Started | Succeeded | Failed. */
const GlueCrawlerEventDetailSchema = z.looseObject({
  crawlerName: z.string().min(1),
  state: z.string().min(1),
  message: z.string().optional(),
});

/** The tracker's delayed re-check of a run that was still running after its last action ended. */
const RecheckMessageSchema = z.object({
  kind: z.literal("recheck"),
  workflowName: z.string().min(1),
  runId: z.string().min(1),
  attempt: z.number().int().min(1),
  /** The run's account and region (docs/decisions/accounts-flows.md); absent: the home account's. */
  accountId: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
});
export type RecheckMessage = z.infer<typeof RecheckMessageSchema>;

const TERMINAL_JOB_STATES: ReadonlySet<string> = new Set(["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED", "ERROR"]);
const TERMINAL_CRAWLER_STATES: ReadonlySet<string> = new Set(["Succeeded", "Failed", "Cancelled"]);

/** Where a Glue event came from: its envelope's `account` and `region`. */
interface EventSource {
  accountId?: string;
  region?: string;
}

export type IngestMessage =
  | ({ kind: "job"; jobName: string; jobRunId: string; state: string; terminal: boolean; time?: string } & EventSource)
  | ({ kind: "crawler"; crawlerName: string; state: string; terminal: boolean; time?: string } & EventSource)
  | RecheckMessage;

/**
 * An ingest-queue record body as an ingest message; throws UnrecognizedMessageError
 * naming what is wrong (not retryable: the record goes to the DLQ).
 *
 * @example
 * parseIngestMessage('{"kind":"recheck","workflowName":"etl","runId":"wr_1","attempt":2}');
 * // { kind: "recheck", workflowName: "etl", runId: "wr_1", attempt: 2 }
 */
export function parseIngestMessage(body: string): IngestMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new UnrecognizedMessageError("Neither a Glue event nor a re-check (the body is not JSON)", { cause: error });
  }
  const recheck = RecheckMessageSchema.safeParse(json);
  if (recheck.success) return recheck.data;
  const event = GlueEventEnvelopeSchema.safeParse(json);
  if (!event.success) {
    throw new UnrecognizedMessageError(`Neither a Glue event nor a re-check (${explain(event.error)})`, {
      cause: event.error,
    });
  }
  const { account, region } = event.data;
  return {
    ...glueEventMessage(event.data["detail-type"], event.data.detail, event.data.time),
    accountId: account,
    region,
  };
}

function glueEventMessage(detailType: string, detail: unknown, time: string): IngestMessage {
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
  throw new UnrecognizedMessageError(`Invalid ${what}: ${explain(result.error)}`);
}

function explain(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
}
