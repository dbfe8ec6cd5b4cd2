/**
 * Ingest, the reconciler and backfill across tracked accounts (docs/decisions/accounts-flows.md),
 * on real parts: two glue-local instances as two accounts (the same workflow and job names in
 * both), one dynalite table, the real ingest handler on the local queue with its DLQ, and the
 * backfill CLI. A third "account" whose Glue refuses access is a real HTTP endpoint answering
 * AccessDeniedException, as Glue does when the member stack's role is missing.
 */
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { Logger } from "@aws-lambda-powertools/logger";
import { GlueClient } from "@aws-sdk/client-glue";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Accounts, Glue, Ingest, Metric, reportMetricsTo, Store } from "@glue-run-tracker/core";
import { type GlueEvent, type GlueLocal, type GlueLocalOptions, startGlueLocal } from "glue-local";
import { afterEach, describe, expect, it } from "vitest";
import { createIngestHandler } from "../../packages/functions/src/ingest/handler.ts";
import { createReconcilerHandler } from "../../packages/functions/src/reconciler/handler.ts";
import { createLambdaContext } from "../../packages/local/src/lambda/context.ts";
import { LocalQueue } from "../../packages/local/src/queue/index.ts";
import { startLocalSts } from "../../packages/local/src/sts/index.ts";
import { startDynamo, type TestDynamo } from "../support/dynamo.ts";
import { createChainWorkflow, type Step, startRun } from "./support/workflows.ts";

const HOME = { accountId: "111111111111", region: "us-east-1" };
const ANALYTICS = { accountId: "222222222222", region: "eu-west-1" };
const DENIED = { accountId: "333333333333", region: "eu-central-1" };
const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };
const NIGHTLY: Step[] = [
  { job: "extract", durationMs: 10_000 },
  { job: "load", durationMs: 10_000 },
];

type FlowDeps = Ingest.IngestDeps & Ingest.ReconcileDeps & Ingest.BackfillDeps;

interface GlueAccount {
  glue: GlueLocal;
  /** A patient client for the test's own calls. */
  client: GlueClient;
  events: GlueEvent[];
}

