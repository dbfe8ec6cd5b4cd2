/**
 * Each function kind's wiring builds its dependencies from its settings through the
 * shared builders: no network at build time (SDK clients connect on first call), a
 * missing setting named in one line, each function handed only its own Glue calls.
 */
import { ConfigError, Glue } from "@glue-run-tracker/core";
import { describe, expect, it } from "vitest";
import { alertsDepsFromEnv } from "../../src/shared/wiring/alerts.ts";
import { commandDepsFromEnv } from "../../src/shared/wiring/commands.ts";
import { digestDepsFromEnv } from "../../src/shared/wiring/digest.ts";
import { ingestDepsFromEnv } from "../../src/shared/wiring/ingest.ts";
import { readDepsFromEnv } from "../../src/shared/wiring/read.ts";
import { reconcileDepsFromEnv } from "../../src/shared/wiring/reconciler.ts";
import { resumeWorkerDepsFromEnv } from "../../src/shared/wiring/resume-worker.ts";

const env = {
  AWS_REGION: "us-east-1",
  TRACKER_TABLE_NAME: "tracker",
  TRACKER_BUS_NAME: "tracker-bus",
  INGEST_QUEUE_URL: "http://127.0.0.1:1/queue/ingest",
  RESUME_QUEUE_URL: "http://127.0.0.1:1/queue/resume",
};

const methods = (glue: object) => Object.keys(glue).filter((key) => key !== "calls" && key !== "resetCalls");

describe("functions' wiring", () => {
  it.each([
    ["ingest", () => ingestDepsFromEnv(env).glue],
    ["reconciler", () => reconcileDepsFromEnv(env).glue],
    ["commands", () => commandDepsFromEnv(env).glue],
    ["resumeWorker", () => resumeWorkerDepsFromEnv(env).glue],
  ] as const)("hands %s exactly its Glue calls (GlueCalls), the same list its IAM grant is made of", (kind, glue) => {
    const expected = Glue.GlueCalls[kind].map((op) => `${op[0]?.toLowerCase()}${op.slice(1)}`);

    expect(methods(glue()).sort()).toEqual([...expected].sort());
  });

  it("names a missing setting in a ConfigError", () => {
    const { TRACKER_BUS_NAME: _, ...withoutBus } = env;

    expect(() => ingestDepsFromEnv(withoutBus)).toThrow(ConfigError);
    expect(() => ingestDepsFromEnv(withoutBus)).toThrow(/TRACKER_BUS_NAME/);
  });

  it("refuses a malformed setting as the function's init does", () => {
    expect(() => ingestDepsFromEnv({ ...env, RUN_RETENTION_DAYS: "a week" })).toThrow(/RUN_RETENTION_DAYS/);
  });

  it("requires the real pagination secret for the read API, whose tokens users hold", () => {
    expect(() => readDepsFromEnv(env)).toThrow(/PAGINATION_SECRET/);
    expect(readDepsFromEnv({ ...env, PAGINATION_SECRET: "a-secret-of-sixteen+" }).store).toBeDefined();
  });

  it("gives the digest the alerts' channels: one wiring builds both lists", async () => {
    const channels = {
      ...env,
      ALERT_TOPIC_ARN: "arn:aws:sns:us-east-1:123456789012:alerts",
      SLACK_WEBHOOKS: JSON.stringify({ "data-team": "https://hooks.slack.com/services/T0/B0/x" }),
    };
    const sink = { write: () => undefined };
    const names = (publishers: { channel: string }[]) => publishers.map((p) => p.channel);

    const alerts = await alertsDepsFromEnv(channels, undefined, { sink });
    const digest = await digestDepsFromEnv(channels, undefined, { sink });

    expect(names(digest.digest.publishers)).toEqual(names(alerts.publishers));
    expect(names(alerts.publishers)).toEqual(["sns", "sink:sns", "sink:slack", "slack"]);
  });
});
