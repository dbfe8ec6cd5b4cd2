/**
 * The failure path across two tracked accounts, in-process, with the handlers' code:
 *
 *   glue-local "home"   (123456789012, us-east-1) ─> ingest ─> home store   ┐
 *   glue-local "member" (222222222222, eu-west-1) ─> ingest ─> member store ┴─> tracker bus
 *   tracker bus rules (Topology.ruleRoutes) ─> alerts handler, resume handler  (one each, every account)
 *   resume queue ─> resume worker ─> the run's account's glue-local and store
 *
 * Ingest is wired per glue-local here (its routing by the events' account is the ingest
 * work's); everything after the tracker bus resolves the account from the event, as deployed.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import type { GlueClient } from "@aws-sdk/client-glue";
import {
  Accounts,
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
import { startDynamo, type TestDynamo } from "../support/dynamo.ts";

const TRACKER_BUS = "glue-run-tracker";
export const HOME = { accountId: "123456789012", region: "us-east-1" };
export const MEMBER = { accountId: "222222222222", region: "eu-west-1", alias: "analytics" };

export interface AccountSide {
  account: Accounts.TrackedAccount;
  glue: GlueLocal;
  admin: GlueClient;
  store: RunStore;
}

export interface AccountsPipeline {
  home: AccountSide;
  member: AccountSide;
  alerts: Alerts.RunAlert[];
  trackerEvents: BusEvent[];
  /** Puts an event on the tracker bus (as an older tracker version, or anyone allowed PutEvents, could). */
  putTrackerEvent(detailType: string, detail: object): void;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const quiet = (serviceName: string) => new Logger({ serviceName, logLevel: "SILENT" });
const silentConsole = { debug() {}, info() {}, warn() {}, error() {}, log() {} };

export async function startAccountsPipeline(): Promise<AccountsPipeline> {
  const timeScale = 1000;
  const queueScale = 1 / timeScale;
  const dynamo: TestDynamo = await startDynamo();
  const registry = Accounts.createAccountRegistry(HOME, [
    { AccountId: MEMBER.accountId, Region: MEMBER.region, Alias: MEMBER.alias, ConsoleRoleName: "GlueOperator" },
  ]);
  const bridge = new LocalEventBridge({ buses: [TRACKER_BUS], logger: silentConsole });
  const queue = (name: string) =>
    new LocalQueue({
      name,
      visibilityTimeoutSeconds: 30,
      deadLetterQueue: {
        queue: new LocalQueue({ name: `${name}-dlq`, timeScale: queueScale, logger: silentConsole }),
        maxReceiveCount: 5,
      },
      timeScale: queueScale,
      logger: silentConsole,
    });
  const alertsQueue = queue("alerts");
  const resumeEventsQueue = queue("resume-events");
  const resumeQueue = queue("resume");
  const queues = [alertsQueue, resumeEventsQueue, resumeQueue];
  const publisher: Ingest.TrackerEventPublisher = {
    async publish(entries) {
      const result = bridge.putEvents(entries.map((entry) => ({ ...entry, EventBusName: TRACKER_BUS })));
      if (result.FailedEntryCount > 0) throw new Error(`PutEvents refused ${result.FailedEntryCount} entries`);
    },
  };
  const clients: GlueClient[] = [];

  async function side(account: Accounts.TrackedAccount): Promise<AccountSide & { gateway: Glue.GlueGateway }> {
    const ingestQueue = queue(`ingest-${account.accountId}`);
    queues.push(ingestQueue);
    const glue = await startGlueLocal({
      timeScale,
      accountId: account.accountId,
      region: account.region,
      env: {},
      onEvent: (event) => void ingestQueue.send(JSON.stringify(event)),
    });
    const client = createGlueClient({ GLUE_ENDPOINT: glue.endpoint, AWS_REGION: account.region });
    const admin = createGlueClient({ GLUE_ENDPOINT: glue.endpoint, AWS_REGION: account.region });
    clients.push(client, admin);
    const store = Store.createRunStore({
      client: dynamo.documentClient,
      tableName: dynamo.tableName,
      paginationSecret: "accounts-pipeline",
      account,
      home: registry.home,
    });
    const gateway = Glue.createGlueGateway({ client });
    ingestQueue.consume(
      createIngestHandler(
        {
          store,
          publisher,
          now: () => glue.now(),
          glue: gateway,
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
    return { account, glue, admin, store, gateway };
  }

  const home = await side(registry.home);
  const member = await side(registry.resolve(MEMBER));
  const sides = [home, member];
  const sideOf = (account: Accounts.TrackedAccount) => (account.home ? home : member);
  // The member's run fails and is resumed: its Glue's clock is the resume functions'.
  const now = () => member.glue.now();

  const trackerEvents: BusEvent[] = [];
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
      trackerBus.putRule({
        name: route.name,
        pattern: route.pattern,
        target: (e) => void target.send(JSON.stringify(e)),
      });
  }

  const policy = Resume.resumePolicyFromEnv({});
  const alerts: Alerts.RunAlert[] = [];
  alertsQueue.consume(
    createAlertsHandler(
      {
        store: home.store,
        accounts: { registry, of: (account) => ({ store: sideOf(account).store }) },
        policy,
        publishers: [{ channel: "recording", publish: async (a) => void (Alerts.isRunAlert(a) && alerts.push(a)) }],
        settings: { alertOnStopped: false, region: HOME.region, trackerBaseUrl: "https://tracker.example.com" },
        ledger: Alerts.createDynamoDeliveryLedger({ client: dynamo.documentClient, tableName: dynamo.tableName }),
      },
      quiet("alerts"),
    ),
    { batchSize: 10, maxConcurrency: 2 },
  );

  const resumeQueuePort: Resume.ResumeQueue = {
    async send(request, delaySeconds) {
      resumeQueue.send(JSON.stringify(request), { delaySeconds: Resume.queueDelay(delaySeconds) });
    },
  };
  resumeEventsQueue.consume(
    createResumeHandler(
      {
        store: home.store,
        accounts: { registry, of: (account) => ({ store: sideOf(account).store }) },
        queue: resumeQueuePort,
        policy,
        now,
      },
      quiet("resume"),
    ),
    { batchSize: 10, maxConcurrency: 2 },
  );
  const workerDeps = (s: (typeof sides)[number]): Resume.ResumeAccountDeps => ({
    store: s.store,
    glue: s.gateway,
    publisher,
    recordRun: (snapshot) => Ingest.recordSnapshot({ store: s.store, publisher, now }, snapshot, ObservedVia.Command),
  });
  resumeQueue.consume(
    createResumeWorkerHandler(
      {
        ...workerDeps(home),
        accounts: { registry, of: (account) => workerDeps(sideOf(account)) },
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
      sides.map((s) => s.glue.events.length),
      bridge.stats().accepted,
      queues.map((q) => [q.stats().sent, q.stats().deleted]),
    ]);

  return {
    home,
    member,
    alerts,
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
        for (const s of sides) {
          await s.glue.idle({ timeoutMs: 30_000 });
          await s.glue.flushEvents();
        }
        await bridge.idle({ timeoutMs: 30_000 });
        for (const q of queues) await q.idle({ timeoutMs: 30_000 });
        const current = activity();
        if (current === last) return;
        last = current;
      }
      throw new Error("the pipeline never settled");
    },
    async stop() {
      for (const q of queues) await q.stop();
      for (const c of clients) c.destroy();
      for (const s of sides) await s.glue.stop();
      await dynamo.stop();
    },
  };
}
