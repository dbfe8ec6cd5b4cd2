/**
 * The daily digest's figures (docs/decisions/insights-daily-digest.md), from stored
 * data: per workflow, a bounded query of the runs started in the period and the one
 * before (the per-run facts — failures, auto-resumes, overdue, slowest run, cost —
 * are read from the runs themselves), and the missed-slot items of both periods.
 * Only workflows with activity in the period are listed.
 */
import { describeAccount } from "../../accounts/account.ts";
import { type PerAccount, spansAccounts } from "../../accounts/per-account.ts";
import type { OverdueMarks } from "../../store/overdue-marks.ts";
import type { RunStore } from "../../store/run-store.ts";
import { Outcome, ResumeDecision, type TrackedRun } from "../../workflow-run/types.ts";
import { runDurationSeconds } from "../overdue.ts";
import type { DigestPeriod } from "./period.ts";

export interface PeriodFigures {
  runs: number;
  succeeded: number;
  /** FAILED or ERROR. */
  failed: number;
  stopped: number;
  /** Still RUNNING when the digest was made. */
  running: number;
  /** Runs the tracker resumed (AutoResume decided "resumed"). */
  autoResumes: number;
  overdue: number;
  missed: number;
  /** Summed from the runs' Cost, when they carry one. */
  cost?: { amount: number; currency: string; estimated: boolean };
}

export interface WorkflowDigest {
  workflowName: string;
  /** Where it lives, when several accounts are tracked: "analytics (222222222222, eu-west-1)". */
  account?: string;
  current: PeriodFigures;
  previous: PeriodFigures;
  slowest?: { runId: string; seconds: number; outcome: Outcome };
}

export interface Digest {
  current: DigestPeriod;
  previous: DigestPeriod;
  timeZone: string;
  workflows: WorkflowDigest[];
  totals: { current: PeriodFigures; previous: PeriodFigures };
  /** Workflows whose runs exceeded the bounded read (their figures are a lower bound). */
  truncated: string[];
}

export interface DigestDeps {
  store: Pick<RunStore, "listWorkflows" | "listRuns">;
  marks: Pick<OverdueMarks, "missedSlots">;
}

/** One account's store and marks, and (several accounts tracked) every account's. */
export type AccountsDigestDeps = DigestDeps & { accounts?: PerAccount<DigestDeps> };

/** Runs read per workflow for both periods together, at most (pages of 1000). */
export const DIGEST_MAX_RUNS_READ = 5000;

/** The cost field the cost part stores on runs (`TrackedRun.Cost`), read as optional. */
interface RunCostView {
  Amount: number;
  Currency: string;
  Estimated?: boolean;
}

/**
 * @example
 * const { current, previous } = digestPeriods(new Date(), { timeZone: "Europe/Paris", hour: 8 });
 * const digest = await buildDigest({ store, marks }, { current, previous, timeZone: "Europe/Paris" });
 */
export async function buildDigest(
  deps: AccountsDigestDeps,
  periods: { current: DigestPeriod; previous: DigestPeriod; timeZone: string },
): Promise<Digest> {
  const workflows: WorkflowDigest[] = [];
  const truncated: string[] = [];
  // Every tracked account's workflows, each read from its own store, named by account (docs/decisions/accounts-flows.md).
  const { accounts } = deps;
  const sources = spansAccounts(accounts)
    ? accounts.registry.all.map((account) => ({ ...accounts.of(account), account: describeAccount(account) }))
    : [{ ...deps, account: undefined }];
  for (const source of sources) await digestAccount(source, periods, workflows, truncated);
  // The workflows that need a look first: failures, then missed and overdue runs, then by name.
  workflows.sort(
    (a, b) =>
      b.current.failed - a.current.failed ||
      b.current.missed + b.current.overdue - (a.current.missed + a.current.overdue) ||
      a.workflowName.localeCompare(b.workflowName) ||
      (a.account ?? "").localeCompare(b.account ?? ""),
  );
  return {
    ...periods,
    workflows,
    totals: {
      current: sum(workflows.map((w) => w.current)),
      previous: sum(workflows.map((w) => w.previous)),
    },
    truncated,
  };
}

