/**
 * `npm start --data-dir`: the local queues' messages survive a restart (re-checks,
 * pending resumes, alert retries, dead letters), not only DynamoDB.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GlueClient } from "@aws-sdk/client-glue";
import { afterEach, describe, expect, it } from "vitest";
import { createDemoWorkflow } from "../../packages/local/src/demo/create.ts";
import { silentLogger } from "../../packages/local/src/logger.ts";
import { LocalQueue } from "../../packages/local/src/queue/index.ts";
import { type LocalTracker, startLocalTracker } from "../../packages/local/src/runtime.ts";

describe("local runtime --data-dir: the queues survive a restart", () => {
  const started: LocalTracker[] = [];
  let dir: string | undefined;

  afterEach(async () => {
    for (const tracker of started.splice(0)) await tracker.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function start(dataDir: string): Promise<LocalTracker> {
    const tracker = await startLocalTracker({
      demo: false,
      env: {},
      log: () => {},
      dataDir,
      ports: { api: 0, glue: 0, dynamodb: 0, events: 0, glueMember: 0, sts: 0 },
      reconcileIntervalMs: 0,
    });
    started.push(tracker);
    return tracker;
  }

  it("restores a delayed re-check, a delayed resume and a dead letter after a stop and start", async () => {
    // Prepare
    dir = await mkdtemp(join(tmpdir(), "grt-data-dir-"));
    const first = await start(dir);
    const recheck = JSON.stringify({ kind: "recheck", workflowName: "nightly", runId: "wr_1", attempt: 3 });
    const resume = JSON.stringify({ workflowName: "nightly", runId: "wr_2", attempt: 1 });
    first.sqs.getQueue("ingest").send(recheck, { delaySeconds: 900 });
    first.sqs.getQueue("resume").send(resume, { delaySeconds: 600 });
    first.sqs.getQueue("alerts-dlq").send("an alert that failed every retry");
    await first.stop();
    started.splice(0);

    // Act
    const second = await start(dir);

    // Assess
    const bodies = (name: string) =>
      second.sqs
        .getQueue(name)
        .messages()
        .map((message) => message.body);
    expect(bodies("ingest")).toEqual([recheck]);
    expect(bodies("resume")).toEqual([resume]);
    expect(bodies("alerts-dlq")).toEqual(["an alert that failed every retry"]);
    expect(second.sqs.getQueue("ingest").counts()).toEqual({ visible: 0, notVisible: 0, delayed: 1 });
  });

  it("after a restart, a run that was in flight (glue-local forgot it) ends UNKNOWN at the next reconcile", async () => {
    // Prepare: a long run recorded RUNNING by the start command, then a restart on the same data dir
    dir = await mkdtemp(join(tmpdir(), "grt-data-dir-"));
    const first = await start(dir);
    const glue = new GlueClient({
      region: "us-east-1",
      endpoint: first.urls.glue,
      credentials: { accessKeyId: "t", secretAccessKey: "t" },
    });
    await createDemoWorkflow(glue, {
      name: "restarted",
      description: "restart test",
      story: "",
      crawlers: [],
      jobs: [{ name: "restarted-job", arguments: { "--sim-duration-ms": "3600000" } }],
      triggers: [{ name: "restarted-start", type: "ON_DEMAND", starts: [{ job: "restarted-job" }] }],
    });
    glue.destroy();
    const response = await fetch(`${first.urls.api}/workflows/restarted/runs`, { method: "POST", body: "{}" });
    expect(response.status).toBe(201);
    const { RunId } = (await response.json()) as { RunId: string };
    await first.stop();
    started.splice(0);
    const second = await start(dir);

    // Act
    const report = (await second.reconcile()) as { runsClosed: number };

    // Assess
    const run = (await (await fetch(`${second.urls.api}/workflows/restarted/runs/${RunId}`)).json()) as {
      Run: { Outcome: string; ClosedReason: string };
    };
    expect(report.runsClosed).toBe(1);
    expect(run.Run.Outcome).toBe("UNKNOWN");
    expect(run.Run.ClosedReason).toContain("deleted in Glue");
  });

  it("a message in flight when the process died is visible again at once; a consumer's backoff is kept", () => {
    // Prepare: two messages received by a consumer that then dies; one had backed off for 60 s
    let now = 1_000_000;
    const before = new LocalQueue({ name: "q", logger: silentLogger, clock: () => now });
    before.send("orphaned");
    before.send("backed off");
    const [, backedOff] = before.take(2);
    before.changeVisibility(backedOff?.receiptHandle ?? "", 60);
    const saved = before.messages();

    // Act
    now += 1_000;
    const after = new LocalQueue({ name: "q", logger: silentLogger, clock: () => now });
    after.restore(saved);

    // Assess
    expect(after.counts()).toEqual({ visible: 1, notVisible: 1, delayed: 0 });
    expect(after.take(10).map((message) => message.body)).toEqual(["orphaned"]);
  });
});
