/**
 * The local stand-in for SNS and Slack: every alert is appended to a JSONL file as one
 * `{ time, channel, webhook?, payload }` object per line, where payload is exactly what SNS or Slack
 * would have received. Implements core's `Alerts.AlertSink`.
 */
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Alerts } from "@glue-run-tracker/core";
import { AlertSinkReadError, IdleTimeoutError } from "../errors.ts";

export interface AlertRecord<TPayload = unknown> {
  /** ISO time the sink wrote the alert. */
  time: string;
  channel: Alerts.AlertChannel;
  /** Slack records: the webhook, by name, the alert would have gone to ("default" or a SLACK_WEBHOOKS name). */
  webhook?: string;
  payload: TPayload;
}

/**
 * @example
 * const sink = new JsonlAlertSink(".local/alerts.jsonl");
 * const publishers = [Alerts.createSinkPublisher(sink, "sns"), Alerts.createSinkPublisher(sink, "slack")];
 * // later, in a test:
 * const records = await sink.read();
 */
export class JsonlAlertSink implements Alerts.AlertSink {
  readonly path: string;
  readonly #now: () => Date;
  /** Appends run one after another, so concurrent alerts never interleave within a line. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string, options: { now?: () => Date } = {}) {
    this.path = path;
    this.#now = options.now ?? (() => new Date());
  }

  /** Appends one alert; resolves once the line is in the file. */
  write(record: Alerts.AlertSinkRecord): Promise<void> {
    const { channel, webhook, payload } = record;
    const line = `${JSON.stringify({ time: this.#now().toISOString(), channel, ...(webhook ? { webhook } : {}), payload })}\n`;
    const append = this.#queue.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, line, "utf8");
    });
    this.#queue = append.catch(() => {});
    return append;
  }

  read(): Promise<AlertRecord[]> {
    return readAlertRecords(this.path);
  }
}

/** Every record in a JSONL alert file, oldest first; a missing file has none. */
export async function readAlertRecords(path: string): Promise<AlertRecord[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const records: AlertRecord[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new AlertSinkReadError(path, index + 1, { cause: error });
    }
    if (!isAlertRecord(record)) throw new AlertSinkReadError(path, index + 1);
    records.push(record);
  }
  return records;
}

/**
 * Polls the file until a record satisfies `predicate` (end-to-end tests waiting for an alert).
 * Rejects with IdleTimeoutError after `timeoutMs` (default 10 s).
 *
 * @example
 * const alert = await waitForAlertRecord(path, (record) => record.channel === "slack");
 */
export async function waitForAlertRecord(
  path: string,
  predicate: (record: AlertRecord) => boolean,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<AlertRecord> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const found = (await readAlertRecords(path)).find(predicate);
    if (found) return found;
    if (Date.now() >= deadline)
      throw new IdleTimeoutError(`no matching alert in ${path} after ${options.timeoutMs ?? 10_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

function isAlertRecord(value: unknown): value is AlertRecord {
  if (typeof value !== "object" || value === null) return false;
  const { time, channel } = value as Record<string, unknown>;
  return typeof time === "string" && (channel === "sns" || channel === "slack") && "payload" in value;
}
