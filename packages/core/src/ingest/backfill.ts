/**
 * Backfill: import everything Glue still retains (90 days of runs) for one
 * workflow or all of them. Idempotent — every write is the store's conditional
 * putSnapshot — so it is safe to run twice and while ingest runs. History is
 * imported quietly: runs that ended before the backfill started raise no tracker
 * event (no alerts or auto-resumes for old failures); runs still active are
 * tracked like any other. Then every ended run the store holds for the workflow is
 * counted into its statistics (insights/stats/count-stored-runs.ts): runs stored
 * before statistics existed, once each however often backfill runs.
 */

import { TERMINAL_RUN_STATUSES } from "@glue-run-tracker/glue-model";
import type { TrackedAccount } from "../accounts/account.ts";
import type { PerAccount } from "../accounts/per-account.ts";
import { EntityNotFoundError } from "../errors.ts";
import type { GlueFor } from "../glue/gateway.ts";
import { countStoredRuns } from "../insights/stats/count-stored-runs.ts";
import type { RunStore } from "../store/run-store.ts";
import type { IngestLogger } from "./deps.ts";
import { type RecordSnapshotDeps, recordSnapshot } from "./record-snapshot.ts";
import { withRetries } from "./retry.ts";

export interface BackfillDeps extends RecordSnapshotDeps {
  store: RunStore;
  glue: GlueFor<"backfill">;
  logger?: IngestLogger;
}

export type BackfillTarget = { workflow: string } | { all: true };

/** Progress callbacks (the CLI draws its bar from them). */
export interface BackfillProgress {
  workflowsListed?(total: number): void;
  workflowStarted?(name: string): void;
  runsImported?(name: string, count: number): void;
  /** Before the stored runs are counted into the statistics (one read of every stored run). */
  countingStarted?(name: string): void;
  workflowDone?(name: string, summary: BackfillWorkflowSummary): void;
}

export interface BackfillWorkflowSummary {
  /** Runs read from Glue. */
  runs: number;
  /** Runs written. */
  recorded: number;
  /** Stored ended runs counted into the statistics now (0 when backfill ran before: each counts once). */
  counted: number;
}

export interface BackfillReport {
  workflows: number;
  /** Runs read from Glue. */
  runs: number;
  /** Runs written: new, or newer than the stored snapshot (0 on a second run over finished runs). */
  recorded: number;
  /** Stored ended runs counted into the statistics by this backfill (0 on a second run). */
  counted: number;
  /** Workflows listed by Glue that vanished before they were read. */
  vanished: string[];
}

export interface BackfillOptions {
  /** Runs recorded concurrently (default 4). */
  concurrency?: number;
  /** GetWorkflowRuns page size (1–1000, default 100). */
  pageSize?: number;
  /** Attempts per Glue call when throttled (default 8). */
  attempts?: number;
}

/**
 * @example
 * const report = await backfill(deps, { all: true }, { runsImported: (name, n) => bar.increment(n) });
 */
