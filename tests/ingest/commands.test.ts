/**
 * The operator's side: backfill (CLI, twice, alongside ingest), DLQ redrive (CLI,
 * against the local SQS endpoint), and tracker events through the real PutEvents
 * path into the local bus.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createEventBridgeClient, Events, Ingest } from "@glue-run-tracker/core";
import { afterEach, describe, expect, it } from "vitest";
import { startAwsEndpoint } from "../../packages/local/src/aws-endpoint/index.ts";
import { LocalEventBridge } from "../../packages/local/src/bus/index.ts";
import { LocalSqs } from "../../packages/local/src/queue/index.ts";
import { type IngestHarness, startIngestHarness } from "./support/harness.ts";
import { createChainWorkflow, startRun } from "./support/workflows.ts";

const run = promisify(execFile);
const TSX = "node_modules/tsx/dist/cli.mjs";
const LOCAL_AWS = { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" };

function cli(script: string, args: string[], env: Record<string, string>) {
  return run(process.execPath, [TSX, script, ...args], {
    env: { PATH: process.env.PATH ?? "", CI: "1", ...LOCAL_AWS, ...env },
    timeout: 120_000,
  });
}

describe("ingest commands", () => {
  let h: IngestHarness | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await h?.stop();
    h = undefined;
  });

  it("backfills every retained run from the CLI, idempotently (the second run changes nothing)", async () => {
    // Prepare
    h = await startIngestHarness();
    await createChainWorkflow(h.glueClient, "history", [{ job: "history-job", durationMs: 5_000, outcome: "FAILED" }]);
    const runIds = [await startRun(h.glueClient, "history")];
    await h.glue.runUntilIdle();
    runIds.push(await startRun(h.glueClient, "history"));
    await h.glue.runUntilIdle();
    const env = {
      TRACKER_TABLE_NAME: h.db.tableName,
      DYNAMODB_ENDPOINT: h.db.endpoint,
      GLUE_ENDPOINT: h.glue.endpoint,
    };

    // Act
    const first = await cli("packages/functions/src/cli/backfill.ts", ["--all"], env);
    const second = await cli("packages/functions/src/cli/backfill.ts", ["--workflow", "history"], env);

    // Assess
    expect(first.stdout).toContain("importing without tracker events");
    expect(first.stdout).toContain("backfill: history: 2 run(s) read, 2 new or updated");
    expect(second.stdout).toContain("backfill: done — 1 workflow(s), 2 run(s) read, 0 new or updated");
    for (const runId of runIds) {
      expect(await h.storedAsGlue("history", runId)).toEqual(await h.glueRun("history", runId));
      expect(await h.store.getRun("history", runId)).toMatchObject({ Outcome: "FAILED", ObservedVia: "backfill" });
    }
    expect(await h.store.workflowsContaining({ jobName: "history-job" })).toEqual(["history"]);
  });

  it("counts runs stored before statistics existed into them, once however often backfill runs", async () => {
    // Prepare: two ended runs the tracker stored (putSnapshot alone, as before statistics existed)
    h = await startIngestHarness();
    await createChainWorkflow(h.glueClient, "older", [{ job: "older-job", durationMs: 5_000, outcome: "FAILED" }]);
    const runIds = [await startRun(h.glueClient, "older")];
    await h.glue.runUntilIdle();
    runIds.push(await startRun(h.glueClient, "older"));
    await h.glue.runUntilIdle();
    for (const runId of runIds) {
      await h.store.putSnapshot({
        run: await h.glueRun("older", runId),
        observedAt: new Date().toISOString(),
        via: "event",
      });
    }
    const stored = await h.store.getRun("older", runIds[0] as string);
    const day = stored?.StartedOn?.slice(0, 10) as string;
    const before = await h.store.getWorkflowStats("older", { since: day });
    const env = {
      TRACKER_TABLE_NAME: h.db.tableName,
      DYNAMODB_ENDPOINT: h.db.endpoint,
      GLUE_ENDPOINT: h.glue.endpoint,
    };

    // Act
    const first = await cli("packages/functions/src/cli/backfill.ts", ["--workflow", "older"], env);
    const afterFirst = await h.store.getWorkflowStats("older", { since: day });
    const second = await cli("packages/functions/src/cli/backfill.ts", ["--all"], env);
    const afterSecond = await h.store.getWorkflowStats("older", { since: day });

    // Assess
    expect(before.runs).toBe(0);
    expect(afterFirst).toMatchObject({ runs: 2, failed: 2 });
    expect(afterSecond).toEqual(afterFirst);
    expect(first.stdout).toContain("backfill: older: counting stored runs into the statistics");
    expect(first.stdout).toContain(
      "backfill: older: 2 run(s) read, 0 new or updated, 2 stored run(s) newly counted in the statistics",
    );
    expect(second.stdout).toContain("0 new or updated, 0 stored run(s) newly counted in the statistics");
  });

  it("explains a missing setting or a workflow Glue does not have", async () => {
    // Prepare
    h = await startIngestHarness();
    const env = { DYNAMODB_ENDPOINT: h.db.endpoint, GLUE_ENDPOINT: h.glue.endpoint };

    // Act
    const [missing, unknown] = await Promise.allSettled([
      cli("packages/functions/src/cli/backfill.ts", ["--all"], env),
      cli("packages/functions/src/cli/backfill.ts", ["--workflow", "nope"], {
        ...env,
        TRACKER_TABLE_NAME: h.db.tableName,
      }),
    ]);

    // Assess
    expect(missing).toMatchObject({
      status: "rejected",
      reason: { code: 2, stderr: expect.stringContaining("Missing configuration TRACKER_TABLE_NAME") },
    });
    expect(unknown).toMatchObject({
      status: "rejected",
      reason: { code: 1, stderr: expect.stringContaining('Glue has no workflow named "nope"') },
    });
  });

  it("is safe to run while ingest runs: same state, one tracker event per transition", async () => {
    // Prepare
    h = await startIngestHarness();
    await createChainWorkflow(h.glueClient, "busy", [
      { job: "busy-a", durationMs: 10_000 },
      { job: "busy-b", durationMs: 10_000 },
    ]);
    const runId = await startRun(h.glueClient, "busy");
    const harness = h;

    // Act
    await Promise.all([
      harness.advanceDelivering(30_000, 5_000),
      Ingest.backfill(harness.deps, { all: true }),
      Ingest.backfill(harness.deps, { workflow: "busy" }),
    ]);
    await Ingest.backfill(harness.deps, { all: true });

    // Assess
    expect(await harness.storedAsGlue("busy", runId)).toEqual(await harness.glueRun("busy", runId));
    const transitions = harness.trackerEvents().map((event) => `${event.status}/${event.outcome}`);
    expect(transitions.at(-1)).toBe("COMPLETED/SUCCEEDED");
    expect(new Set(transitions).size).toBe(transitions.length);
  });

  it("moves DLQ messages back to the queue from the CLI, over the SQS API", async () => {
    // Prepare
    const sqs = new LocalSqs({ timeScale: 0.001 });
    const endpoint = await startAwsEndpoint({ sqs });
    cleanups.push(() => endpoint.close());
    const dlq = sqs.createQueue("ingest-dlq");
    const queue = sqs.createQueue("ingest", { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    cleanups.push(async () => {
      await queue.stop();
      await dlq.stop();
    });
    const bodies = ["one", "two", "three"].map((n) =>
      JSON.stringify({ kind: "recheck", workflowName: n, runId: "r", attempt: 1 }),
    );
    for (const body of bodies) dlq.send(body);

    // Act
    const { stdout } = await cli(
      "packages/functions/src/cli/redrive.ts",
      ["--dlq-url", dlq.url, "--queue-url", queue.url],
      {},
    );

    // Assess
    expect(stdout).toContain("redrive: 3 message(s) moved");
    expect(dlq.counts()).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
    const moved = await queue.receive({ maxNumberOfMessages: 10 });
    expect(moved.map((message) => message.body).sort()).toEqual([...bodies].sort());
  });

  it("publishes tracker events with PutEvents that a rule with core's pattern receives", async () => {
    // Prepare
    const bridge = new LocalEventBridge({ buses: ["tracker"] });
    const endpoint = await startAwsEndpoint({ eventBridge: bridge });
    const client = createEventBridgeClient({ EVENTS_ENDPOINT: endpoint.url, AWS_REGION: "us-east-1" });
    cleanups.push(async () => {
      client.destroy();
      await endpoint.close();
    });
    const received: unknown[] = [];
    bridge.bus("tracker").putRule({
      name: "failed-runs",
      pattern: Events.failedRunPattern({ includeStopped: false }),
      target: (event) => {
        received.push(event);
      },
    });
    const publisher = Ingest.createEventBridgePublisher({ client, busName: "tracker" });
    const detail = {
      workflowName: "w",
      runId: "wr_1",
      status: "COMPLETED" as const,
      outcome: "FAILED" as const,
      failedNodes: [],
    };

    // Act
    await publisher.publish([Events.runStateChangeEntry(detail)]);
    await publisher.publish([Events.runStateChangeEntry({ ...detail, runId: "wr_2", outcome: "SUCCEEDED" })]);
    await bridge.idle();

    // Assess
    expect(received).toEqual([
      expect.objectContaining({ source: "glue-run-tracker", "detail-type": "Glue Workflow Run State Change", detail }),
    ]);
  });
});
