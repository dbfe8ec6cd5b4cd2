/**
 * The builders every function's wiring shares: one run store, one Glue client per
 * caller, one tracker-bus publisher, one recorder (what recording a snapshot needs),
 * one delivery ledger, one resume queue. Each takes the function's checked settings
 * (`Wiring`, from FunctionConfig), so a setting is read, checked and defaulted once.
 * See docs/decisions/functions-wiring.md.
 */

import { Logger } from "@aws-lambda-powertools/logger";
import {
  Accounts,
  Alerts,
  ConfigError,
  ConfigName,
  checkConfig,
  createDocumentClient,
  createEventBridgeClient,
  createGlueClient,
  createSqsClient,
  type Env,
  Glue,
  Resume,
  type RunStore,
  type SettingName,
  Store,
  type TrackerConfig,
} from "@glue-run-tracker/core";
// By subpath: the Ingest namespace would bundle all of ingest (and its SQS client).
import {
  createEventBridgePublisher,
  type RecordSnapshotDeps,
  type TrackerEventPublisher,
} from "@glue-run-tracker/core/ingest";
// By subpath too: the Insights namespace would bundle all of insights (croner included).
import * as Insights from "@glue-run-tracker/core/insights";
import { FunctionConfig, type FunctionName } from "../startup.ts";

/** Who is being wired: a function (FunctionConfig) or the backfill CLI. */
export type WiredKind = FunctionName | "backfill";

/** One function's settings, checked once, and the clients its builders share. */
export interface Wiring {
  kind: WiredKind;
  /** The raw environment: the SDK clients read endpoints, region and credentials from it. */
  env: Env;
  /** Every setting present, parsed and format-checked (FunctionConfig[kind]'s skips honoured). */
  config: TrackerConfig;
  /** One DynamoDB document client per function, shared by the store and the ledgers. */
  dynamo(): ReturnType<typeof createDocumentClient>;
}

/**
 * The function's settings from the environment, checked as its init checks them
 * (FunctionConfig). Required names are enforced where a builder needs them
 * (`need`), so a local runtime or a test passes only what the function uses.
 *
 * @example
 * const w = wiringFor(process.env, "ingest");
 * const store = runStore(w);
 */
export function wiringFor(env: Env, kind: WiredKind): Wiring {
  const options = kind === "backfill" ? {} : { skip: (FunctionConfig[kind] as { skip?: SettingName[] }).skip };
  const config = checkConfig(env, options);
  let dynamo: ReturnType<typeof createDocumentClient> | undefined;
  return { kind, env, config, dynamo: () => (dynamo ??= createDocumentClient(env)) };
}

/** A setting the builder cannot do without; ConfigError naming it when unset. */
export function need<K extends SettingName>(w: Wiring, name: K): NonNullable<TrackerConfig[K]> {
  const value = w.config[name];
  if (value === undefined) throw new ConfigError(name, `Missing configuration ${name} (needed by ${w.kind})`);
  return value as NonNullable<TrackerConfig[K]>;
}

/**
 * Store tokens of the functions that never hand a token to a user (ingest, the
 * reconciler, alerts, resume, commands) never leave the tracker, so without
 * PAGINATION_SECRET a fixed key is acceptable; the read function, whose tokens
 * users hold, passes its real keys (docs/decisions/security-pagination-key.md).
 * The value is the one ingest always used: the reconciler's saved cursor holds
 * a token signed with it, which must still verify after a deploy.
 */
const INTERNAL_TOKEN_KEY = "glue-run-tracker/ingest-internal-tokens";

/**
 * The home account's run store: the one table, its retention, and the pagination keys.
 *
 * @example
 * runStore(w); // internal tokens
 * runStore(w, await paginationKeysFromEnv(env)); // the read API
 */
export function runStore(w: Wiring, paginationKeys?: Store.PaginationKeys | string): RunStore {
  return runStoreFor(w, accountsOf(w).home, paginationKeys);
}

/**
 * The tracked accounts (TRACKER_HOME_ACCOUNT + AWS_REGION, TRACKER_MEMBER_ACCOUNTS), read
 * once per wiring; a single-account tracker has only the home one
 * (docs/decisions/accounts-run-identity.md).
 */
export function accountsOf(w: Wiring): Accounts.AccountRegistry {
  let accounts = registries.get(w);
  if (!accounts) {
    accounts = Accounts.accountsFromConfig(w.config, w.env);
    registries.set(w, accounts);
  }
  return accounts;
}
const registries = new WeakMap<Wiring, Accounts.AccountRegistry>();

/**
 * The run store of one tracked account (its keys carry the account's prefix; what it
 * returns names the account). One per account and pagination key per wiring.
 *
 * @example
 * const store = runStoreFor(w, accountsOf(w).resolve({ accountId: event.account, region: event.region }));
 */
