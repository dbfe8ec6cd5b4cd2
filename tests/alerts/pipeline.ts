/**
 * The whole failure path, in-process, with the same handler code as on AWS:
 *
 *   glue-local ─ events ─> ingest queue ─> ingest handler ─> dynalite (run store)
 *                                               └─> tracker bus (local EventBridge)
 *   tracker bus rules (core's Topology.ruleRoutes, as deployed):
 *     failed runs, recovered lineages, refused resumes ─> alerts queue ─> alerts handler ─> recording publisher + sink
 *     resume candidates ─> resume-events queue ─> resume handler ─> resume queue (delayed)
 *   resume queue ─> resume worker ─> glue-local ResumeWorkflowRun, store, tracker bus
 *
 * Time: glue-local runs `timeScale` virtual seconds per real second and every queue
 * runs its seconds 1/timeScale as fast, so a 120 s backoff is 120 virtual seconds
 * on Glue's clock too. The resume functions read Glue's virtual clock.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import type { GlueClient } from "@aws-sdk/client-glue";
import {
  Alerts,
  createGlueClient,
  Events,
  Glue,
  Ingest,
  ObservedVia,
  Resume,
  type RunStore,
  Store,
  Topology,
} from "@glue-run-tracker/core";
import { type GlueLocal, startGlueLocal } from "glue-local";
import { createAlertsHandler } from "../../packages/functions/src/alerts/handler.ts";
import { createIngestHandler } from "../../packages/functions/src/ingest/handler.ts";
import { createResumeHandler } from "../../packages/functions/src/resume/handler.ts";
import { createResumeWorkerHandler } from "../../packages/functions/src/resume/worker.ts";
import { type BusEvent, LocalEventBridge } from "../../packages/local/src/bus/index.ts";
import { LocalQueue } from "../../packages/local/src/queue/local-queue.ts";
import { type AlertRecord, JsonlAlertSink } from "../../packages/local/src/sinks/jsonl-sink.ts";
import { startDynamo, type TestDynamo } from "../support/dynamo.ts";

const TRACKER_BUS = "glue-run-tracker";

export interface PipelineOptions {
  /** AUTO_RESUME_* settings (the rest default as in docs/architecture.md#auto-resume-policy). */
  policyEnv?: Record<string, string>;
  /** Deliver every tracker event this many times to the alerts and resume queues (duplicates). */
  deliveries?: number;
  timeScale?: number;
  /** glue-local forgets finished runs older than this (Glue's retention, shortened). */
  retentionSeconds?: number;
}

