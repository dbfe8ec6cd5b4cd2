/** Cost per run: every worker type and execution class, the minimums, crawls, and sums. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CRAWL_ESTIMATED_DPU,
  crawlCost,
  type GluePrices,
  jobRunCost,
  LIST_PRICES,
  runCost,
  WORKER_DPU,
} from "../../src/insights/cost.ts";

const PRICES: GluePrices = { standardPerDpuHour: 0.44, flexPerDpuHour: 0.29, currency: "USD" };
const HOUR = 3600;

describe("jobRunCost", () => {
  it.each([
    ["G.025X", 0.25],
    ["G.1X", 1],
    ["G.2X", 2],
    ["G.4X", 4],
    ["G.8X", 8],
    ["G.12X", 12],
    ["G.16X", 16],
    ["Z.2X", 2],
  ])("prices %s workers at %f DPU each, standard class", (workerType, dpu) => {
    const cost = jobRunCost({ WorkerType: workerType, NumberOfWorkers: 10, ExecutionTime: HOUR }, PRICES);
    expect(cost.dpuSeconds).toBe(10 * dpu * HOUR);
    expect(cost.amount).toBeCloseTo(10 * dpu * 0.44, 9);
    expect(cost.estimated).toBe(false);
  });

  it.each(["R.1X", "R.2X", "R.4X", "R.8X"])("counts %s in M-DPUs and marks it estimated", (workerType) => {
    const cost = jobRunCost({ WorkerType: workerType, NumberOfWorkers: 2, ExecutionTime: HOUR }, PRICES);
    expect(cost.dpuSeconds).toBe(2 * (WORKER_DPU[workerType] ?? 0) * HOUR);
    expect(cost.estimated).toBe(true);
  });

  it("prices the FLEX class at the flex price", () => {
    const standard = jobRunCost({ WorkerType: "G.2X", NumberOfWorkers: 5, ExecutionTime: HOUR }, PRICES);
    const flex = jobRunCost(
      { WorkerType: "G.2X", NumberOfWorkers: 5, ExecutionTime: HOUR, ExecutionClass: "FLEX" },
      PRICES,
    );
    expect(standard.amount).toBeCloseTo(10 * 0.44, 9);
    expect(flex.amount).toBeCloseTo(10 * 0.29, 9);
  });

  it("takes Glue's DPUSeconds over execution time × capacity (auto scaling, Flex)", () => {
    const cost = jobRunCost(
      { WorkerType: "G.1X", NumberOfWorkers: 20, ExecutionTime: HOUR, DPUSeconds: 7200, ExecutionClass: "FLEX" },
      PRICES,
    );
    expect(cost).toEqual({ dpuSeconds: 7200, amount: 2 * 0.29, estimated: false });
  });

  it("uses MaxCapacity, then the deprecated AllocatedCapacity, when no worker type is given", () => {
    expect(jobRunCost({ MaxCapacity: 10, ExecutionTime: HOUR }, PRICES).dpuSeconds).toBe(10 * HOUR);
    expect(jobRunCost({ AllocatedCapacity: 5, ExecutionTime: HOUR }, PRICES).dpuSeconds).toBe(5 * HOUR);
  });

  it("bills a Glue 2.0+ Spark run at least one minute", () => {
    const cost = jobRunCost({ WorkerType: "G.1X", NumberOfWorkers: 2, ExecutionTime: 5, GlueVersion: "4.0" }, PRICES);
    expect(cost.dpuSeconds).toBe(2 * 60);
  });

  it("bills a Glue 0.9 / 1.0 Spark run at least ten minutes", () => {
    expect(jobRunCost({ MaxCapacity: 10, ExecutionTime: 30, GlueVersion: "1.0" }, PRICES).dpuSeconds).toBe(10 * 600);
    expect(jobRunCost({ MaxCapacity: 10, ExecutionTime: 30, GlueVersion: "0.9" }, PRICES).dpuSeconds).toBe(10 * 600);
  });

  it.each([0.0625, 1])("bills a Python shell job (%f DPU) at least one minute, even on Glue 1.0", (dpu) => {
    const cost = jobRunCost({ MaxCapacity: dpu, ExecutionTime: 10, GlueVersion: "1.0" }, PRICES);
    expect(cost.dpuSeconds).toBe(dpu * 60);
    expect(cost.amount).toBeCloseTo((dpu * 60 * 0.44) / HOUR, 12);
  });

  it("does not bill a run that never consumed resources", () => {
    expect(
      jobRunCost({ WorkerType: "G.1X", NumberOfWorkers: 10, ExecutionTime: 0, JobRunState: "FAILED" }, PRICES),
    ).toEqual({ dpuSeconds: 0, amount: 0, estimated: false });
  });

  it("marks a run still going, or one of unknown capacity, as estimated", () => {
    const running = jobRunCost(
      { WorkerType: "G.1X", NumberOfWorkers: 2, ExecutionTime: 120, JobRunState: "RUNNING" },
      PRICES,
    );
    expect(running).toMatchObject({ dpuSeconds: 240, estimated: true });
    expect(jobRunCost({ ExecutionTime: 120, JobRunState: "SUCCEEDED" }, PRICES)).toEqual({
      dpuSeconds: 0,
      amount: 0,
      estimated: true,
    });
  });
});

describe("crawlCost", () => {
  it("estimates a crawl at the crawler DPUs, at least ten minutes", () => {
    const short = crawlCost({ StartedOn: "2026-01-01T00:00:00.000Z", CompletedOn: "2026-01-01T00:01:00.000Z" }, PRICES);
    expect(short).toEqual({
      dpuSeconds: 600 * CRAWL_ESTIMATED_DPU,
      amount: (600 * CRAWL_ESTIMATED_DPU * 0.44) / HOUR,
      estimated: true,
    });
    const long = crawlCost({ StartedOn: "2026-01-01T00:00:00.000Z", CompletedOn: "2026-01-01T00:30:00.000Z" }, PRICES);
    expect(long.dpuSeconds).toBe(1800 * CRAWL_ESTIMATED_DPU);
  });

  it("counts nothing for a crawl still running, but says the total is an estimate", () => {
    expect(crawlCost({ StartedOn: "2026-01-01T00:00:00.000Z", State: "RUNNING" }, PRICES)).toEqual({
      dpuSeconds: 0,
      amount: 0,
      estimated: true,
    });
  });
});

describe("runCost", () => {
  it("sums job runs (each at its class's price) and crawls over the graph", () => {
    const cost = runCost(
      {
        Nodes: [
          { Type: "TRIGGER", Name: "start" },
          {
            Type: "JOB",
            Name: "extract",
            JobDetails: {
              JobRuns: [
                { WorkerType: "G.1X", NumberOfWorkers: 10, ExecutionTime: HOUR },
                { WorkerType: "G.1X", NumberOfWorkers: 10, ExecutionTime: HOUR, ExecutionClass: "FLEX" },
              ],
            },
          },
          { Type: "JOB", Name: "load", JobDetails: { JobRuns: [{ DPUSeconds: 1800, ExecutionTime: 900 }] } },
        ],
      },
      PRICES,
    );
    expect(cost).toEqual({
      DpuSeconds: 10 * HOUR * 2 + 1800,
      Amount: 7.52,
      Currency: "USD",
      Estimated: false,
    });
  });

  it("is zero and exact for a graph with no job runs or crawls", () => {
    expect(runCost({ Nodes: [{ Type: "JOB", Name: "never-ran" }] }, PRICES)).toEqual({
      DpuSeconds: 0,
      Amount: 0,
      Currency: "USD",
      Estimated: false,
    });
  });

  it("defaults to the list prices", () => {
    expect(LIST_PRICES).toEqual({ standardPerDpuHour: 0.44, flexPerDpuHour: 0.29, currency: "USD" });
    expect(
      runCost({ Nodes: [{ Type: "JOB", JobDetails: { JobRuns: [{ MaxCapacity: 1, ExecutionTime: HOUR }] } }] }).Amount,
    ).toBe(0.44);
  });

  const jobRun = fc.record(
    {
      WorkerType: fc.constantFrom(...Object.keys(WORKER_DPU)),
      NumberOfWorkers: fc.integer({ min: 1, max: 200 }),
      ExecutionTime: fc.integer({ min: 0, max: 48 * HOUR }),
      ExecutionClass: fc.constantFrom("STANDARD", "FLEX"),
      DPUSeconds: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined }),
    },
    { requiredKeys: ["WorkerType", "NumberOfWorkers", "ExecutionTime"] },
  );

  it("is the sum of its job runs' costs, never negative, and scales with the price", () => {
    fc.assert(
      fc.property(fc.array(fc.array(jobRun, { maxLength: 4 }), { maxLength: 6 }), (nodes) => {
        const graph = {
          Nodes: nodes.map((JobRuns, i) => ({ Type: "JOB" as const, Name: `j${i}`, JobDetails: { JobRuns } })),
        };
        const cost = runCost(graph, PRICES);
        const parts = nodes.flat().map((run) => jobRunCost(run, PRICES));
        const dpuSeconds = parts.reduce((sum, p) => sum + p.dpuSeconds, 0);
        expect(cost.DpuSeconds).toBeCloseTo(dpuSeconds, 2);
        expect(cost.Amount).toBeGreaterThanOrEqual(0);
        // Flex never costs more than standard for the same usage.
        const allStandard = runCost(graph, { ...PRICES, flexPerDpuHour: PRICES.standardPerDpuHour });
        expect(cost.Amount).toBeLessThanOrEqual(allStandard.Amount + 1e-6);
        const doubled = runCost(graph, { ...PRICES, standardPerDpuHour: 0.88, flexPerDpuHour: 0.58 });
        expect(doubled.Amount).toBeCloseTo(cost.Amount * 2, 4);
      }),
    );
  });
});
