/**
 * The ingest pipeline on one machine, for tests and the bench: glue-local (Glue),
 * dynalite (the table), the local SQS queue with its DLQ and Lambda-like event
 * source, and the real ingest handler consuming it. Glue's events are captured,
 * not delivered: each test decides what reaches the queue (in order, tripled and
 * shuffled, or dropped). Virtual Glue time moves only when a test advances it.
 */

import { Logger } from "@aws-lambda-powertools/logger";
import { GetWorkflowRunCommand, GlueClient } from "@aws-sdk/client-glue";
import { Glue, Ingest, type RunStore, Runs, Store, type TrackedRun } from "@glue-run-tracker/core";
import { type GlueEvent, type GlueLocal, startGlueLocal } from "glue-local";
import { TRACKER_FIELDS } from "../../../packages/core/src/store/run-item.ts";
import { createIngestHandler } from "../../../packages/functions/src/ingest/handler.ts";
import { LocalQueue } from "../../../packages/local/src/queue/index.ts";
import { startDynamo, type TestDynamo } from "../../support/dynamo.ts";

export interface HarnessOptions {
  /** glue-local faults, as GLUE_LOCAL_* would set them. */
  glueEnv?: Record<string, string>;
  /** Deterministic random source for glue-local's throttling. */
  random?: () => number;
  /** Extra tries the gateway makes on throttling before failing the record (default 2). */
  throttleRetries?: number;
  maxReceiveCount?: number;
  retentionSeconds?: number;
}