export interface Pipeline {
  glue: GlueLocal;
  glueAdmin: GlueClient;
  store: RunStore;
  /** Alerts as the publishers received them, in order. */
  alerts: Alerts.RunAlert[];
  /** The local runtime's JSONL alert sink (SNS and Slack renderings), as written to its file. */
  sinkRecords(): Promise<AlertRecord[]>;
  /** Every event put on the tracker bus. */
  trackerEvents: BusEvent[];
  /** Puts an event on the tracker bus as any principal allowed PutEvents could (forged events). */
  putTrackerEvent(detailType: string, detail: object): void;
  /** Waits until Glue, the bus and every queue are quiet (delayed messages included). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const quiet = (serviceName: string) => new Logger({ serviceName, logLevel: "SILENT" });

export async function startPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const timeScale = options.timeScale ?? 1000;
  const queueScale = 1 / timeScale;
  const dynamo: TestDynamo = await startDynamo();
  const store = Store.createRunStore({
    client: dynamo.documentClient,
    tableName: dynamo.tableName,
    paginationSecret: "pipeline-test",
  });
  const bridge = new LocalEventBridge({ buses: [TRACKER_BUS], logger: silentConsole });
  const queue = (name: string) => {
    const dlq = new LocalQueue({ name: `${name}-dlq`, timeScale: queueScale, logger: silentConsole });
    return new LocalQueue({
      name,
      visibilityTimeoutSeconds: 30,
      deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
      timeScale: queueScale,
      logger: silentConsole,
    });
  };
  const ingestQueue = queue("ingest");
  const alertsQueue = queue("alerts");
  const resumeEventsQueue = queue("resume-events");
  const resumeQueue = queue("resume");
  const queues = [ingestQueue, alertsQueue, resumeEventsQueue, resumeQueue];

  const glue = await startGlueLocal({
    timeScale,
    retentionSeconds: options.retentionSeconds,
    env: {},
    onEvent: (event) => {
      ingestQueue.send(JSON.stringify(event));
    },
  });
  const glueClient = createGlueClient({ GLUE_ENDPOINT: glue.endpoint, AWS_REGION: "us-east-1" });
  const glueAdmin = createGlueClient({ GLUE_ENDPOINT: glue.endpoint, AWS_REGION: "us-east-1" });
  const now = () => glue.now();

  const trackerEvents: BusEvent[] = [];
  const publisher: Ingest.TrackerEventPublisher = {
    async publish(entries) {
      const result = bridge.putEvents(entries.map((entry) => ({ ...entry, EventBusName: TRACKER_BUS })));
      if (result.FailedEntryCount > 0) throw new Error(`PutEvents refused ${result.FailedEntryCount} entries`);
    },
  };
  const recording: Ingest.RecordSnapshotDeps = { store, publisher, now };

  // Ingest.
  ingestQueue.consume(
    createIngestHandler(
      {
        ...recording,
        glue: Glue.createGlueGateway({ client: glueClient }),
        rechecks: {
          async schedule(message, delaySeconds) {
            ingestQueue.send(JSON.stringify(message), { delaySeconds: Math.min(900, Math.round(delaySeconds)) });
          },
        },
        links: new Ingest.JobRunLinks(),
      },
      quiet("ingest"),
    ),
    { batchSize: 10, maxConcurrency: 2 },
  );

  // Tracker bus rules, with the patterns the stack deploys.
  const deliveries = options.deliveries ?? 1;
  const deliver = (target: LocalQueue) => (event: BusEvent) => {
    for (let i = 0; i < deliveries; i += 1) target.send(JSON.stringify(event));
  };
  const trackerBus = bridge.bus(TRACKER_BUS);
  trackerBus.putRule({
    name: "record",
    pattern: { source: [Events.TRACKER_SOURCE] },
    target: (e) => void trackerEvents.push(e),
  });
  const targets: Partial<Record<keyof typeof Topology.Queues, LocalQueue>> = {
    alerts: alertsQueue,
    resumeEvents: resumeEventsQueue,
  };
  for (const route of Topology.ruleRoutes({ alertOnStopped: false })) {
    const target = targets[route.queue];
    if (route.bus === "tracker" && target)
      trackerBus.putRule({ name: route.name, pattern: route.pattern, target: deliver(target) });
  }

  // Alerts: a recording publisher and the local sink's SNS rendering.
  const policy = Resume.resumePolicyFromEnv(options.policyEnv ?? {});
  const alerts: Alerts.RunAlert[] = [];
  const sinkDir = await mkdtemp(join(tmpdir(), "alerts-pipeline-"));
  const sink = new JsonlAlertSink(join(sinkDir, "alerts.jsonl"));
  alertsQueue.consume(
    createAlertsHandler(
      {
        store,
        policy,
        publishers: [
          {
            channel: "recording",
            publish: async (alert) => void (Alerts.isRunAlert(alert) && alerts.push(alert)),
          },
          Alerts.createSinkPublisher(sink, Alerts.AlertChannel.Sns),
          Alerts.createSinkPublisher(sink, Alerts.AlertChannel.Slack),
        ],
        settings: { alertOnStopped: false, region: glue.region },
        ledger: Alerts.createDynamoDeliveryLedger({
          client: dynamo.documentClient,
          tableName: dynamo.tableName,
          now,
        }),
      },
      quiet("alerts"),
    ),
    { batchSize: 10, maxConcurrency: 2 },
  );

  // Auto-resume: decision → delayed message → worker.
  const resumeQueuePort: Resume.ResumeQueue = {
    async send(request, delaySeconds) {
      resumeQueue.send(JSON.stringify(request), { delaySeconds: Resume.queueDelay(delaySeconds) });
    },
  };
  resumeEventsQueue.consume(createResumeHandler({ store, queue: resumeQueuePort, policy, now }, quiet("resume")), {
    batchSize: 10,
    maxConcurrency: 2,
  });
  resumeQueue.consume(
    createResumeWorkerHandler(
      {
        store,
        glue: Glue.createGlueGateway({ client: glueClient }),
        publisher,
        recordRun: (snapshot) => Ingest.recordSnapshot(recording, snapshot, ObservedVia.Command),
        queue: resumeQueuePort,
        locks: Resume.createRunLocks(),
        now,
      },
      quiet("resume-worker"),
    ),
    { batchSize: 10, maxConcurrency: 2 },
  );

  const activity = () =>
    JSON.stringify([
      glue.events.length,
      bridge.stats().accepted,
      queues.map((q) => [q.stats().sent, q.stats().deleted]),
    ]);

  return {
    glue,
    glueAdmin,
    store,
    alerts,
    sinkRecords: () => sink.read(),
    trackerEvents,
    putTrackerEvent(detailType, detail) {
      bridge.putEvents([
        {
          Source: Events.TRACKER_SOURCE,
          DetailType: detailType,
          Detail: JSON.stringify(detail),
          EventBusName: TRACKER_BUS,
        },
      ]);
    },
    async settle() {
      let last = "";
      for (let round = 0; round < 500; round += 1) {
        await glue.idle({ timeoutMs: 30_000 });
        await glue.flushEvents();
        await bridge.idle({ timeoutMs: 30_000 });
        for (const q of queues) await q.idle({ timeoutMs: 30_000 });
        const now = activity();
        if (now === last) return;
        last = now;
      }
      throw new Error("the pipeline never settled");
    },
    async stop() {
      for (const q of queues) await q.stop();
      glueClient.destroy();
      glueAdmin.destroy();
      await glue.stop();
      await dynamo.stop();
      await rm(sinkDir, { recursive: true, force: true });
    },
  };
}

const silentConsole = { debug() {}, info() {}, warn() {}, error() {}, log() {} };
