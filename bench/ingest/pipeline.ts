/**
 * The ingest pipeline wired for the bench: glue-local, dynalite, the local SQS
 * queue with the real ingest handler as its consumer, every Glue event sent to
 * the queue as EventBridge's SQS target would. Same parts as tests/ingest.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { GlueClient } from "@aws-sdk/client-glue";
import { Glue, Ingest, type RunStore, Store, Topology } from "@glue-run-tracker/core";
import { type GlueLocal, startGlueLocal } from "glue-local";
import { createIngestHandler } from "../../packages/functions/src/ingest/handler.ts";
import type { RecordQueue } from "../../packages/functions/src/shared/record-queue.ts";
import type { RecordFailures } from "../../packages/functions/src/shared/sqs-batch.ts";
import { LocalQueue } from "../../packages/local/src/queue/index.ts";
import { startDynamo, type TestDynamo } from "../../tests/support/dynamo.ts";

export interface BenchPipeline {
  glue: GlueLocal;
  glueClient: GlueClient;
  db: TestDynamo;
  store: RunStore;
  gateway: Glue.GlueGateway;
  deps: Ingest.IngestDeps & Ingest.BackfillDeps;
  queue: LocalQueue;
  /** When on, every Glue event goes to the queue as soon as it is emitted. */
  setLive(live: boolean): void;
  /** Events emitted while not live. */
  held: unknown[];
  stop(): Promise<void>;
}

export interface PipelineOptions {
  /** glue-local virtual seconds per real second; the queue runs on the same clock. */
  timeScale: number;
  /** The tracker's clock is Glue's virtual clock (freshness in one time frame). */
  virtualClock?: boolean;
  batchSize?: number;
  maxConcurrency?: number;
  /**
   * A failed record backs off per message (ChangeMessageVisibility, shared/sqs-batch.ts), as
   * deployed (default true); false waits out the whole visibility timeout, as before.
   */
  backoff?: boolean;
}

export async function startPipeline(options: PipelineOptions): Promise<BenchPipeline> {
  let live = false;
  const held: unknown[] = [];
  let queue: LocalQueue | undefined;
  const db = await startDynamo();
  const glue = await startGlueLocal({
    timeScale: options.timeScale,
    env: {},
    onEvent: (event) => {
      if (live && queue) queue.send(JSON.stringify(event));
      else held.push(event);
    },
  });
  const config = {
    endpoint: glue.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "l", secretAccessKey: "l" },
  };
  const glueClient = new GlueClient({ ...config, maxAttempts: 10 });
  const trackerClient = new GlueClient({ ...config, maxAttempts: 1 });
  const store = Store.createRunStore({ client: db.documentClient, tableName: db.tableName, paginationSecret: "bench" });
  const gateway = Glue.createGlueGateway({ client: trackerClient });
  const dlq = new LocalQueue({ name: "bench-dlq", timeScale: 1 / options.timeScale });
  // As deployed: the ingest queue's visibility timeout, and no local growth of it (multiplier 1, as SQS).
  queue = new LocalQueue({
    name: "bench-ingest",
    timeScale: 1 / options.timeScale,
    visibilityTimeoutSeconds: Topology.visibilityTimeoutSeconds(Topology.Queues.ingest),
    retryBackoff: { multiplier: 1, maxSeconds: 43_200 },
    deadLetterQueue: { queue: dlq, maxReceiveCount: Topology.Queues.ingest.maxReceiveCount },
  });
  const ingestQueue = queue;
  // The consumer's SQS calls, in process (the local queue's own ChangeMessageVisibility).
  const recordQueue: RecordQueue = {
    send: async () => {
      throw new Error("no DLQ in the bench");
    },
    changeVisibility: async (record, seconds) => ingestQueue.changeVisibility(record.receiptHandle, seconds),
  };
  const deps: Ingest.IngestDeps & Ingest.BackfillDeps = {
    store,
    publisher: Ingest.createMemoryPublisher(),
    glue: gateway,
    rechecks: {
      async schedule(message, delaySeconds) {
        ingestQueue.send(JSON.stringify(message), { delaySeconds });
      },
    },
    links: new Ingest.JobRunLinks(),
    nodeIndex: new Ingest.NodeIndexCache(),
    ...(options.virtualClock ? { now: () => glue.now() } : {}),
  };
  const logger = new Logger({ serviceName: "bench-ingest", logLevel: "SILENT" });
  const failures: RecordFailures = {
    queue: Topology.Queues.ingest,
    ...(options.backoff === false ? {} : { sqs: () => recordQueue }),
  };
  queue.consume(createIngestHandler(deps, logger, failures), {
    batchSize: options.batchSize ?? 10,
    maxConcurrency: options.maxConcurrency ?? 5,
  });
  return {
    glue,
    glueClient,
    db,
    store,
    gateway,
    deps,
    queue,
    held,
    setLive(value) {
      live = value;
    },
    async stop() {
      await ingestQueue.stop();
      await dlq.stop();
      glueClient.destroy();
      trackerClient.destroy();
      await glue.stop();
      await db.stop();
    },
  };
}
