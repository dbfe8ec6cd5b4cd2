/**
 * What one ended run adds to its day's statistics: the increments of the day
 * item's counters (layout.ts). Pure; the store applies them in one UpdateItem.
 */
import { CrawlState, JobRunState } from "@glue-run-tracker/glue-model";
import { Outcome, type TrackedRun } from "../../workflow-run/types.ts";
import {
  DurationSeries,
  durationAttribute,
  type NodeOutcomeCounter,
  nodeDurationAttribute,
  nodeOutcomeAttribute,
  OutcomeCounter,
  StatsAttribute,
} from "./layout.ts";
import { durationBin } from "./sketch.ts";
import { NodeKindName } from "./types.ts";

export interface RunContribution {
  /** yyyy-mm-dd (UTC) of the run's StartedOn (first seen, without one). */
  day: string;
  /** Workflow-level increments (attribute → amount). */
  increments: Map<string, number>;
  /** Per node (job / crawler) increments, kept apart so a very large graph can be cut short. */
  nodeIncrements: Map<string, number>[];
  /** CostCurrency to SET, when the run has a Cost. */
  currency?: string;
}

const OUTCOME_COUNTER: Partial<Record<Outcome, OutcomeCounter>> = {
  [Outcome.SUCCEEDED]: OutcomeCounter.Succeeded,
  [Outcome.FAILED]: OutcomeCounter.Failed,
  [Outcome.STOPPED]: OutcomeCounter.Stopped,
  [Outcome.ERROR]: OutcomeCounter.Errored,
  [Outcome.UNKNOWN]: OutcomeCounter.Unknown,
};

/** A node's last attempt, by its state (non-terminal attempts of a stopped run are not counted). */
const NODE_COUNTER: Record<string, NodeOutcomeCounter> = {
  [JobRunState.SUCCEEDED]: OutcomeCounter.Succeeded,
  [JobRunState.FAILED]: OutcomeCounter.Failed,
  [JobRunState.TIMEOUT]: OutcomeCounter.Failed,
  [JobRunState.EXPIRED]: OutcomeCounter.Failed,
  [JobRunState.STOPPED]: OutcomeCounter.Stopped,
  [CrawlState.CANCELLED]: OutcomeCounter.Stopped,
  [JobRunState.ERROR]: OutcomeCounter.Errored,
};

/** Cost as cost-settings stores it on the run (read as optional: older runs have none). */
interface RunCostField {
  Cost?: { DpuSeconds?: number; Amount?: number; Currency?: string };
}

/**
 * @example
 * const c = runContribution(run, { autoResumed: false });
 * // c?.day === "2026-12-05"; c?.increments.get("Failed") === 1
 * runContribution(runningRun, { autoResumed: false }); // undefined: nothing to count yet
 */
export function runContribution(run: TrackedRun, options: { autoResumed: boolean }): RunContribution | undefined {
  const counter = OUTCOME_COUNTER[run.Outcome];
  if (!counter) return undefined;
  const increments = new Map<string, number>([
    [OutcomeCounter.Runs, 1],
    [counter, 1],
  ]);
  const seconds = durationSeconds(run.StartedOn, run.CompletedOn);
  if (seconds !== undefined) {
    const bin = durationBin(seconds);
    increments.set(durationAttribute(DurationSeries.All, bin), 1);
    if (run.Outcome === Outcome.SUCCEEDED) increments.set(durationAttribute(DurationSeries.Succeeded, bin), 1);
  }
  if (options.autoResumed) {
    increments.set(StatsAttribute.AutoResumes, 1);
    if (run.Outcome === Outcome.SUCCEEDED) increments.set(StatsAttribute.AutoResumesSucceeded, 1);
  }
  const contribution: RunContribution = {
    day: utcDay(run.StartedOn ?? run.FirstSeenAt),
    increments,
    nodeIncrements: nodeIncrements(run),
  };
  const cost = (run as TrackedRun & RunCostField).Cost;
  if (cost && Number.isFinite(cost.Amount) && cost.Currency) {
    increments.set(StatsAttribute.CostAmount, cost.Amount as number);
    if (Number.isFinite(cost.DpuSeconds)) increments.set(StatsAttribute.DpuSeconds, cost.DpuSeconds as number);
    contribution.currency = cost.Currency;
  }
  return contribution;
}

function nodeIncrements(run: TrackedRun): Map<string, number>[] {
  const result: Map<string, number>[] = [];
  for (const node of run.Graph?.Nodes ?? []) {
    if (!node.Name) continue;
    const attempt =
      node.Type === "JOB"
        ? lastAttempt(node.JobDetails?.JobRuns ?? [], (r) => ({ state: r.JobRunState, ...r }))
        : node.Type === "CRAWLER"
          ? lastAttempt(node.CrawlerDetails?.Crawls ?? [], (c) => ({ state: c.State, ...c }))
          : undefined;
    const counter = attempt?.state ? NODE_COUNTER[attempt.state] : undefined;
    if (!attempt || !counter) continue;
    const kind = node.Type === "JOB" ? NodeKindName.Job : NodeKindName.Crawler;
    const increments = new Map([[nodeOutcomeAttribute(kind, counter, node.Name), 1]]);
    const seconds = attempt.ExecutionTime ?? durationSeconds(attempt.StartedOn, attempt.CompletedOn);
    if (seconds !== undefined && seconds >= 0)
      increments.set(nodeDurationAttribute(kind, durationBin(seconds), node.Name), 1);
    result.push(increments);
  }
  return result;
}

interface Attempt {
  state?: string;
  StartedOn?: string;
  CompletedOn?: string;
  ExecutionTime?: number;
}

/** The attempt that started last (Glue lists job runs newest first, but a graph's order is not promised). */
function lastAttempt<T>(attempts: readonly T[], view: (attempt: T) => Attempt): Attempt | undefined {
  let latest: Attempt | undefined;
  for (const attempt of attempts.map(view)) {
    if (!latest || (attempt.StartedOn ?? "") > (latest.StartedOn ?? "")) latest = attempt;
  }
  return latest;
}

function durationSeconds(startedOn: string | undefined, completedOn: string | undefined): number | undefined {
  if (!startedOn || !completedOn) return undefined;
  const seconds = (Date.parse(completedOn) - Date.parse(startedOn)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** The UTC day of an instant, yyyy-mm-dd. */
export function utcDay(instant: string): string {
  return new Date(instant).toISOString().slice(0, 10);
}
