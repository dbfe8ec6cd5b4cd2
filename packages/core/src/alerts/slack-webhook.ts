/**
 * Delivery to a Slack incoming webhook over HTTP (the one adapter in alerts that
 * talks to the network). 429 waits for Retry-After; 5xx, timeouts and network
 * errors are retried with exponential backoff, a bounded number of times; then
 * SlackDeliveryError is thrown so the caller's queue message is retried and ends
 * in the DLQ. The webhook URL is a secret: it never appears in an error or a log.
 */
import { AlertsError } from "./errors.ts";
import type { SlackPayload } from "./slack-message.ts";

export interface SendSlackOptions {
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Retries after the first attempt (default 3). */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Per-request timeout (default 5000 ms). */
  timeoutMs?: number;
  /** First backoff delay, doubled per retry (default 500 ms, at most maxDelayMs). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the message is retried later by the queue (default 30 s). */
  maxRetryAfterSeconds?: number;
}

export interface SlackDelivery {
  /** Requests made, including the successful one. */
  attempts: number;
}

/** Slack did not take the message; `retryable` is false for a refusal (400/403/404: bad payload or webhook). */
export class SlackDeliveryError extends AlertsError {
  readonly retryable: boolean;
  readonly attempts: number;
  readonly lastStatus?: number;

  constructor(message: string, details: { retryable: boolean; attempts: number; lastStatus?: number }) {
    super(message);
    this.name = "SlackDeliveryError";
    this.retryable = details.retryable;
    this.attempts = details.attempts;
    this.lastStatus = details.lastStatus;
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * POSTs a Block Kit payload to an incoming webhook.
 *
 * @example
 * await sendSlack(process.env.SLACK_WEBHOOK_URL!, slackMessage(alert), { retries: 3 });
 */
export async function sendSlack(
  url: string,
  payload: SlackPayload,
  options: SendSlackOptions = {},
): Promise<SlackDelivery> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? realSleep;
  const retries = options.retries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const maxRetryAfterMs = (options.maxRetryAfterSeconds ?? 30) * 1000;
  const target = redactWebhookUrl(url);
  const body = JSON.stringify(payload);
  let lastProblem = "";
  let lastStatus: number | undefined;

  for (let attempt = 1; attempt <= retries + 1; attempt += 1) {
    const backoffMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    let waitMs = backoffMs;
    try {
      const response = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        // Never follow a redirect: the alert would go wherever the answer points.
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      lastStatus = response.status;
      const answer = scrub(await response.text().catch(() => ""), url).slice(0, 200);
      if (response.ok) return { attempts: attempt };
      if (response.status >= 300 && response.status < 400) {
        throw new SlackDeliveryError(
          `Slack webhook ${target} answered with a redirect (HTTP ${response.status}), which the tracker does not follow`,
          { retryable: false, attempts: attempt, lastStatus },
        );
      }
      lastProblem = `HTTP ${response.status}${answer ? ` ${answer}` : ""}`;
      if (response.status === 429) {
        waitMs = retryAfterMs(response.headers.get("retry-after")) ?? backoffMs;
        if (waitMs > maxRetryAfterMs) {
          throw new SlackDeliveryError(
            `Slack webhook ${target} asked to wait ${Math.ceil(waitMs / 1000)} s (HTTP 429)`,
            {
              retryable: true,
              attempts: attempt,
              lastStatus,
            },
          );
        }
      } else if (response.status < 500) {
        throw new SlackDeliveryError(`Slack webhook ${target} refused the message: ${lastProblem}`, {
          retryable: false,
          attempts: attempt,
          lastStatus,
        });
      }
    } catch (error) {
      if (error instanceof SlackDeliveryError) throw error;
      // Network errors and timeouts; their messages may quote the URL, so they are scrubbed.
      lastStatus = undefined;
      lastProblem = scrub(error instanceof Error ? `${error.name}: ${error.message}` : String(error), url);
    }
    if (attempt <= retries) await sleep(waitMs);
  }
  throw new SlackDeliveryError(`Slack webhook ${target} failed after ${retries + 1} attempts (last: ${lastProblem})`, {
    retryable: true,
    attempts: retries + 1,
    lastStatus,
  });
}

/**
 * The webhook URL with its secret path hidden, for messages and logs.
 *
 * @example
 * redactWebhookUrl("https://hooks.slack.com/services/T0/B0/XYZ"); // "https://hooks.slack.com/[redacted]"
 */
export function redactWebhookUrl(url: string): string {
  try {
    return `${new URL(url).origin}/[redacted]`;
  } catch {
    return "[redacted webhook URL]";
  }
}

/** Removes the URL (and its path, which holds the secret) from a message. */
function scrub(text: string, url: string): string {
  let out = text.split(url).join("[redacted]");
  try {
    const { pathname } = new URL(url);
    if (pathname.length > 1) out = out.split(pathname).join("/[redacted]");
  } catch {
    // not a URL: nothing more to hide
  }
  return out;
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
