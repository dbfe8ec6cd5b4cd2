import { describe, expect, it } from "vitest";
import { slackMessage } from "../../src/alerts/slack-message.ts";
import { redactWebhookUrl, SlackDeliveryError, sendSlack } from "../../src/alerts/slack-webhook.ts";
import { failure } from "./fixtures.ts";

const WEBHOOK_URL = "https://hooks.slack.example/services/T000/B000/SECRETSECRET";

/** A fetch that answers from a script and records what it was asked. */
function scriptedFetch(answers: (Response | Error)[]) {
  const calls: { url: string; body: string }[] = [];
  const fetcher = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), body: String(init?.body) });
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { fetcher, calls };
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("sendSlack", () => {
  it("waits for Retry-After on 429, then delivers once", async () => {
    // Prepare
    const { fetcher, calls } = scriptedFetch([
      new Response("rate_limited", { status: 429, headers: { "retry-after": "2" } }),
      new Response("ok", { status: 200 }),
    ]);
    const { waits, sleep } = recordingSleep();

    // Act
    const delivery = await sendSlack(WEBHOOK_URL, slackMessage(failure()), { fetch: fetcher, sleep });

    // Assess
    expect(delivery.attempts).toBe(2);
    expect(waits).toEqual([2000]);
    expect(calls).toHaveLength(2);
  });

  it("backs off on 5xx and network errors, then throws a retryable error without the URL", async () => {
    // Prepare
    const { fetcher } = scriptedFetch([
      new Response("", { status: 503 }),
      new TypeError(`fetch failed for ${WEBHOOK_URL}`),
      new Response("", { status: 500 }),
      new Response("", { status: 502 }),
    ]);
    const { waits, sleep } = recordingSleep();

    // Act
    const error = await sendSlack(WEBHOOK_URL, slackMessage(failure()), { fetch: fetcher, sleep, retries: 3 }).catch(
      (e) => e,
    );

    // Assess
    expect(error).toBeInstanceOf(SlackDeliveryError);
    expect(error).toMatchObject({ retryable: true, attempts: 4, lastStatus: 502 });
    expect(waits).toEqual([500, 1000, 2000]);
    expect(error.message).toBe(
      "Slack webhook https://hooks.slack.example/[redacted] failed after 4 attempts (last: HTTP 502)",
    );
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain("SECRETSECRET");
  });

  it("does not retry a refused payload", async () => {
    // Prepare
    const { fetcher, calls } = scriptedFetch([new Response("invalid_payload", { status: 400 })]);

    // Act
    const error = await sendSlack(WEBHOOK_URL, slackMessage(failure()), { fetch: fetcher }).catch((e) => e);

    // Assess
    expect(error).toMatchObject({ retryable: false, attempts: 1, lastStatus: 400 });
    expect(error.message).toContain("refused the message: HTTP 400 invalid_payload");
    expect(calls).toHaveLength(1);
  });

  it("gives up at once when Retry-After is longer than it may wait", async () => {
    // Prepare
    const { fetcher } = scriptedFetch([new Response("", { status: 429, headers: { "retry-after": "600" } })]);

    // Act
    const error = await sendSlack(WEBHOOK_URL, slackMessage(failure()), { fetch: fetcher }).catch((e) => e);

    // Assess
    expect(error).toMatchObject({ retryable: true, attempts: 1, lastStatus: 429 });
  });

  it("redacts the secret path of a webhook URL", () => {
    expect(redactWebhookUrl(WEBHOOK_URL)).toBe("https://hooks.slack.example/[redacted]");
    expect(redactWebhookUrl("not a url SECRET")).toBe("[redacted webhook URL]");
  });
});
