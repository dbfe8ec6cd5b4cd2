/**
 * The ingest pipeline wired for the bench: glue-local, dynalite, the local SQS
 * queue with the real ingest handler as its consumer, every Glue event sent to
 * the queue as EventBridge's SQS target would. Same parts as tests/ingest.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { GlueClient } from "@aws-sdk/client-glue";
import { Glue, Ingest, type RunStore, Store } from "@glue-run-tracker/core";
import { type GlueLocal, startGlueLocal } from "glue-local";
import { createIngestHandler } from "../../packages/functions/src/ingest/handler.ts";
import { LocalQueue } from "../../packages/local/src/queue/index.ts";
import { startDynamo, type TestDynamo } from "../../tests/support/dynamo.ts";

export interface BenchPipeline {
  glue: GlueLocal;
  glueClient: GlueClient;
  db: TestDynamo;
  store: RunStore;
  gateway: Glue.GlueGateway;
  deps: Ingest.IngestDeps;
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
  queue = new LocalQueue({
    name: "bench-ingest",
    timeScale: 1 / options.timeScale,
    visibilityTimeoutSeconds: 43_200,
    retryBackoff: { multiplier: 2, maxSeconds: 30 },
    deadLetterQueue: { queue: dlq, maxReceiveCount: 10 },
  });
  const ingestQueue = queue;
  const deps: Ingest.IngestDeps = {
    store,
    publisher: Ingest.createMemoryPublisher(),
    announcements: Ingest.createDynamoAnnouncementLog({ client: db.documentClient, tableName: db.tableName }),
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
  queue.consume(createIngestHandler(deps, logger), {
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
