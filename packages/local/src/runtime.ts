/**
 * The whole tracker on one machine: dynalite, glue-local, a local EventBridge + SQS
 * (with an AWS-compatible endpoint), the API Gateway adapter and the same handler
 * factories Lambda runs, wired with the topology the stacks deploy (core's Topology).
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { GlueClient } from "@aws-sdk/client-glue";
import {
  Accounts,
  ConfigName,
  createDocumentClient,
  Digest,
  type Env,
  reportMetricsTo,
  Store,
  Topology,
} from "@glue-run-tracker/core";
import {
  Api,
  alertsDepsFromEnv,
  commandDepsFromEnv,
  createAlertsHandler,
  createIngestHandler,
  createReconcilerHandler,
  createResumeHandler,
  createResumeWorkerHandler,
  digestDepsFromEnv,
  ingestDepsFromEnv,
  readDepsFromEnv,
  reconcileDepsFromEnv,
  recordFailuresFromEnv,
  resumeDepsFromEnv,
  resumeWorkerDepsFromEnv,
  runWatchDepsFromEnv,
} from "@glue-run-tracker/functions";
import { type GlueLocal, startGlueLocal } from "glue-local";
import {
  ANALYTICS_ACCOUNT,
  accountsEnv,
  HOME_ACCOUNT,
  type LocalMemberAccount,
  type RunningMemberAccount,
  startMemberAccount,
} from "./accounts.ts";
import { startApiGateway } from "./api-gateway/index.ts";
import { startAwsEndpoint } from "./aws-endpoint/index.ts";
import { LocalEventBridge, queueTarget } from "./bus/index.ts";
import { DASHBOARD_PATH, startDashboardSite } from "./dashboard/index.ts";
import { analyticsDemoWorkflows, startDemo } from "./demo/index.ts";
import { startDynalite } from "./dynalite.ts";
import { PortInUseError } from "./errors.ts";
import { functionLoggers, LOG_LEVEL_SETTING, logLevelFrom } from "./function-loggers.ts";
import { createLambdaContext } from "./lambda/context.ts";
import type { RuntimeLogger } from "./logger.ts";
import { PrometheusRegistry } from "./metrics/prometheus-registry.ts";
import { checkPorts, type PortName, PortSetting } from "./ports.ts";
import { LocalSqs } from "./queue/index.ts";
import { persistQueues, type QueuePersistence, restoreQueues } from "./queue/persistence.ts";
import { JsonlAlertSink } from "./sinks/index.ts";
import { type LocalSts, startLocalSts } from "./sts/index.ts";
import { consumerOptions, deadLetterQueueName, queueOptions } from "./topology.ts";
import { describeTrackerEvent } from "./tracker-lines.ts";

export { PortInUseError };

export const TABLE_NAME = "glue-run-tracker";
/** Under --data-dir: the local queues' messages (queue/persistence.ts). */
export const QUEUES_FILE = "queues.json";
export const TRACKER_BUS = "glue-run-tracker";
/** When the demo writes its digest: after the overdue run ended and two reconciler periods noticed it. */
const DEMO_DIGEST_AFTER_MS = 240_000;

export { PortSetting };

export interface LocalTrackerOptions {
  demo: boolean;
  /** Persist DynamoDB data here (default: in memory). */
  dataDir?: string;
  env: Env;
  log: (line: string) => void;
  /** Explicit ports (0 = random); default from env / PortSetting. */
  ports?: Partial<Record<PortName, number>>;
  /** glue-local's time scale (default 1, or GLUE_LOCAL_TIME_SCALE). */
  timeScale?: number;
  /** Local SQS time scale: 0.001 turns queue seconds into ms (tests). Default 1. */
  queueTimeScale?: number;
  /** How often the reconciler runs (default 60 s). 0 disables the timer. */
  reconcileIntervalMs?: number;
  /** How often the demo starts each workflow (default 60 s). */
  demoIntervalMs?: number;
  /** Where alerts are written (default <dataDir or .tracker>/alerts.jsonl). */
  alertsFile?: string;
  /** The functions' log level (default: env LOG_LEVEL, else WARN). */
  logLevel?: string;
  /** The overdue / missed checks' and their alerts' clock (tests move it to a scheduled slot); default real time. */
  clock?: () => Date;
  /**
   * The accounts besides home, each with its own glue-local (the first on GLUE_MEMBER_PORT, the
   * others on free ports). Default: analytics, 222222222222 in eu-west-1.
   */
  members?: LocalMemberAccount[];
  /** Lifetime of the credentials the local STS stand-in issues, in seconds (default 3600; tests: a few). */
  stsCredentialSeconds?: number;
  /** Seed of every glue-local's run ids (the same in each, so same-named workflows' runs collide). Default: random per start. */
  runIdSeed?: string;
}

