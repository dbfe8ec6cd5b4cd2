/** Ingest-queue records as the queue delivers them: Glue events in their EventBridge envelope, re-checks as JSON. */
import type { QueueRecord } from "../../src/ingest/ingest-batch.ts";
import type { IngestMessage } from "../../src/ingest/messages.ts";

let sequence = 0;

/** The record body for a message, as EventBridge (events) or the re-check scheduler (re-checks) sends it. */
export function bodyOf(message: IngestMessage): string {
  if (message.kind === "recheck") return JSON.stringify(message);
  const [detailType, detail] =
    message.kind === "job"
      ? [
          message.terminal ? "Glue Job State Change" : "Glue Job Run Status",
          { jobName: message.jobName, jobRunId: message.jobRunId, state: message.state },
        ]
      : ["Glue Crawler State Change", { crawlerName: message.crawlerName, state: message.state }];
  return JSON.stringify({
    version: "0",
    id: `event-${++sequence}`,
    "detail-type": detailType,
    source: "aws.glue",
    account: "123456789012",
    time: message.time ?? "2026-01-01T00:00:00Z",
    region: "us-east-1",
    resources: [],
    detail,
  });
}

/** Queue records carrying these messages, with distinct ids. */
export function recordsOf(...messages: IngestMessage[]): QueueRecord[] {
  return messages.map((message) => ({ id: `m${++sequence}`, body: bodyOf(message) }));
}
