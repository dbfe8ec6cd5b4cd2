/**
 * Overdue and missed runs, and the digest, through the whole local stack: glue-local
 * runs the workflows, ingest stores them, the reconciler's step announces on the
 * tracker bus, the alerts queue and function deliver to the local sink (what Slack
 * and SNS get). Each alert exactly once, also when the reconciler runs twice.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GlueClient,
  StartWorkflowRunCommand,
  UpdateJobCommand,
} from "@aws-sdk/client-glue";
import { afterEach, describe, expect, it } from "vitest";
import { createDemoWorkflow } from "../../packages/local/src/demo/create.ts";
import { type LocalTracker, startLocalTracker } from "../../packages/local/src/runtime.ts";
import { readAlertRecords } from "../../packages/local/src/sinks/index.ts";
import { eventually, oneJobWorkflow } from "./support.ts";

process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

// biome-ignore lint/suspicious/noExplicitAny: JSON payloads from the sink, asserted field by field
type Json = any;

let stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** Real time in glue-local (durations compare with the tracker's clock); the reconciler only on demand. */
async function start(clock?: () => Date) {
  const dir = await mkdtemp(join(tmpdir(), "grt-insights-"));
  const tracker = await startLocalTracker({
    demo: false,
    env: {},
    log: () => {},
    ports: { api: 0, glue: 0, dynamodb: 0, events: 0, glueMember: 0, sts: 0 },
    timeScale: 1,
    queueTimeScale: 0.01,
    reconcileIntervalMs: 0,
    alertsFile: join(dir, "alerts.jsonl"),
    clock,
    // A single-account tracker, as before issue 16: its alerts' subjects name no account.
    members: [],
  });
  const glue = new GlueClient({
    region: "us-east-1",
    endpoint: tracker.urls.glue,
    credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" },
  });
  stops.push(async () => {
    glue.destroy();
    await tracker.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const alerts = async (kind: string) =>
    ((await readAlertRecords(tracker.alertsFile)) as { channel: string; payload: Json }[]).filter(
      (r) =>
        (r.channel === "sns" ? r.payload.MessageAttributes?.alertKind?.StringValue : kindOfSlack(r.payload)) === kind,
    );
  return { tracker, glue, alerts };
}

/** The Slack payload's kind, told by its header (the SNS one carries it as an attribute). */
function kindOfSlack(payload: Json): string | undefined {
  const header: string = payload.blocks?.[0]?.text?.text ?? "";
  if (header.includes("Overdue Glue workflow run ended")) return "overdue-ended";
  if (header.includes("run overdue")) return "overdue";
  if (header.includes("run missed")) return "missed";
  if (header.includes("daily digest")) return "digest";
  return undefined;
}

async function storedRun(tracker: LocalTracker, name: string, runId: string): Promise<Json> {
  const headers: Record<string, string> = tracker.apiToken ? { authorization: `Bearer ${tracker.apiToken}` } : {};
  const response = await fetch(`${tracker.urls.api}/workflows/${name}/runs/${runId}`, { headers });
  return response.status === 200 ? ((await response.json()) as Json).Run : undefined;
}

async function runToEnd(tracker: LocalTracker, glue: GlueClient, name: string): Promise<string> {
  const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: name }));
  const runId = RunId as string;
  await eventually(`${name} run ${runId} stored SUCCEEDED`, async () => {
    const run = await storedRun(tracker, name, runId);
    return run?.Outcome === "SUCCEEDED" ? run : undefined;
  });
  return runId;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe("overdue runs through the local stack", () => {
  it("a run past p95 × 1.5 of its history alerts once, and once more when it ends, with the reconciler run twice", async () => {
    // Prepare: five quick successful runs make the baseline, then the job turns slow
    const { tracker, glue, alerts } = await start();
    await createDemoWorkflow(glue, oneJobWorkflow("steady", { "--sim-duration-ms": "300" }));
    for (let i = 0; i < 5; i++) await runToEnd(tracker, glue, "steady");
    await glue.send(
      new UpdateJobCommand({
        JobName: "steady-job",
        JobUpdate: {
          Role: "arn:aws:iam::123456789012:role/demo-glue",
          Command: { Name: "glueetl", ScriptLocation: "s3://demo-scripts/steady-job.py" },
          DefaultArguments: { "--sim-duration-ms": "8000" },
        },
      }),
    );
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "steady" }));
    const runId = RunId as string;
    // Glue sends no event when a workflow run starts: the reconciler finds it.
    await eventually("the slow run stored RUNNING", async () => {
      await tracker.reconcile();
      return (await storedRun(tracker, "steady", runId))?.Outcome === "RUNNING" ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 4000));

    // Act: the reconciler twice at once, then once more
    await Promise.all([tracker.reconcile(), tracker.reconcile()]);
    await tracker.reconcile();
    const overdue = await eventually("the overdue alert on both channels", async () => {
      const records = await alerts("overdue");
      return records.length >= 2 ? records : undefined;
    });
    await eventually("the slow run stored SUCCEEDED", async () =>
      (await storedRun(tracker, "steady", runId))?.Outcome === "SUCCEEDED" ? true : undefined,
    );
    await Promise.all([tracker.reconcile(), tracker.reconcile()]);
    await tracker.reconcile();
    const ended = await eventually("the overdue-ended alert on both channels", async () => {
      const records = await alerts("overdue-ended");
      return records.length >= 2 ? records : undefined;
    });
    await settle();

    // Assess
    expect((await alerts("overdue")).map((r) => r.channel).sort()).toEqual(["slack", "sns"]);
    expect((await alerts("overdue-ended")).map((r) => r.channel).sort()).toEqual(["slack", "sns"]);
    const sns = overdue.find((r) => r.channel === "sns")?.payload;
    expect(sns.Subject).toBe("Glue workflow RUN OVERDUE: steady");
    expect(sns.Message).toContain(`Run ID:`);
    expect(sns.Message).toContain(runId);
    expect(sns.Message).toMatch(/Limit:\s+\d+s \(p95 of recent successful runs × factor\)/);
    expect(ended.find((r) => r.channel === "sns")?.payload.Message).toMatch(
      /Overdue Glue workflow run ended SUCCEEDED after \d+s: steady/,
    );

    // The digest of this history (npm run digest does the same): six runs, one of them overdue.
    await tracker.digest();
    const digest = await alerts("digest");
    expect(digest.map((r) => r.channel).sort()).toEqual(["slack", "sns"]);
    expect(digest.find((r) => r.channel === "sns")?.payload.Message).toContain(
      "steady\n  6 runs (+6) · 0 failed · 0 auto-resumed · 1 overdue (+1) · 0 missed",
    );
  }, 90_000);
});