interface TwoAccounts {
  db: TestDynamo;
  home: GlueAccount;
  analytics: GlueAccount;
  accounts: Accounts.AccountRegistry;
  deps: FlowDeps & { accounts: Accounts.PerAccount<FlowDeps> };
  of(scope: Accounts.AccountScope): FlowDeps;
  rechecks: Ingest.RecheckMessage[];
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startAccount(scope: Accounts.AccountScope, options: GlueLocalOptions = {}): Promise<GlueAccount> {
  const events: GlueEvent[] = [];
  const glue = await startGlueLocal({ timeScale: 0.001, ...scope, ...options, onEvent: (e) => events.push(e) });
  const client = new GlueClient({ endpoint: glue.endpoint, region: scope.region, credentials: LOCAL_CREDENTIALS });
  cleanups.push(async () => {
    client.destroy();
    await glue.stop();
  });
  return { glue, client, events };
}

/** Glue answering every call as it does when the tracker may not assume the member's role. */
async function startAccessDeniedGlue(): Promise<string> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(400, {
        "content-type": "application/x-amz-json-1.1",
        "x-amzn-errortype": "AccessDeniedException",
      });
      response.end(JSON.stringify({ __type: "AccessDeniedException", Message: "not authorized to perform glue:*" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startTwoAccounts(
  options: { analytics?: GlueLocalOptions; more?: Accounts.MemberAccountConfig[] } = {},
): Promise<TwoAccounts> {
  const db = await startDynamo();
  cleanups.push(() => db.stop());
  const home = await startAccount(HOME);
  const analytics = await startAccount(ANALYTICS, options.analytics);
  const accounts = Accounts.createAccountRegistry(HOME, [
    {
      AccountId: ANALYTICS.accountId,
      Region: ANALYTICS.region,
      Alias: "analytics",
      GlueEndpoint: analytics.glue.endpoint,
    },
    ...(options.more ?? []),
  ]);
  const publisher = Ingest.createMemoryPublisher();
  const rechecks: Ingest.RecheckMessage[] = [];
  const built = new Map<Accounts.TrackedAccount, FlowDeps>();
  const forAccount = (account: Accounts.TrackedAccount): FlowDeps => {
    const known = built.get(account);
    if (known) return known;
    const client = new GlueClient({
      endpoint: account.home ? home.glue.endpoint : account.glueEndpoint,
      region: account.region,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    cleanups.push(() => client.destroy());
    const deps: FlowDeps = {
      account,
      store: Store.createRunStore({
        client: db.documentClient,
        tableName: db.tableName,
        paginationSecret: "test-secret",
        account,
        home: accounts.home,
      }),
      publisher,
      glue: Glue.createGlueGateway({ client, throttleRetries: 1, throttleBackoffMs: 5 }),
      rechecks: { schedule: async (message) => void rechecks.push(message) },
      cursor: Ingest.createDynamoCursorStore({
        client: db.documentClient,
        tableName: db.tableName,
        keys: Store.keysFor(account.keyPrefix),
      }),
      links: new Ingest.JobRunLinks(),
      nodeIndex: new Ingest.NodeIndexCache(),
    };
    built.set(account, deps);
    return deps;
  };
  return {
    db,
    home,
    analytics,
    accounts,
    deps: Accounts.withHome({ registry: accounts, of: forAccount }),
    of: (scope) => forAccount(accounts.resolve(scope)),
    rechecks,
  };
}

/** The same workflow (and job names) in both accounts, one run each, run to the end. */
async function runNightlyInBoth(t: TwoAccounts): Promise<{ homeRun: string; analyticsRun: string }> {
  await createChainWorkflow(t.home.client, "nightly", NIGHTLY);
  await createChainWorkflow(t.analytics.client, "nightly", NIGHTLY);
  const homeRun = await startRun(t.home.client, "nightly");
  const analyticsRun = await startRun(t.analytics.client, "nightly");
  await Promise.all([t.home.glue.runUntilIdle(), t.analytics.glue.runUntilIdle()]);
  return { homeRun, analyticsRun };
}

/** Both accounts' events in one batch, alternating (as one queue would mix them). */
function mixed(...sources: GlueEvent[][]): Ingest.QueueRecord[] {
  const events: GlueEvent[] = [];
  for (let i = 0; i < Math.max(...sources.map((s) => s.length)); i++) {
    for (const source of sources) if (source[i]) events.push(source[i] as GlueEvent);
  }
  return events.map((event, i) => ({ id: `m${i}`, body: JSON.stringify(event) }));
}

function quietLogger(): Logger & { warnings: unknown[][]; errors: unknown[][] } {
  const logger = new Logger({ serviceName: "accounts-test", logLevel: "SILENT" }) as Logger & {
    warnings: unknown[][];
    errors: unknown[][];
  };
  logger.warnings = [];
  logger.errors = [];
  logger.warn = (...args: unknown[]) => void logger.warnings.push(args);
  logger.error = (...args: unknown[]) => void logger.errors.push(args);
  return logger;
}

function capturedMetrics(): string[] {
  const names: string[] = [];
  reportMetricsTo({ record: (metric) => void names.push(metric.name) });
  cleanups.push(() => reportMetricsTo(undefined));
  return names;
}

describe("flows across tracked accounts", () => {
  it("ingests one batch mixing two accounts' events of the same workflow and job names, each into its account", async () => {
    // Prepare
    const t = await startTwoAccounts();
    await createChainWorkflow(t.home.client, "nightly", NIGHTLY);
    await createChainWorkflow(t.analytics.client, "nightly", NIGHTLY);
    await Ingest.backfillAccounts(t.deps.accounts, t.accounts.all, { all: true }); // each account's node index
    const homeRun = await startRun(t.home.client, "nightly");
    const analyticsRun = await startRun(t.analytics.client, "nightly");
    await Promise.all([t.home.glue.runUntilIdle(), t.analytics.glue.runUntilIdle()]);

    // Act
    const results = await Ingest.ingestAcrossAccounts(t.deps, mixed(t.home.events, t.analytics.events));

    // Assess
    expect(results.filter((r) => r.error !== undefined || r.untracked)).toEqual([]);
    const homeStore = t.of(HOME).store;
    const analyticsStore = t.of(ANALYTICS).store;
    expect(await homeStore.getRun("nightly", homeRun)).toMatchObject({ Outcome: "SUCCEEDED", ...asStored(HOME) });
    expect(await analyticsStore.getRun("nightly", analyticsRun)).toMatchObject({
      Outcome: "SUCCEEDED",
      ...asStored(ANALYTICS),
    });
    expect(await homeStore.getRun("nightly", analyticsRun)).toBeUndefined();
    expect(await analyticsStore.getRun("nightly", homeRun)).toBeUndefined();
    expect((await homeStore.listRuns("nightly")).items.map((r) => r.WorkflowRunId)).toEqual([homeRun]);
    expect((await analyticsStore.listRuns("nightly")).items.map((r) => r.WorkflowRunId)).toEqual([analyticsRun]);
  });

  it("sends a re-check back to its account: the run is read from that account's Glue and stored there", async () => {
    // Prepare
    const t = await startTwoAccounts();
    await createChainWorkflow(t.analytics.client, "nightly", NIGHTLY);
    const runId = await startRun(t.analytics.client, "nightly");
    await t.analytics.glue.advance(1_000);
    const recheck = { kind: "recheck", workflowName: "nightly", runId, attempt: 2 };
    const there = JSON.stringify({ ...recheck, ...ANALYTICS });
    const nowhere = JSON.stringify(recheck); // no account: the home account's, whose Glue has no such run

    // Act
    const results = await Ingest.ingestAcrossAccounts(t.deps, [
      { id: "there", body: there },
      { id: "home", body: nowhere },
    ]);

    // Assess
    expect(results.map((r) => [r.id, r.error])).toEqual([
      ["there", undefined],
      ["home", undefined],
    ]);
    expect(await t.of(ANALYTICS).store.getRun("nightly", runId)).toMatchObject({
      Status: "RUNNING",
      ObservedVia: "recheck",
      ...asStored(ANALYTICS),
    });
    expect(await t.of(HOME).store.getRun("nightly", runId)).toBeUndefined();
  });

  it("drops an event of an untracked account with a warning and a metric, never retried nor dead-lettered", async () => {
    // Prepare
    const t = await startTwoAccounts();
    const { analyticsRun } = await runNightlyInBoth(t);
    const logger = quietLogger();
    const metrics = capturedMetrics();
    const dlq = new LocalQueue({ name: "ingest-dlq", timeScale: 0.001 });
    const queue = new LocalQueue({
      name: "ingest",
      visibilityTimeoutSeconds: 10_000,
      timeScale: 0.001,
      retryBackoff: { multiplier: 1, maxSeconds: 30 },
      deadLetterQueue: { queue: dlq, maxReceiveCount: 2 },
    });
    cleanups.push(async () => {
      await queue.stop();
      await dlq.stop();
    });
    queue.consume(createIngestHandler(t.deps, logger), { batchSize: 10, maxConcurrency: 1 });
    const stranger = { ...(t.analytics.events[0] as GlueEvent), account: "999999999999" };

    // Act
    queue.send(JSON.stringify(stranger));
    for (const event of t.analytics.events) queue.send(JSON.stringify(event));
    await queue.idle({ timeoutMs: 30_000 });

    // Assess
    expect(dlq.stats().sent + queue.stats().deadLettered).toBe(0);
    expect(metrics.filter((name) => name === Metric.UntrackedAccountEvents.name)).toHaveLength(1);
    expect(metrics).not.toContain(Metric.IngestErrors.name);
    expect(logger.warnings).toEqual([
      [
        "event from an untracked account dropped",
        expect.objectContaining({ account: "999999999999", region: ANALYTICS.region }),
      ],
    ]);
    // The tracked account's events in the same batches were ingested.
    expect(await t.of(ANALYTICS).store.getRun("nightly", analyticsRun)).toMatchObject({ Outcome: "SUCCEEDED" });
  });

  it("reconciles every account with its own cursor: the same workflow name discovered and recorded in each", async () => {
    // Prepare
    const t = await startTwoAccounts();
    const { homeRun, analyticsRun } = await runNightlyInBoth(t); // every event lost

    // Act
    const report = await Ingest.reconcileAcrossAccounts(t.deps);

    // Assess
    expect(report).toMatchObject({ workflowsDiscovered: 2, cycleCompleted: true, failedAccounts: [] });
    expect(report.accounts?.map((a) => [a.account, a.workflowsDiscovered])).toEqual([
      ["111111111111/us-east-1", 1],
      ["analytics", 1],
    ]);
    expect(await t.of(HOME).store.getRun("nightly", homeRun)).toMatchObject({ Outcome: "SUCCEEDED" });
    expect(await t.of(ANALYTICS).store.getRun("nightly", analyticsRun)).toMatchObject({
      Outcome: "SUCCEEDED",
      ...asStored(ANALYTICS),
    });
    expect(await t.of(HOME).store.getRun("nightly", analyticsRun)).toBeUndefined();
    // One cursor item per account, each where its own sweep left it.
    for (const account of t.accounts.all) {
      const key = Store.keysFor(account.keyPrefix).reconcileCursorKey();
      const { Item } = await t.db.documentClient.send(new GetCommand({ TableName: t.db.tableName, Key: key }));
      expect(Item, account.accountId).toMatchObject({ Cycle: 1 });
    }
  });

  it("reports and skips an account whose Glue refuses access, while a throttled one and the home account go on", async () => {
    // Prepare
    const deniedEndpoint = await startAccessDeniedGlue();
    const t = await startTwoAccounts({
      analytics: { throttleRate: 1 }, // every call of this account throttled
      more: [{ AccountId: DENIED.accountId, Region: DENIED.region, GlueEndpoint: deniedEndpoint }],
    });
    await createChainWorkflow(t.home.client, "nightly", NIGHTLY);
    const homeRun = await startRun(t.home.client, "nightly");
    await t.home.glue.runUntilIdle();
    const logger = quietLogger();
    const metrics = capturedMetrics();
    const reconciler = createReconcilerHandler(t.deps, {}, logger);

    // Act
    const report = await reconciler(
      { source: "aws.events", "detail-type": "Scheduled Event", detail: {} } as never,
      createLambdaContext({ functionName: "reconciler" }),
    );

    // Assess
    expect(report.failedAccounts).toEqual([
      expect.objectContaining({ ...DENIED, error: expect.stringContaining("not authorized") }),
    ]);
    expect(metrics.filter((name) => name === Metric.AccountsNotReconciled.name)).toHaveLength(1);
    expect(logger.errors).toEqual([
      [
        expect.stringContaining("skipped an account"),
        expect.objectContaining({ account: "333333333333, eu-central-1" }),
      ],
    ]);
    expect(report.accounts?.find((a) => a.account === "analytics")).toMatchObject({ stoppedBy: "throttled" });
    expect(await t.of(HOME).store.getRun("nightly", homeRun)).toMatchObject({ Outcome: "SUCCEEDED" });
  });

  it("backfills every account from the CLI, or the one --account names; an untracked one is a clear error", async () => {
    // Prepare
    const t = await startTwoAccounts();
    const { homeRun, analyticsRun } = await runNightlyInBoth(t);
    // The member's Glue is called with its read role, assumed through the local STS stand-in.
    const sts = await startLocalSts({ externalId: "tracker-external-id", logger: { ...console, info() {} } });
    cleanups.push(() => sts.close());
    const env = {
      STS_ENDPOINT: sts.url,
      TRACKER_EXTERNAL_ID: "tracker-external-id",
      TRACKER_TABLE_NAME: t.db.tableName,
      DYNAMODB_ENDPOINT: t.db.endpoint,
      GLUE_ENDPOINT: t.home.glue.endpoint,
      TRACKER_HOME_ACCOUNT: HOME.accountId,
      TRACKER_MEMBER_ACCOUNTS: JSON.stringify([
        { ...pascal(ANALYTICS), Alias: "analytics", GlueEndpoint: t.analytics.glue.endpoint },
      ]),
    };

    // Act
    const one = await backfillCli(["--workflow", "nightly", "--account", ANALYTICS.accountId], env);
    const homeAfterOne = await t.of(HOME).store.getRun("nightly", homeRun);
    const every = await backfillCli(["--all"], env);
    const unknown = await backfillCli(["--all", "--account", "999999999999"], env).catch((error: unknown) => error);

    // Assess
    expect(one.stdout).toContain(
      "backfill: account analytics (222222222222, eu-west-1) done — 1 workflow(s), 1 run(s)",
    );
    expect(one.stdout).not.toContain("111111111111");
    expect(homeAfterOne).toBeUndefined();
    expect(every.stdout).toContain(
      "backfill: account 111111111111, us-east-1 done — 1 workflow(s), 1 run(s) read, 1 new",
    );
    expect(every.stdout).toContain(
      "backfill: account analytics (222222222222, eu-west-1) done — 1 workflow(s), 1 run(s) read, 0 new",
    );
    expect(await t.of(HOME).store.getRun("nightly", homeRun)).toMatchObject({
      ObservedVia: "backfill",
      ...asStored(HOME),
    });
    expect(await t.of(ANALYTICS).store.getRun("nightly", analyticsRun)).toMatchObject({ ...asStored(ANALYTICS) });
    expect(new Set(sts.issued.map((issued) => issued.roleArn))).toEqual(
      new Set(["arn:aws:iam::222222222222:role/GlueRunTrackerRead-eu-west-1"]),
    );
    expect(unknown).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Account 999999999999 in region us-east-1 is not tracked"),
    });
  });
});

/** What a store built for the account writes on its runs. */
function asStored(scope: Accounts.AccountScope) {
  return { AccountId: scope.accountId, Region: scope.region };
}

function pascal(scope: Accounts.AccountScope) {
  return { AccountId: scope.accountId, Region: scope.region };
}

const exec = promisify(execFile);

function backfillCli(args: string[], env: Record<string, string>) {
  return exec(process.execPath, ["node_modules/tsx/dist/cli.mjs", "packages/functions/src/cli/backfill.ts", ...args], {
    env: {
      PATH: process.env.PATH ?? "",
      CI: "1",
      AWS_REGION: HOME.region,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      ...env,
    },
    timeout: 120_000,
  });
}