export interface IngestHarness {
  glue: GlueLocal;
  /** A patient client for the test's own calls (retries through throttling). */
  glueClient: GlueClient;
  db: TestDynamo;
  store: RunStore;
  gateway: Glue.GlueGateway;
  publisher: ReturnType<typeof Ingest.createMemoryPublisher>;
  deps: Ingest.IngestDeps & Ingest.ReconcileDeps;
  queue: LocalQueue;
  dlq: LocalQueue;
  /** Glue events emitted and not yet taken by `takeEvents`. */
  takeEvents(): GlueEvent[];
  /** Sends events to the ingest queue as the EventBridge → SQS target does (the event JSON as body). */
  deliver(events: GlueEvent[]): void;
  /** Waits until the queue is empty and nothing is in flight. */
  drain(): Promise<void>;
  /** advance virtual time by `ms` in steps, delivering each step's events and draining. */
  advanceDelivering(ms: number, stepMs: number, transform?: (events: GlueEvent[]) => GlueEvent[]): Promise<void>;
  /** The run as Glue's GetWorkflowRun(IncludeGraph) returns it, in the stored shape (no job arguments). */
  glueRun(workflowName: string, runId: string): Promise<ReturnType<typeof Runs.toRunSnapshot>>;
  /** The stored run without the tracker's own fields, for a field-for-field comparison. */
  storedAsGlue(workflowName: string, runId: string): Promise<Record<string, unknown> | undefined>;
  /** Tracker events published so far, as their detail objects. */
  trackerEvents(): Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function startIngestHarness(options: HarnessOptions = {}): Promise<IngestHarness> {
  const pending: GlueEvent[] = [];
  const db = await startDynamo();
  const glue = await startGlueLocal({
    timeScale: 0.001,
    env: options.glueEnv ?? {},
    random: options.random,
    retentionSeconds: options.retentionSeconds,
    onEvent: (event) => pending.push(event),
  });
  const clientConfig = {
    endpoint: glue.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  };
  const glueClient = new GlueClient({ ...clientConfig, maxAttempts: 25 });
  const trackerGlueClient = new GlueClient({ ...clientConfig, maxAttempts: 1 });
  const store = Store.createRunStore({
    client: db.documentClient,
    tableName: db.tableName,
    paginationSecret: "test-secret",
  });
  const gateway = Glue.createGlueGateway({
    client: trackerGlueClient,
    throttleRetries: options.throttleRetries ?? 2,
    throttleBackoffMs: 5,
  });
  const publisher = Ingest.createMemoryPublisher();
  const dlq = new LocalQueue({ name: "ingest-dlq", timeScale: 0.001 });
  const queue = new LocalQueue({
    name: "ingest",
    // 0.001: a queue second lasts a millisecond. In flight a message stays hidden 10 s (real), far
    // beyond any batch; a failed one comes back after 30 ms (the retry backoff's cap).
    visibilityTimeoutSeconds: 10_000,
    timeScale: 0.001,
    retryBackoff: { multiplier: 1, maxSeconds: 30 },
    deadLetterQueue: { queue: dlq, maxReceiveCount: options.maxReceiveCount ?? 5 },
  });
  const deps: Ingest.IngestDeps & Ingest.ReconcileDeps = {
    store,
    publisher,
    glue: gateway,
    rechecks: {
      async schedule(message, delaySeconds) {
        queue.send(JSON.stringify(message), { delaySeconds });
      },
    },
    cursor: Ingest.createDynamoCursorStore({ client: db.documentClient, tableName: db.tableName }),
    links: new Ingest.JobRunLinks(),
    nodeIndex: new Ingest.NodeIndexCache(),
  };
  queue.consume(createIngestHandler(deps, quietLogger()), { batchSize: 10, maxConcurrency: 2 });

  const harness: IngestHarness = {
    glue,
    glueClient,
    db,
    store,
    gateway,
    publisher,
    deps,
    queue,
    dlq,
    takeEvents: () => pending.splice(0, pending.length),
    deliver(events) {
      for (const event of events) queue.send(JSON.stringify(event));
    },
    drain: () => queue.idle({ timeoutMs: 30_000 }),
    async advanceDelivering(ms, stepMs, transform = (events) => events) {
      for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
        await glue.advance(stepMs);
        harness.deliver(transform(harness.takeEvents()));
        await harness.drain();
      }
    },
    async glueRun(workflowName, runId) {
      const { Run } = await glueClient.send(
        new GetWorkflowRunCommand({ Name: workflowName, RunId: runId, IncludeGraph: true }),
      );
      if (!Run) throw new Error(`Glue has no run ${workflowName}/${runId}`);
      const run = Runs.toRunSnapshot(Run as Parameters<typeof Runs.toRunSnapshot>[0]);
      // The tracker keeps no job arguments (docs/decisions/security-job-arguments.md).
      const withoutArguments = (key: string, value: unknown) => (key === "Arguments" ? undefined : value);
      return run.Graph ? { ...run, Graph: JSON.parse(JSON.stringify(run.Graph, withoutArguments)) } : run;
    },
    async storedAsGlue(workflowName, runId) {
      const run = await store.getRun(workflowName, runId, { includeGraph: true });
      if (!run) return undefined;
      // Run properties are stored but never in the read model: only getRunProperties reads them.
      const properties = await store.getRunProperties(workflowName, runId);
      const stored = properties ? { WorkflowRunProperties: properties } : {};
      return { ...withoutTrackerFields(run), ...stored };
    },
    trackerEvents: () => publisher.entries.map((entry) => JSON.parse(entry.Detail) as Record<string, unknown>),
    async stop() {
      await queue.stop();
      await dlq.stop();
      glueClient.destroy();
      trackerGlueClient.destroy();
      await glue.stop();
      await db.stop();
    },
  };
  return harness;
}

export function withoutTrackerFields(run: TrackedRun): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...run };
  for (const field of TRACKER_FIELDS) delete copy[field];
  return copy;
}

/** Keeps test output clean; set INGEST_TEST_LOG_LEVEL=DEBUG to see the handler's logs. */
function quietLogger(): Logger {
  return new Logger({
    serviceName: "ingest-test",
    logLevel: (process.env.INGEST_TEST_LOG_LEVEL ?? "SILENT") as "SILENT",
  });
}

/** Deterministic shuffle (mulberry32), so a failing order can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