export async function backfill(
  deps: BackfillDeps,
  target: BackfillTarget,
  progress: BackfillProgress = {},
  options: BackfillOptions = {},
): Promise<BackfillReport> {
  const retry = <T>(operation: () => Promise<T>) => withRetries(operation, { attempts: options.attempts ?? 8 });
  const startedAt = (deps.now ?? (() => new Date()))().toISOString();
  const names = "workflow" in target ? [target.workflow] : await listAllWorkflows(deps.glue, retry);
  progress.workflowsListed?.(names.length);
  const report: BackfillReport = { workflows: 0, runs: 0, recorded: 0, counted: 0, vanished: [] };

  for (const name of names) {
    progress.workflowStarted?.(name);
    const workflow = await retry(() => deps.glue.getWorkflow(name, { includeGraph: true }));
    if (!workflow) {
      if ("workflow" in target) throw new EntityNotFoundError(`Glue has no workflow named "${name}"`);
      report.vanished.push(name);
      continue;
    }
    await deps.store.putWorkflow({ ...workflow, Name: name }, startedAt);
    const summary: BackfillWorkflowSummary = { runs: 0, recorded: 0, counted: 0 };
    let nextToken: string | undefined;
    do {
      const page = await retry(() =>
        deps.glue.getWorkflowRuns(name, { includeGraph: true, maxResults: options.pageSize ?? 100, nextToken }),
      );
      const runs = page?.items ?? [];
      await forEachLimited(runs, options.concurrency ?? 4, async (run) => {
        if (!run.WorkflowRunId || (await storedAsFinal(deps.store, name, run.WorkflowRunId))) return;
        const result = await recordSnapshot(deps, run, "backfill", undefined, { quietBefore: startedAt });
        if (result.stored) summary.recorded += 1;
      });
      summary.runs += runs.length;
      progress.runsImported?.(name, runs.length);
      nextToken = page?.nextToken;
    } while (nextToken);
    // Runs imported just now were counted as they were recorded; older stored runs are counted here.
    progress.countingStarted?.(name);
    summary.counted = (await countStoredRuns(deps.store, name)).counted;
    report.workflows += 1;
    report.runs += summary.runs;
    report.recorded += summary.recorded;
    report.counted += summary.counted;
    progress.workflowDone?.(name, summary);
  }
  return report;
}

/** A run stored as terminal is final: re-importing it would only rewrite it (a second backfill writes nothing). */
async function storedAsFinal(store: RunStore, workflowName: string, runId: string): Promise<boolean> {
  const stored = await store.getRun(workflowName, runId);
  return stored?.Status !== undefined && TERMINAL_RUN_STATUSES.has(stored.Status);
}

async function listAllWorkflows(
  glue: GlueFor<"backfill">,
  retry: <T>(operation: () => Promise<T>) => Promise<T>,
): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await retry(() => glue.listWorkflows({ maxResults: 25, nextToken }));
    names.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}

/** One account's backfill in `backfillAccounts`: its report, or why it failed. */
export interface AccountBackfill {
  account: TrackedAccount;
  report?: BackfillReport;
  /** The account's Glue or store failed (e.g. AccessDenied: its member stack is not deployed). */
  error?: unknown;
}

export interface AccountsBackfillProgress extends BackfillProgress {
  accountStarted?(account: TrackedAccount): void;
  accountDone?(account: TrackedAccount, outcome: AccountBackfill): void;
}

/**
 * Backfills the given tracked accounts one after the other (an operator watches one
 * progress bar), each with its own store and Glue (docs/decisions/accounts-flows.md).
 * An account that fails is reported and the next one goes on. `{ workflow }` is
 * backfilled in every given account that has it; EntityNotFoundError when none has.
 *
 * @example
 * const outcomes = await backfillAccounts(deps.accounts, deps.accounts.registry.all, { all: true }, progress);
 * const failed = outcomes.filter((outcome) => outcome.error);
 */
export async function backfillAccounts(
  deps: PerAccount<BackfillDeps>,
  accounts: readonly TrackedAccount[],
  target: BackfillTarget,
  progress: AccountsBackfillProgress = {},
  options: BackfillOptions = {},
): Promise<AccountBackfill[]> {
  const outcomes: AccountBackfill[] = [];
  let missing: EntityNotFoundError | undefined;
  for (const account of accounts) {
    progress.accountStarted?.(account);
    let outcome: AccountBackfill;
    try {
      outcome = { account, report: await backfill(deps.of(account), target, progress, options) };
    } catch (error) {
      // A named workflow need not exist in every account: only in none is it an error.
      if (error instanceof EntityNotFoundError && "workflow" in target && accounts.length > 1) {
        missing = error;
        outcome = { account, report: { workflows: 0, runs: 0, recorded: 0, counted: 0, vanished: [] } };
      } else outcome = { account, error };
    }
    outcomes.push(outcome);
    progress.accountDone?.(account, outcome);
  }
  if (missing && outcomes.every((outcome) => outcome.report?.workflows === 0 && !outcome.error)) throw missing;
  return outcomes;
}
