/**
 * The RunStore over one DynamoDB table (lib-dynamodb, no transactions), composed
 * from the per-concern modules: snapshot-writer (putSnapshot), announcement, run-queries,
 * workflow-catalog, run-annotations. Keys come from keys.ts only.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AccountScope, TrackedAccount } from "../accounts/account.ts";
import { type GluePrices, LIST_PRICES } from "../insights/cost.ts";
import { statsWindow } from "../insights/stats/window.ts";
import { claimAnnouncement, commitAnnouncement, releaseAnnouncement } from "./announcement.ts";
import type { StoreContext } from "./context.ts";
import { homeKeys, keysFor } from "./keys.ts";
import { KnownStates } from "./known-states.ts";
import { FILTERED_READ_BUDGET } from "./page-reader.ts";
import { createTokenCodec, type PaginationKeys } from "./pagination.ts";
import {
  addResumedAs,
  beginResumeAttempt,
  claimResumeAttempt,
  putStandaloneJobRun,
  recordResumeDecision,
  releaseResumeAttempt,
} from "./run-annotations.ts";
import { closeRun, finishRunClosure, noteRunNotFound } from "./run-closure.ts";
import { getRunProperties } from "./run-properties.ts";
import { getRun, getTimeline, listActiveRuns, listRuns, listRunsByOutcome } from "./run-queries.ts";
import type { RunStore } from "./run-store.ts";
import { putSnapshot } from "./snapshot-writer.ts";
import {
  getWorkflow,
  listWorkflows,
  markWorkflowDeleted,
  putWorkflow,
  workflowsContaining,
} from "./workflow-catalog.ts";
import { getWorkflowSettings, putWorkflowSettings } from "./workflow-settings.ts";
import { getWorkflowStats, recordRunStats } from "./workflow-stats.ts";

export interface RunStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** HMAC key for nextTokens (PAGINATION_SECRET); tokens from another secret are refused. */
  /** One key, or the current and previous keys of a rotated secret. */
  paginationSecret: string | PaginationKeys;
  /** Days to keep terminal runs and their timeline (RUN_RETENTION_DAYS); unset or 0 = forever. */
  retentionDays?: number;
  /** Clock, for tests. */
  now?: () => Date;
  /** Items a page filtered by status/outcome may read before it answers (default FILTERED_READ_BUDGET). */
  filteredReadBudget?: number;
  /** Glue prices for each run's Cost (default: the list prices; insights/prices.ts reads them from config). */
  prices?: GluePrices;
  /**
   * The account whose runs this store holds (docs/decisions/accounts-run-identity.md): its
   * keys carry the account's prefix and what the store returns names it. Default: the
   * home account, unnamed (a single-account tracker, and tests).
   */
  account?: Pick<TrackedAccount, "accountId" | "region" | "keyPrefix">;
  /** The home account, named on the home items of the every-account workflows list. */
  home?: AccountScope;
}

/**
 * @example
 * const store = createRunStore({
 *   client: createDocumentClient(),
 *   tableName: required(process.env, ConfigName.TableName),
 *   paginationSecret: required(process.env, ConfigName.PaginationSecret),
 *   retentionDays: Number(process.env[ConfigName.RunRetentionDays] ?? 0),
 * });
 * const { stored, transition } = await store.putSnapshot({ run: toRunSnapshot(Run), observedAt, via: "event" });
 */
export function createRunStore(options: RunStoreOptions): RunStore {
  const retentionDays = options.retentionDays ?? 0;
  if (!Number.isFinite(retentionDays) || retentionDays < 0) {
    throw new Error(`retentionDays must be a number of days ≥ 0 (got ${retentionDays})`);
  }
  const filteredReadBudget = options.filteredReadBudget ?? FILTERED_READ_BUDGET;
  if (!Number.isInteger(filteredReadBudget) || filteredReadBudget < 1) {
    throw new Error(`filteredReadBudget must be a whole number of items ≥ 1 (got ${filteredReadBudget})`);
  }
  const ctx: StoreContext = {
    client: options.client,
    tableName: options.tableName,
    tokens: createTokenCodec(options.paginationSecret),
    retentionDays,
    now: options.now ?? (() => new Date()),
    indexedNodeSets: new Set(),
    knownStates: new KnownStates(),
    filteredReadBudget,
    prices: options.prices ?? LIST_PRICES,
    keys: options.account ? keysFor(options.account.keyPrefix) : homeKeys,
    identity: options.account ? { AccountId: options.account.accountId, Region: options.account.region } : {},
    ...(options.home ? { home: options.home } : {}),
  };
  return {
    putSnapshot: (input) => putSnapshot(ctx, input),
    getRun: (workflowName, runId, opts) => getRun(ctx, workflowName, runId, opts),
    getRunProperties: (workflowName, runId) => getRunProperties(ctx, workflowName, runId),
    listRuns: (workflowName, query) => listRuns(ctx, workflowName, query),
    listActiveRuns: (page) => listActiveRuns(ctx, page),
    listRunsByOutcome: (outcome, query) => listRunsByOutcome(ctx, outcome, query),
    getTimeline: (workflowName, runId) => getTimeline(ctx, workflowName, runId),
    claimAnnouncement: (workflowName, runId, announcer) => claimAnnouncement(ctx, workflowName, runId, announcer),
    commitAnnouncement: (workflowName, runId, owner, state) =>
      commitAnnouncement(ctx, workflowName, runId, owner, state),
    releaseAnnouncement: (workflowName, runId, owner, state) =>
      releaseAnnouncement(ctx, workflowName, runId, owner, state),
    putWorkflow: (workflow, observedAt) => putWorkflow(ctx, workflow, observedAt),
    markWorkflowDeleted: (workflowName, at) => markWorkflowDeleted(ctx, workflowName, at),
    getWorkflow: (workflowName, opts) => getWorkflow(ctx, workflowName, opts),
    listWorkflows: (page, options) => listWorkflows(ctx, page, options),
    workflowsContaining: (node) => workflowsContaining(ctx, node),
    putStandaloneJobRun: (jobRun) => putStandaloneJobRun(ctx, jobRun),
    claimResumeAttempt: (workflowName, runId, autoResume) => claimResumeAttempt(ctx, workflowName, runId, autoResume),
    beginResumeAttempt: (workflowName, runId, claimedAt, lease) =>
      beginResumeAttempt(ctx, workflowName, runId, claimedAt, lease),
    releaseResumeAttempt: (workflowName, runId, owner) => releaseResumeAttempt(ctx, workflowName, runId, owner),
    recordResumeDecision: (workflowName, runId, autoResume) =>
      recordResumeDecision(ctx, workflowName, runId, autoResume),
    addResumedAs: (workflowName, runId, resumedRunId) => addResumedAs(ctx, workflowName, runId, resumedRunId),
    noteRunNotFound: (workflowName, runId, at) => noteRunNotFound(ctx, workflowName, runId, at),
    closeRun: (workflowName, runId, closure) => closeRun(ctx, workflowName, runId, closure),
    finishRunClosure: (workflowName, runId) => finishRunClosure(ctx, workflowName, runId),
    recordRunStats: (run) => recordRunStats(ctx, run),
    getWorkflowStats: async (workflowName, window = {}) =>
      getWorkflowStats(ctx, workflowName, statsWindow(window, ctx.now())),
    getWorkflowSettings: (workflowName) => getWorkflowSettings(ctx, workflowName),
    putWorkflowSettings: (workflowName, settings) => putWorkflowSettings(ctx, workflowName, settings),
  };
}