export interface LocalTracker {
  urls: { dashboard: string; api: string; glue: string; dynamodb: string; events: string };
  apiToken?: string;
  alertsFile: string;
  demo: boolean;
  /** The home account's glue-local. */
  glue: GlueLocal;
  /** The home account and region (glue-local's defaults). */
  home: { accountId: string; region: string; alias?: string };
  /** The member accounts, each with its glue-local and its bus. */
  members: RunningMemberAccount[];
  /** The local STS stand-in the functions assume the member roles with. */
  sts: LocalSts;
  sqs: LocalSqs;
  bridge: LocalEventBridge;
  /** The environment the handlers were built from (names from ConfigName). */
  env: Env;
  /** Runs the reconciler once now. */
  reconcile(): Promise<unknown>;
  /** Writes a digest of the last 24 hours to the alerts file (as `npm run digest` does). */
  digest(): Promise<Digest.SendDigestResult>;
  stop(): Promise<void>;
}

export async function startLocalTracker(options: LocalTrackerOptions): Promise<LocalTracker> {
  const { env: userEnv, log } = options;
  // Every function logs through its own Powertools Logger to this process's output.
  const loggerOf = functionLoggers(logLevelFrom(options.logLevel ?? userEnv[LOG_LEVEL_SETTING]));
  const port = (name: PortName) =>
    options.ports?.[name] ?? numberFrom(userEnv[PortSetting[name].variable], PortSetting[name].fallback);
  const stops: (() => Promise<unknown> | unknown)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
  };
  const onPort = async <T>(name: PortName, start: () => Promise<T>): Promise<T> => {
    try {
      return await start();
    } catch (error) {
      await stopAll();
      throw isPortInUse(error) ? portInUse(name, port(name)) : error;
    }
  };

  await checkPorts({
    api: port("api"),
    glue: port("glue"),
    dynamodb: port("dynamodb"),
    events: port("events"),
    glueMember: port("glueMember"),
    sts: port("sts"),
  });
  // esbuild works in its own process: the page builds while the local services start.
  const dashboardBuilding = startDashboardSite(userEnv);
  dashboardBuilding.catch(() => undefined); // awaited (and reported) before the API starts

  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const dynamo = await onPort("dynamodb", () =>
    startDynalite({ port: port("dynamodb"), path: dataDir && join(dataDir, "dynamodb") }),
  );
  stops.push(() => dynamo.stop());

  const sqs = new LocalSqs({ timeScale: options.queueTimeScale ?? 1, region: "us-east-1" });
  // The tracker's buses are the home account's: Glue's events there carry its account and region.
  const bridge = new LocalEventBridge({ ...HOME_ACCOUNT, buses: [TRACKER_BUS] });
  // The functions' metrics, served at GET <events endpoint>/metrics (docs/decisions/operability-metrics.md).
  const metrics = new PrometheusRegistry();
  reportMetricsTo(metrics);
  stops.push(() => reportMetricsTo(undefined));
  const endpoint = await onPort("events", () =>
    startAwsEndpoint({ port: port("events"), eventBridge: bridge, sqs, metrics }),
  );
  stops.push(() => endpoint.close());
  // Stops run in reverse: the queues' last save comes after the consumers stopped.
  let queuePersistence: QueuePersistence | undefined;
  stops.push(() => queuePersistence?.stop());
  stops.push(() => sqs.stop());

  const runIdSeed = options.runIdSeed ?? randomBytes(8).toString("hex");
  const glue = await onPort("glue", () =>
    startGlueLocal({
      port: port("glue"),
      timeScale: options.timeScale,
      eventsEndpoint: endpoint.url,
      env: userEnv,
      ...HOME_ACCOUNT,
      runIdSeed,
    }),
  );
  stops.push(() => glue.stop());
  // A second "account": its own glue-local and bus (docs/decisions/accounts-local.md).
  const members: RunningMemberAccount[] = [];
  for (const [index, member] of (options.members ?? [ANALYTICS_ACCOUNT]).entries()) {
    const running = await onPort("glueMember", () =>
      startMemberAccount(member, {
        port: index === 0 ? port("glueMember") : 0,
        tracker: bridge,
        trackerBus: forwardedGlueEventsBus(),
        timeScale: options.timeScale,
        runIdSeed,
        env: userEnv,
      }),
    );
    stops.push(() => running.glue.stop());
    members.push(running);
  }

  // The functions assume the member accounts' roles here (STS_ENDPOINT), with the external id
  // the member roles' trust requires when TRACKER_EXTERNAL_ID is set.
  const externalId = userEnv[ConfigName.TrackerExternalId];
  const sts = await onPort("sts", () =>
    startLocalSts({
      port: port("sts"),
      ...(externalId ? { externalId } : {}),
      ...(options.stsCredentialSeconds ? { credentialSeconds: options.stsCredentialSeconds } : {}),
      logger: runtimeLines(log),
    }),
  );
  stops.push(() => sts.close());

  const alertsFile = options.alertsFile ?? join(dataDir ?? resolve(".tracker"), "alerts.jsonl");
  const env = {
    ...handlerEnv(userEnv, {
      dynamodb: dynamo.endpoint,
      glue: glue.endpoint,
      events: endpoint.url,
      paginationSecret: await paginationSecret(dataDir),
    }),
    ...accountsEnv(members, sts.url),
  };
  await Store.ensureTable(createDocumentClient(env), TABLE_NAME);

  // Queues and rules exactly as the stacks deploy them.
  const queueUrl = (name: string) => `${endpoint.url}/000000000000/${name}`;
  env[ConfigName.IngestQueueUrl] = queueUrl(Topology.Queues.ingest.name);
  env[ConfigName.ResumeQueueUrl] = queueUrl(Topology.Queues.resume.name);
  const queues = Object.fromEntries(
    Object.entries(Topology.Queues).map(([key, settings]) => {
      sqs.createQueue(deadLetterQueueName(settings));
      return [key, sqs.createQueue(settings.name, queueOptions(settings))];
    }),
  ) as Record<keyof typeof Topology.Queues, ReturnType<LocalSqs["createQueue"]>>;
  if (dataDir) {
    // --data-dir keeps the queues too: delayed re-checks, pending resumes, alert retries, DLQs.
    const queuesFile = join(dataDir, QUEUES_FILE);
    const lines = runtimeLines(log);
    const restored = await restoreQueues(sqs, queuesFile, lines);
    if (restored > 0) log(`[queues] restored ${restored} message(s) from ${queuesFile}`);
    queuePersistence = persistQueues(sqs, queuesFile, lines);
  }
  for (const route of Topology.ruleRoutes({ alertOnStopped: env[ConfigName.AlertOnStopped] === "true" })) {
    const bus = route.bus === "tracker" ? TRACKER_BUS : "default";
    bridge.bus(bus).putRule({ name: route.name, pattern: route.pattern, target: queueTarget(queues[route.queue]) });
  }

  // What the tracker derived, one readable line per event (the handlers' JSON logs stay at WARN).
  bridge.bus(TRACKER_BUS).putRule({
    name: "console",
    pattern: { source: ["glue-run-tracker"] },
    target: (event) => log(describeTrackerEvent(event, members)),
  });

  const sink = new JsonlAlertSink(alertsFile);
  // Each consumer's own DLQ (as the stacks set DEAD_LETTER_QUEUE_URL per function).
  const failures = (queue: Topology.QueueSettings) =>
    recordFailuresFromEnv(queue, { ...env, [ConfigName.DeadLetterQueueUrl]: queueUrl(deadLetterQueueName(queue)) });
  const ingestLogger = loggerOf(Topology.Queues.ingest.name);
  const alertsLogger = loggerOf(Topology.Queues.alerts.name);
  const consumers = {
    ingest: createIngestHandler(
      () => ingestDepsFromEnv(env, ingestLogger),
      ingestLogger,
      failures(Topology.Queues.ingest),
    ),
    alerts: createAlertsHandler(
      async () => {
        const deps = await alertsDepsFromEnv(env, alertsLogger, { sink });
        return { ...deps, now: options.clock };
      },
      alertsLogger,
      failures(Topology.Queues.alerts),
    ),
    resumeEvents: createResumeHandler(
      () => resumeDepsFromEnv(env),
      loggerOf(Topology.Queues.resumeEvents.name),
      failures(Topology.Queues.resumeEvents),
    ),
    resume: createResumeWorkerHandler(
      () => resumeWorkerDepsFromEnv(env),
      loggerOf(Topology.Queues.resume.name),
      failures(Topology.Queues.resume),
    ),
  };
  for (const [key, settings] of Object.entries(Topology.Queues) as [
    keyof typeof Topology.Queues,
    Topology.QueueSettings,
  ][]) {
    queues[key].consume(consumers[key], consumerOptions(settings));
  }

  const reconcilerLogger = loggerOf("reconciler");
  const reconciler = createReconcilerHandler(
    () => reconcileDepsFromEnv(env, reconcilerLogger),
    {},
    reconcilerLogger,
    () => ({ ...runWatchDepsFromEnv(env, reconcilerLogger), now: options.clock }),
  );
  const reconcile = () => reconciler(scheduledEvent(), createLambdaContext({ functionName: "reconciler" }));
  const reconcileEvery = options.reconcileIntervalMs ?? 60_000;
  if (reconcileEvery > 0) {
    const timer = setInterval(
      () => void reconcile().catch((e) => log(`[reconciler] ${(e as Error).message}`)),
      reconcileEvery,
    );
    timer.unref();
    stops.push(() => clearInterval(timer));
  }

  const digestLogger = loggerOf("digest");
  const digest = async () => {
    const deps = await digestDepsFromEnv(env, digestLogger, { sink });
    return Digest.sendDigest(deps.digest, deps.schedule, { rolling: true });
  };

  const read = Api.createReadHandler({ ...readDepsFromEnv(env), logger: loggerOf(Api.ApiFunction.Read) });
  const commands = Api.createCommandsHandler({
    ...commandDepsFromEnv(env),
    logger: loggerOf(Api.ApiFunction.Commands),
  });
  const dashboard = await dashboardBuilding.catch(async (error: unknown) => {
    await stopAll();
    throw error;
  });
  log(
    `[dashboard] page built in memory with esbuild in ${Math.round(dashboard.buildMs)} ms, served under ${DASHBOARD_PATH}`,
  );
  const api = await onPort("api", () =>
    startApiGateway({
      port: port("api"),
      site: dashboard.handler,
      handler: read,
      routes: [
        ...Api.routeList.map((r) => ({
          routeKey: Api.routeKey(r),
          handler: r.fn === Api.ApiFunction.Commands ? commands : read,
          functionName: r.fn,
        })),
        // Everything unmatched goes to the read function, which answers in the tracker's error shape.
        { routeKey: "$default", handler: read, functionName: "read" },
      ],
    }),
  );
  stops.push(() => api.close());

  let demo: { stop(): void } | undefined;
  if (options.demo) {
    const glueClient = new GlueClient({
      region: "us-east-1",
      endpoint: glue.endpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    demo = await startDemo({
      glue: glueClient,
      intervalMs: options.demoIntervalMs ?? 60_000,
      log,
      applySettings: (name, settings) => runWatchDepsFromEnv(env).store.putWorkflowSettings(name, settings),
    });
    stops.push(() => demo?.stop());
    for (const member of members.filter((m) => m.tracked !== false)) {
      const memberGlue = new GlueClient({
        region: member.region,
        endpoint: member.glue.endpoint,
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      });
      const memberDemo = await startDemo({
        glue: memberGlue,
        intervalMs: options.demoIntervalMs ?? 60_000,
        log,
        workflows: analyticsDemoWorkflows,
        account: Accounts.describeAccount(member),
        // Its workflows have no settings (those are stored in the home account's store only for now).
        applySettings: async () => undefined,
      });
      stops.push(() => memberDemo.stop());
    }
    // The demo's digest, once the overdue story has played out (its run ends after ~150 s).
    const digestTimer = setTimeout(() => {
      digest()
        .then(({ digest: d }) =>
          log(`[demo] digest of the last 24 h (${d.workflows.length} workflows) written to ${alertsFile}`),
        )
        .catch((e: unknown) => log(`[digest] ${(e as Error).message}`));
    }, DEMO_DIGEST_AFTER_MS);
    digestTimer.unref();
    stops.push(() => clearTimeout(digestTimer));
  }

  return {
    urls: {
      dashboard: `${api.url}${DASHBOARD_PATH}`,
      api: api.url,
      glue: glue.endpoint,
      dynamodb: dynamo.endpoint,
      events: endpoint.url,
    },
    apiToken: env[ConfigName.ApiToken] || undefined,
    alertsFile,
    demo: options.demo,
    glue,
    home: { ...HOME_ACCOUNT, ...(env[ConfigName.TrackerHomeAlias] ? { alias: env[ConfigName.TrackerHomeAlias] } : {}) },
    members,
    sts,
    sqs,
    bridge,
    env,
    reconcile,
    digest,
    stop: stopAll,
  };
}

/**
 * The bus member accounts forward their Glue events to: the one where the topology routes
 * forwarded Glue events to ingest (the tracker bus), else the default bus Glue's events use.
 */
function forwardedGlueEventsBus(): string {
  const ingestRoutes = Topology.ruleRoutes({ alertOnStopped: false }).filter((r) => r.queue === "ingest");
  return ingestRoutes.some((r) => r.bus === "tracker") ? TRACKER_BUS : "default";
}

/** The handlers' configuration: the user's settings plus the local endpoints. */
function handlerEnv(
  user: Env,
  local: { dynamodb: string; glue: string; events: string; paginationSecret: string },
): Record<string, string | undefined> {
  return {
    ...pick(user, [
      ConfigName.ApiToken,
      ConfigName.ApiAccountTokens,
      ConfigName.SlackWebhookUrl,
      ConfigName.SlackWebhooks,
      ConfigName.AlertOnStopped,
      ConfigName.TrackerBaseUrl,
      ConfigName.RunRetentionDays,
      ConfigName.AutoResumeEnabled,
      ConfigName.AutoResumeMaxAttempts,
      ConfigName.AutoResumeTransientPatterns,
      ConfigName.DigestTimeZone,
      ConfigName.DigestHour,
      ConfigName.TrackerHomeAlias,
      ConfigName.TrackerExternalId,
    ]),
    // Locally a resume waits 10 s unless configured (AWS default: 120 s), so the demo shows it.
    [ConfigName.AutoResumeBackoffSeconds]: user[ConfigName.AutoResumeBackoffSeconds] ?? "10",
    [ConfigName.TableName]: TABLE_NAME,
    [ConfigName.TrackerBusName]: TRACKER_BUS,
    [ConfigName.PaginationSecret]: local.paginationSecret,
    [ConfigName.DynamoDbEndpoint]: local.dynamodb,
    [ConfigName.GlueEndpoint]: local.glue,
    [ConfigName.EventsEndpoint]: local.events,
    [ConfigName.SqsEndpoint]: local.events,
  };
}

/** One secret per data dir, so pagination tokens survive a restart with --data-dir. */
async function paginationSecret(dataDir: string | undefined): Promise<string> {
  if (!dataDir) return randomBytes(32).toString("hex");
  const file = join(dataDir, "pagination-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    const secret = randomBytes(32).toString("hex");
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** The runtime's own notices as plain lines on the output. */
function runtimeLines(log: (line: string) => void): RuntimeLogger {
  const line = (message: string, details: unknown[]) =>
    log(
      details.length
        ? `${message}: ${details.map((d) => (d instanceof Error ? d.message : String(d))).join(" ")}`
        : message,
    );
  return {
    info: (message, ...details) => line(message, details),
    warn: (message, ...details) => line(message, details),
    error: (message, ...details) => line(message, details),
  };
}

function scheduledEvent() {
  return {
    version: "0",
    id: crypto.randomUUID(),
    "detail-type": "Scheduled Event" as const,
    source: "aws.events" as const,
    account: HOME_ACCOUNT.accountId,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    region: HOME_ACCOUNT.region,
    resources: [`arn:aws:events:${HOME_ACCOUNT.region}:${HOME_ACCOUNT.accountId}:rule/reconciler`],
    detail: {},
  };
}

function portInUse(name: PortName, port: number): PortInUseError {
  const setting = PortSetting[name];
  const error = new PortInUseError("127.0.0.1", port);
  error.message = `Port ${port} (${setting.label}) is already in use. Stop what uses it, or set ${setting.variable} to another port, e.g. ${setting.variable}=${port + 10} npm start`;
  return error;
}

function isPortInUse(error: unknown): boolean {
  return error instanceof PortInUseError || (error as { code?: string })?.code === "EADDRINUSE";
}

function numberFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`Invalid port "${value}"`);
  return n;
}

function pick(env: Env, names: string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]]));
}
