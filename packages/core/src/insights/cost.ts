/**
 * A workflow run's Glue cost, from the job runs and crawls its graph reports. Pure:
 * no clock, no I/O. The rules and the sources of the prices are in
 * docs/decisions/insights-cost-and-settings.md.
 */
import { type Crawl, type JobRun, WORKER_TYPE_DPU, type WorkflowGraph } from "@glue-run-tracker/glue-model";
import type { Jsonified } from "../workflow-run/types.ts";

/** Price per DPU-hour per execution class, in one currency. */
export interface GluePrices {
  standardPerDpuHour: number;
  flexPerDpuHour: number;
  currency: string;
}

/** Public list prices, us-east-1 (taken 2026-12-05; see the README, "Cost per run"). */
export const LIST_PRICES: GluePrices = { standardPerDpuHour: 0.44, flexPerDpuHour: 0.29, currency: "USD" };

/** Stored on the run as `Cost`. */
export interface RunCost {
  DpuSeconds: number;
  Amount: number;
  Currency: string;
  /** True when any part was estimated (a crawl, an unknown capacity, a run still going). */
  Estimated: boolean;
}

/**
 * DPU per worker (glue-model's table). R.* workers count memory-optimised M-DPUs,
 * priced apart on AWS (their cost is marked estimated); Z.2X is Ray's, priced as a DPU.
 */
export const WORKER_DPU = WORKER_TYPE_DPU;
const M_DPU_WORKERS = /^R\./;

/** Glue 2.0+ and Python shell jobs bill at least one minute; Spark on Glue 0.9 / 1.0, ten. */
export const MINIMUM_BILLED_SECONDS = { current: 60, legacySpark: 600, crawl: 600 } as const;
const LEGACY_GLUE_VERSIONS = new Set(["0.9", "1.0"]);
/**
 * Glue does not report a crawl's DPUs in the workflow graph (Crawl has no DPUHour;
 * only ListCrawls does): a crawl is estimated at this many DPUs, as in AWS's pricing example.
 */
export const CRAWL_ESTIMATED_DPU = 2;
const ACTIVE_JOB_STATES = new Set(["STARTING", "RUNNING", "STOPPING", "WAITING"]);

interface Part {
  dpuSeconds: number;
  amount: number;
  estimated: boolean;
}

/**
 * The cost of one job run: Glue's DPUSeconds when it gives them (Flex, auto scaling),
 * else ExecutionTime (with the minimum billed duration) × its capacity.
 *
 * @example
 * jobRunCost({ WorkerType: "G.1X", NumberOfWorkers: 10, ExecutionTime: 360 }, LIST_PRICES);
 * // { dpuSeconds: 3600, amount: 0.44, estimated: false }
 */
export function jobRunCost(run: Jsonified<JobRun>, prices: GluePrices): Part {
  const price = run.ExecutionClass === "FLEX" ? prices.flexPerDpuHour : prices.standardPerDpuHour;
  const running = run.JobRunState !== undefined && ACTIVE_JOB_STATES.has(run.JobRunState);
  if (isCount(run.DPUSeconds) && run.DPUSeconds > 0) {
    return part(run.DPUSeconds, price, running || isMemoryOptimised(run));
  }
  const seconds = isCount(run.ExecutionTime) ? run.ExecutionTime : 0;
  const dpu = capacity(run);
  if (dpu === undefined) return { dpuSeconds: 0, amount: 0, estimated: seconds > 0 || running };
  // A run that never consumed resources (refused at start) is not billed.
  const billed = seconds > 0 ? Math.max(seconds, minimumSeconds(run, dpu)) : 0;
  return part(billed * dpu, price, running || isMemoryOptimised(run));
}

/** A crawl: always an estimate (see CRAWL_ESTIMATED_DPU), with the crawler's 10-minute minimum. */
export function crawlCost(crawl: Jsonified<Crawl>, prices: GluePrices): Part {
  const started = crawl.StartedOn ? Date.parse(crawl.StartedOn) : Number.NaN;
  const completed = crawl.CompletedOn ? Date.parse(crawl.CompletedOn) : Number.NaN;
  if (!Number.isFinite(started) || !Number.isFinite(completed) || completed < started) {
    return { dpuSeconds: 0, amount: 0, estimated: true };
  }
  const seconds = Math.max((completed - started) / 1000, MINIMUM_BILLED_SECONDS.crawl);
  return part(seconds * CRAWL_ESTIMATED_DPU, prices.standardPerDpuHour, true);
}

/**
 * A run's cost: the sum over every job run and crawl in its graph.
 *
 * @example
 * const cost = runCost(run.Graph, LIST_PRICES); // { DpuSeconds, Amount, Currency: "USD", Estimated }
 */
export function runCost(graph: Jsonified<WorkflowGraph>, prices: GluePrices = LIST_PRICES): RunCost {
  let dpuSeconds = 0;
  let amount = 0;
  let estimated = false;
  for (const node of graph.Nodes ?? []) {
    const parts = [
      ...(node.JobDetails?.JobRuns ?? []).map((run) => jobRunCost(run, prices)),
      ...(node.CrawlerDetails?.Crawls ?? []).map((crawl) => crawlCost(crawl, prices)),
    ];
    for (const p of parts) {
      dpuSeconds += p.dpuSeconds;
      amount += p.amount;
      estimated ||= p.estimated;
    }
  }
  return {
    DpuSeconds: round(dpuSeconds, 3),
    Amount: round(amount, 6),
    Currency: prices.currency,
    Estimated: estimated,
  };
}

/** DPUs of a job run: workers × the worker's DPU, else MaxCapacity, else the deprecated AllocatedCapacity. */
function capacity(run: Jsonified<JobRun>): number | undefined {
  const perWorker = run.WorkerType === undefined ? undefined : WORKER_DPU[run.WorkerType];
  if (perWorker !== undefined && isCount(run.NumberOfWorkers) && run.NumberOfWorkers > 0) {
    return perWorker * run.NumberOfWorkers;
  }
  if (isCount(run.MaxCapacity) && run.MaxCapacity > 0) return run.MaxCapacity;
  if (isCount(run.AllocatedCapacity) && run.AllocatedCapacity > 0) return run.AllocatedCapacity;
  return undefined;
}

/** Python shell jobs run on 0.0625 or 1 DPU without a worker type (Spark needs 2 or more). */
function minimumSeconds(run: Jsonified<JobRun>, dpu: number): number {
  const pythonShell = run.WorkerType === undefined && dpu <= 1;
  const legacy = run.GlueVersion !== undefined && LEGACY_GLUE_VERSIONS.has(run.GlueVersion);
  return legacy && !pythonShell ? MINIMUM_BILLED_SECONDS.legacySpark : MINIMUM_BILLED_SECONDS.current;
}

const isMemoryOptimised = (run: Jsonified<JobRun>) =>
  run.WorkerType !== undefined && M_DPU_WORKERS.test(run.WorkerType);
const isCount = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n >= 0;
const part = (dpuSeconds: number, pricePerHour: number, estimated: boolean): Part => ({
  dpuSeconds,
  amount: (dpuSeconds / 3600) * pricePerHour,
  estimated,
});
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