describe("missed scheduled runs through the local stack", () => {
  it("a scheduled slot with no run alerts once, with the reconciler run twice", async () => {
    // Prepare: daily at 03:00 UTC; the checks' clock at tomorrow 03:20 (grace 15 min over)
    const tomorrow = new Date();
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    tomorrow.setUTCHours(3, 20, 0, 0);
    const slot = new Date(tomorrow.getTime() - 20 * 60_000).toISOString();
    let now: Date | undefined;
    const { tracker, glue, alerts } = await start(() => now ?? new Date());
    await glue.send(new CreateWorkflowCommand({ Name: "nightly", MaxConcurrentRuns: 1 }));
    await glue.send(
      new CreateJobCommand({
        Name: "nightly-job",
        Role: "arn:aws:iam::123456789012:role/demo-glue",
        Command: { Name: "glueetl", ScriptLocation: "s3://demo-scripts/nightly-job.py" },
      }),
    );
    await glue.send(
      new CreateTriggerCommand({
        Name: "nightly-start",
        WorkflowName: "nightly",
        Type: "SCHEDULED",
        Schedule: "cron(0 3 * * ? *)",
        StartOnCreation: true,
        Actions: [{ JobName: "nightly-job" }],
      }),
    );
    await tracker.reconcile(); // discovers the workflow and its graph (real time: nothing missed yet)
    expect(await alerts("missed")).toEqual([]);

    // Act
    now = tomorrow;
    await Promise.all([tracker.reconcile(), tracker.reconcile()]);
    await tracker.reconcile();
    const missed = await eventually("the missed alert on both channels", async () => {
      const records = await alerts("missed");
      return records.length >= 2 ? records : undefined;
    });
    await settle();

    // Assess
    expect((await alerts("missed")).map((r) => r.channel).sort()).toEqual(["slack", "sns"]);
    const sns = missed.find((r) => r.channel === "sns")?.payload;
    expect(sns.Subject).toBe("Glue workflow RUN MISSED: nightly");
    expect(sns.Message).toContain(`${slot} (UTC)`);
    expect(sns.Message).toContain("cron(0 3 * * ? *) (trigger nightly-start)");
  }, 60_000);
});
