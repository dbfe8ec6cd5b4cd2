/**
 * The big table both p99 figures read from (store listRuns and the API's runs page):
 * `runs` runs stored, most of them minimal filler items spread over many workflows
 * (both indexes grow with them), plus realistic runs of one measured workflow written
 * through putSnapshot. Loading a million runs is most of `npm run bench`'s time, so
 * the runner loads it once and hands it to both benches.
 */
import type { QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { writeBatch } from "../../packages/core/src/store/context.ts";
import { createRunStore } from "../../packages/core/src/store/dynamo-run-store.ts";
import { Expressions, projection } from "../../packages/core/src/store/expressions.ts";
import { workflowRunsPartition } from "../../packages/core/src/store/keys.ts";
import { runAttributes } from "../../packages/core/src/store/run-item.ts";
import type { RunStore } from "../../packages/core/src/store/run-store.ts";
import { IndexName } from "../../packages/core/src/store/table.ts";
import type { BenchDynamo } from "./dynalite-process.ts";
import { interleavedLatencies, percentile, throughput } from "./measure.ts";
import { bulkRunItem, lifecycle } from "./workload.ts";

export const MEASURED_WORKFLOW = "measured-etl";
export const BENCH_PAGINATION_SECRET = "bench-pagination-secret";
export const PAGE_SIZE = 100;

export interface StoredRunsOptions {
  /** Runs stored (default 1,000,000). */
  runs?: number;
  /** Realistic runs of the measured workflow (default 300; part of `runs`). */
  measuredRuns?: number;
  /** Workflows the filler runs are spread over (default 1,000). */
  workflows?: number;
  log?: (line: string) => void;
}

export interface StoredRuns {
  dynamo: BenchDynamo;
  tableName: string;
  store: RunStore;
  /** How many runs the table holds. */
  runs: number;
  /** The bare Query for the page listRuns reads: same index, key, projection, order and limit. */
  pageQuery: QueryCommandInput;
}

export async function loadStoredRuns(dynamo: BenchDynamo, options: StoredRunsOptions = {}): Promise<StoredRuns> {
  const log = options.log ?? ((line: string) => console.log(line));
  const runs = options.runs ?? 1_000_000;
  const measuredRuns = Math.min(options.measuredRuns ?? 300, runs);
  const tableName = await dynamo.createTable("stored-runs");
  const store = createRunStore({ client: dynamo.documentClient, tableName, paginationSecret: BENCH_PAGINATION_SECRET });

  log(`  loading ${runs.toLocaleString("en-US")} runs (${measuredRuns} realistic ones in ${MEASURED_WORKFLOW})…`);
  await bulkLoad(dynamo, tableName, runs - measuredRuns, options.workflows ?? 1_000, log);
  await throughput(measuredRuns, 8, async (i) => {
    const final = lifecycle(MEASURED_WORKFLOW, i, 5).at(-1);
    if (final) await store.putSnapshot(final);
  });

  const expressions = new Expressions();
  const { ProjectionExpression } = projection(runAttributes(false), expressions);
  const pageQuery: QueryCommandInput = {
    TableName: tableName,
    IndexName: IndexName.ByWorkflow,
    KeyConditionExpression: `${expressions.name("gsi1pk")} = ${expressions.value(workflowRunsPartition(MEASURED_WORKFLOW))}`,
    ProjectionExpression,
    ScanIndexForward: false,
    Limit: PAGE_SIZE,
    ...expressions.attributes(),
  };
  return { dynamo, tableName, store, runs, pageQuery };
}

/** p50/p99 of a page read through the tracker against the bare Query of the same page. */
export interface PageLatencyFigure {
  storedRuns: number;
  pageSize: number;
  p50Ms: number;
  p99Ms: number;
  bareP50Ms: number;
  bareP99Ms: number;
  /** p99 through the tracker ÷ p99 of the bare Query (goal ≤ 1.5). */
  ratio: number;
}

/** `queries` interleaved pairs after 50 warm-up pairs; both calls must check they got a full page. */
export async function comparePageLatency(
  stored: StoredRuns,
  queries: number,
  calls: { tracker: () => Promise<unknown>; bare: () => Promise<unknown> },
): Promise<PageLatencyFigure> {
  await interleavedLatencies(50, calls); // warm-up
  const samples = await interleavedLatencies(queries, calls);
  const tracker = samples.tracker ?? [];
  const bare = samples.bare ?? [];
  const ms = (values: number[], p: number) => Math.round(percentile(values, p) * 100) / 100;
  return {
    storedRuns: stored.runs,
    pageSize: PAGE_SIZE,
    p50Ms: ms(tracker, 50),
    p99Ms: ms(tracker, 99),
    bareP50Ms: ms(bare, 50),
    bareP99Ms: ms(bare, 99),
    ratio: Math.round((percentile(tracker, 99) / percentile(bare, 99)) * 100) / 100,
  };
}

/** BatchWriteItem (25 per request) with 8 requests in flight, printing progress every 5 %. */
async function bulkLoad(
  dynamo: BenchDynamo,
  tableName: string,
  count: number,
  workflows: number,
  log: (line: string) => void,
) {
  const ctx = {
    client: dynamo.documentClient,
    tableName,
    tokens: undefined as never,
    retentionDays: 0,
    now: () => new Date(),
  };
  const batch = 25;
  const started = performance.now();
  let done = 0;
  let reported = 0;
  await throughput(Math.ceil(count / batch), 8, async (b) => {
    const items = [];
    for (let i = b * batch; i < Math.min(count, (b + 1) * batch); i++)
      items.push({ PutRequest: { Item: bulkRunItem(i, workflows) } });
    await writeBatch(ctx, items);
    done += items.length;
    if (done - reported >= count / 20 || done === count) {
      reported = done;
      const rate = done / ((performance.now() - started) / 1000);
      log(
        `    ${done.toLocaleString("en-US")} / ${count.toLocaleString("en-US")} runs loaded (${rate.toFixed(0)} items/s, ~${((count - done) / rate).toFixed(0)} s left)`,
      );
    }
  });
}