export function runStoreFor(
  w: Wiring,
  account: Accounts.TrackedAccount,
  paginationKeys?: Store.PaginationKeys | string,
): RunStore {
  const byKey = stores.get(w) ?? new Map<string, RunStore>();
  stores.set(w, byKey);
  const cacheKey = `${account.keyPrefix}\n${paginationKeys === undefined ? "" : JSON.stringify(paginationKeys)}`;
  const cached = byKey.get(cacheKey);
  if (cached) return cached;
  const accounts = accountsOf(w);
  // Named only when the home account is known (TRACKER_HOME_ACCOUNT): a bare single-account tracker serves as before.
  const named = account.accountId !== "";
  const store = Store.createRunStore({
    client: w.dynamo(),
    tableName: need(w, ConfigName.TableName),
    paginationSecret: paginationKeys ?? w.config[ConfigName.PaginationSecret] ?? INTERNAL_TOKEN_KEY,
    retentionDays: w.config[ConfigName.RunRetentionDays] || undefined,
    prices: Insights.gluePricesFromConfig(w.config), // insights: cost per run
    ...(named ? { account } : {}),
    ...(accounts.home.accountId ? { home: accounts.home } : {}),
  });
  byKey.set(cacheKey, store);
  return store;
}
const stores = new WeakMap<Wiring, Map<string, RunStore>>();

export interface GlueWiringOptions {
  /** The SDK client's socket timeouts (a hung call fails as "timed-out": the API answers 504). */
  timeoutMs?: number;
  /** Throttling retries inside one call (default the gateway's; 0 when a person waits). */
  throttleRetries?: number;
  /**
   * Whose Glue: a member account is called in its region with its role of the caller's
   * purpose (Glue.GluePurposeOf); unset or the home account = the function's own, as before.
   */
  account?: Accounts.TrackedAccount;
}

type WiredGlue<K extends Glue.GlueCaller> = Glue.GlueFor<K> & Pick<Glue.GlueGateway, "calls" | "resetCalls">;

/** One Glue gateway per wiring, account, caller and options: a member's credentials are assumed once and reused. */
const glueGateways = new WeakMap<Wiring, Map<string, object>>();

/**
 * The Glue client of `caller`, narrowed to the calls it makes (its IAM grant is the same
 * list), in the home account or in a member account (`account`, or the account itself
 * as third argument). Built once per wiring and account, then reused.
 *
 * @example
 * const glue = glueFor(w, "resumeWorker"); // resumeWorkflowRun + getWorkflowRun, home account
 * const there = glueFor(w, "resumeWorker", { account: accounts.resolve(run) }); // its operate role
 */
export function glueFor<K extends Glue.GlueCaller>(
  w: Wiring,
  caller: K,
  accountOrOptions: GlueWiringOptions | Accounts.TrackedAccount = {},
): WiredGlue<K> {
  const options: GlueWiringOptions = "accountId" in accountOrOptions ? { account: accountOrOptions } : accountOrOptions;
  const { timeoutMs, throttleRetries, account } = options;
  const where = account && !account.home ? `${account.accountId}/${account.region}` : "home";
  const key = `${where}/${caller}/${timeoutMs ?? ""}/${throttleRetries ?? ""}`;
  const gateways = glueGateways.get(w) ?? new Map<string, object>();
  glueGateways.set(w, gateways);
  const cached = gateways.get(key);
  if (cached) return cached as WiredGlue<K>;
  const gateway = Glue.createGlueGateway({
    client: createGlueClient(w.env, {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(account ? { account, caller } : {}),
    }),
    ...(throttleRetries === undefined ? {} : { throttleRetries }),
  });
  const narrowed = Glue.narrowGlue(gateway, caller);
  gateways.set(key, narrowed);
  return narrowed;
}

/** The tracker bus's publisher (TRACKER_BUS_NAME). */
export function publisher(w: Wiring): TrackerEventPublisher {
  return createEventBridgePublisher({
    client: createEventBridgeClient(w.env),
    busName: need(w, ConfigName.TrackerBusName),
  });
}

/**
 * What recording a snapshot needs (ingest, the reconciler, commands, the resume
 * worker, backfill): the store (it keeps the announcement state on the run item)
 * and the tracker-bus publisher.
 */
export function recorder(w: Wiring, store: RunStore = runStore(w)): RecordSnapshotDeps & { store: RunStore } {
  return { store, publisher: publisher(w) };
}

/** The alerts' delivery ledger, in the table: duplicates spread over two containers still alert once. */
export function deliveryLedger(w: Wiring): Alerts.DeliveryLedger {
  // In the table: duplicates spread over two containers still alert once. Deliveries expire with their run.
  return Alerts.createDynamoDeliveryLedger({
    client: w.dynamo(),
    tableName: need(w, ConfigName.TableName),
    retentionDays: w.config[ConfigName.RunRetentionDays] || 0,
  });
}

/** The queue of delayed auto-resume attempts (RESUME_QUEUE_URL). */
export function resumeQueue(w: Wiring): Resume.ResumeQueue {
  return Resume.createSqsResumeQueue({ client: createSqsClient(w.env), queueUrl: need(w, ConfigName.ResumeQueueUrl) });
}

/**
 * The HTTP functions' logger (POWERTOOLS_LOG_LEVEL, POWERTOOLS_SERVICE_NAME) and bearer
 * tokens (TRACKER_API_TOKEN, TRACKER_API_ACCOUNT_TOKENS; local only).
 */
export function httpOptions(w: Wiring): {
  logger: Logger;
  apiToken?: string;
  accountTokens?: Record<string, string[]>;
} {
  const logger = new Logger({ serviceName: w.env.POWERTOOLS_SERVICE_NAME ?? "glue-run-tracker-api" });
  const apiToken = w.config[ConfigName.ApiToken];
  const accountTokens = w.config[ConfigName.ApiAccountTokens];
  return { logger, ...(apiToken ? { apiToken } : {}), ...(accountTokens ? { accountTokens } : {}) };
}