async function digestAccount(
  deps: DigestDeps & { account: string | undefined },
  periods: { current: DigestPeriod; previous: DigestPeriod },
  workflows: WorkflowDigest[],
  truncated: string[],
): Promise<void> {
  const named = (name: string) => (deps.account ? `${name} in ${deps.account}` : name);
  let nextToken: string | undefined;
  do {
    const page = await deps.store.listWorkflows({ maxResults: 100, nextToken });
    for (const workflow of page.items) {
      const { runs, complete } = await runsOf(deps, workflow.Name, periods.previous.start, periods.current.end);
      if (!complete) truncated.push(named(workflow.Name));
      const missed = await deps.marks.missedSlots(workflow.Name, periods.previous.start, periods.current.end);
      const inPeriod = (period: DigestPeriod) => (at: string | undefined) =>
        at !== undefined && at >= period.start && at < period.end;
      const currentRuns = runs.filter((run) => inPeriod(periods.current)(run.StartedOn ?? run.FirstSeenAt));
      const previousRuns = runs.filter((run) => inPeriod(periods.previous)(run.StartedOn ?? run.FirstSeenAt));
      const current = figures(
        currentRuns,
        missed.filter((m) => m.announcedAt && inPeriod(periods.current)(m.slot)).length,
      );
      if (current.runs === 0 && current.missed === 0) continue;
      const previous = figures(
        previousRuns,
        missed.filter((m) => m.announcedAt && inPeriod(periods.previous)(m.slot)).length,
      );
      workflows.push({
        workflowName: workflow.Name,
        ...(deps.account ? { account: deps.account } : {}),
        current,
        previous,
        slowest: slowest(currentRuns),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
}

async function runsOf(
  deps: DigestDeps,
  name: string,
  since: string,
  until: string,
): Promise<{ runs: TrackedRun[]; complete: boolean }> {
  const runs: TrackedRun[] = [];
  let nextToken: string | undefined;
  do {
    const page = await deps.store.listRuns(name, {
      startedAfter: since,
      startedBefore: until,
      maxResults: 1000,
      nextToken,
    });
    runs.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken && runs.length < DIGEST_MAX_RUNS_READ);
  return { runs, complete: !nextToken };
}

function figures(runs: TrackedRun[], missed: number): PeriodFigures {
  const count = (test: (run: TrackedRun) => boolean) => runs.filter(test).length;
  const costs = runs.map((run) => (run as TrackedRun & { Cost?: RunCostView }).Cost).filter((c) => c !== undefined);
  const currency = costs[0]?.Currency;
  return {
    runs: runs.length,
    succeeded: count((run) => run.Outcome === Outcome.SUCCEEDED),
    failed: count((run) => run.Outcome === Outcome.FAILED || run.Outcome === Outcome.ERROR),
    stopped: count((run) => run.Outcome === Outcome.STOPPED),
    running: count((run) => run.Outcome === Outcome.RUNNING),
    autoResumes: count((run) => run.AutoResume?.Decision === ResumeDecision.Resumed),
    overdue: count((run) => run.Overdue !== undefined),
    missed,
    ...(currency
      ? {
          cost: {
            amount: round2(costs.filter((c) => c.Currency === currency).reduce((total, c) => total + c.Amount, 0)),
            currency,
            estimated: costs.some((c) => c.Estimated) || costs.length < runs.length,
          },
        }
      : {}),
  };
}

function slowest(runs: TrackedRun[]): WorkflowDigest["slowest"] {
  let best: WorkflowDigest["slowest"];
  for (const run of runs) {
    const seconds = runDurationSeconds(run);
    if (seconds !== undefined && (!best || seconds > best.seconds)) {
      best = { runId: run.WorkflowRunId, seconds, outcome: run.Outcome };
    }
  }
  return best;
}

function sum(all: PeriodFigures[]): PeriodFigures {
  const total: PeriodFigures = {
    runs: 0,
    succeeded: 0,
    failed: 0,
    stopped: 0,
    running: 0,
    autoResumes: 0,
    overdue: 0,
    missed: 0,
  };
  for (const f of all) {
    total.runs += f.runs;
    total.succeeded += f.succeeded;
    total.failed += f.failed;
    total.stopped += f.stopped;
    total.running += f.running;
    total.autoResumes += f.autoResumes;
    total.overdue += f.overdue;
    total.missed += f.missed;
    if (f.cost && (!total.cost || total.cost.currency === f.cost.currency)) {
      total.cost = {
        amount: round2((total.cost?.amount ?? 0) + f.cost.amount),
        currency: f.cost.currency,
        estimated: (total.cost?.estimated ?? false) || f.cost.estimated,
      };
    }
  }
  return total;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
