/**
 * Store bench (a script, not a test): `npx tsx bench/store/run.ts [--runs 1000000]`.
 *
 * 1. putSnapshot throughput as a ratio to a raw UpdateItem of the same item (keys,
 *    fields, compressed graph, the timeline entry), same dynalite, same
 *    concurrency, same run of the bench (goal ≥ 0.8). The raw updates are
 *    precomputed; putSnapshot does all of its work in the timed loop, the catalog
 *    entry and node index included. Beside it, the floor of a single write that
 *    tells a transition: the same raw update made conditional on the stored rank and
 *    returning the previous item (ALL_OLD), no tracker code — putSnapshot ÷ that
 *    floor says what the tracker adds to the write it cannot avoid.
 * 2. listRuns p99 for a 100-run page with `--runs` runs stored, as a ratio to the
 *    bare DynamoDB Query returning the same page (goal ≤ 1.5). The table is
 *    stored-runs.ts's: filler runs over many workflows plus realistic runs of the
 *    measured workflow; `npm run bench` loads it once for this and the API bench.
 *
 * dynalite runs in a child process (see dynalite-process.ts). `runStoreBench(options)`
 * is exported for `npm run bench`.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { QueryCommand, UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import { LIST_PRICES, runCost } from "../../packages/core/src/insights/cost.ts";
import { createRunStore } from "../../packages/core/src/store/dynamo-run-store.ts";
import { UpdateExpression } from "../../packages/core/src/store/expressions.ts";
import { itemSizeBytes } from "../../packages/core/src/store/item-size.ts";
import { runIndexKeys, runKey, timelineAttribute } from "../../packages/core/src/store/keys.ts";
import { compressGraph, SNAPSHOT_FIELDS } from "../../packages/core/src/store/run-item.ts";
import type { SnapshotInput } from "../../packages/core/src/store/run-store.ts";
import { progressKey } from "../../packages/core/src/workflow-run/order.ts";
import { deriveOutcome } from "../../packages/core/src/workflow-run/outcome.ts";
import { type BenchDynamo, startDynaliteProcess } from "./dynalite-process.ts";
import { median, throughput } from "./measure.ts";
import {
  BENCH_PAGINATION_SECRET,
  comparePageLatency,
  loadStoredRuns,
  MEASURED_WORKFLOW,
  PAGE_SIZE,
  type PageLatencyFigure,
  type StoredRuns,
  type StoredRunsOptions,
} from "./stored-runs.ts";
import { lifecycle } from "./workload.ts";

export interface StoreBenchOptions extends StoredRunsOptions {
  /** Runs already loaded (by `npm run bench`, shared with the API bench); loaded here when absent. */
  stored?: StoredRuns;
  /** Timed listRuns/bare Query pairs (default 500). */
  pageQueries?: number;
  /** Runs written per putSnapshot round (default 60). */
  snapshotRuns?: number;
  /** Graph sizes for putSnapshot, in jobs (a trigger per job: nodes = 2 × jobs). Default [5, 50]. */
  graphJobs?: number[];
  /** Requests in flight for the throughput figures (default 8). */
  concurrency?: number;
  /** Alternating raw/putSnapshot rounds per graph size; the median round ratio is reported (default 5). */
  rounds?: number;
  log?: (line: string) => void;
}

export interface PutSnapshotFigure {
  graphNodes: number;
  /** Mean run-item size written, bytes. */
  itemBytes: number;
  snapshotsPerSecond: number;
  /** Raw UpdateItem/s of the same items. */
  rawUpdatesPerSecond: number;
  /** snapshots/s ÷ raw updates/s (goal ≥ 0.8). */
  ratio: number;
  /** Raw conditional UpdateItem/s returning the old item (ALL_OLD): the floor of a transition-telling write. */
  conditionalUpdatesPerSecond: number;
  /** conditional updates/s ÷ raw updates/s: what the condition and the returned item cost by themselves. */
  conditionalRatio: number;
  /** snapshots/s ÷ conditional updates/s: what putSnapshot adds to that floor. */
  floorRatio: number;
}

export type ListRunsFigure = PageLatencyFigure;

export interface StoreFigures {
  putSnapshot: PutSnapshotFigure[];
  listRuns: ListRunsFigure;
}

const WARM_UP_ROUNDS = 3;

export const GOALS = { putSnapshotRatio: 0.8, listRunsP99Ratio: 1.5 } as const;

export async function runStoreBench(options: StoreBenchOptions = {}): Promise<StoreFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dynamo = options.stored?.dynamo ?? (await startDynaliteProcess());
  try {
    const putSnapshot: PutSnapshotFigure[] = [];
    for (const jobs of options.graphJobs ?? [5, 50]) {
      putSnapshot.push(await benchPutSnapshot(dynamo, jobs, options, log));
    }
    const stored = options.stored ?? (await loadStoredRuns(dynamo, { ...options, log }));
    const listRuns = await benchListRuns(stored, options, log);
    return { putSnapshot, listRuns };
  } finally {
    if (!options.stored) await dynamo.stop();
  }
}

async function benchPutSnapshot(
  dynamo: BenchDynamo,
  jobs: number,
  options: StoreBenchOptions,
  log: (line: string) => void,
): Promise<PutSnapshotFigure> {
  const runs = options.snapshotRuns ?? 40;
  const concurrency = options.concurrency ?? 8;
  const tableName = await dynamo.createTable(`put-${jobs}`);
  const client = dynamo.documentClient;
  const store = createRunStore({ client, tableName, paginationSecret: BENCH_PAGINATION_SECRET });
  const snapshotRates: number[] = [];
  const rawRates: number[] = [];
  const conditionalRates: number[] = [];
  const ratios: number[] = [];
  const conditionalRatios: number[] = [];
  const floorRatios: number[] = [];
  let itemBytes = 0;
  // The first WARM_UP_ROUNDS are not counted: putSnapshot's code path is longer than a raw send's,
  // and in a fresh process it kept speeding up for several rounds (JIT): 302 → 949 snapshots/s
  // over 10 rounds of 720, most of it in the first 3.
  for (let round = 1 - WARM_UP_ROUNDS; round <= (options.rounds ?? 5); round++) {
    const tag = randomUUID().slice(0, 8);
    const storeRuns = Array.from({ length: runs }, (_, i) => lifecycle(`wf-${tag}-${i % 10}`, i, jobs));
    const rawItems = Array.from({ length: runs }, (_, i) => lifecycle(`raw-${tag}-${i % 10}`, i, jobs).map(rawItem));
    const rawRuns = rawItems.map((items) => items.map((item) => rawUpdate(tableName, item)));
    const conditionalRuns = Array.from({ length: runs }, (_, i) =>
      lifecycle(`cond-${tag}-${i % 10}`, i, jobs).map((snapshot) => conditionalUpdate(tableName, rawItem(snapshot))),
    );
    const perRun = storeRuns[0]?.length ?? 1;
    itemBytes = mean(rawItems.flat().map(itemSizeBytes));
    const sendAll = (inputs: UpdateCommandInput[][]) => () =>
      throughput(runs, concurrency, async (i) => {
        for (const input of inputs[i] ?? []) await client.send(new UpdateCommand(input));
      });
    const putSnapshots = () =>
      throughput(runs, concurrency, async (i) => {
        for (const snapshot of storeRuns[i] ?? []) await store.putSnapshot(snapshot);
      });
    // Rotate which goes first: load from outside the bench drifts within a round too.
    const measured: Record<string, number> = {};
    const order: [string, () => Promise<number>][] = [
      ["raw", sendAll(rawRuns)],
      ["conditional", sendAll(conditionalRuns)],
      ["stored", putSnapshots],
    ];
    for (let k = 0; k < order.length; k++) {
      const [name, run] = order[(k + round + WARM_UP_ROUNDS) % order.length] as [string, () => Promise<number>];
      measured[name] = await run();
    }
    if (round <= 0) continue;
    const raw = measured.raw as number;
    const conditional = measured.conditional as number;
    const stored = measured.stored as number;
    rawRates.push(raw * perRun);
    conditionalRates.push(conditional * perRun);
    snapshotRates.push(stored * perRun);
    ratios.push(stored / raw);
    conditionalRatios.push(conditional / raw);
    floorRatios.push(stored / conditional);
    log(
      `  putSnapshot, ${jobs * 2}-node graph, round ${round}: ${(stored * perRun).toFixed(0)} snapshots/s vs ${(raw * perRun).toFixed(0)} raw UpdateItem/s, ${(conditional * perRun).toFixed(0)} conditional ALL_OLD UpdateItem/s`,
    );
  }
  return {
    graphNodes: jobs * 2,
    itemBytes: Math.round(itemBytes),
    snapshotsPerSecond: Math.round(median(snapshotRates)),
    rawUpdatesPerSecond: Math.round(median(rawRates)),
    ratio: round2(median(ratios)),
    conditionalUpdatesPerSecond: Math.round(median(conditionalRates)),
    conditionalRatio: round2(median(conditionalRatios)),
    floorRatio: round2(median(floorRatios)),
  };
}

/** The run item putSnapshot would write for this snapshot (timeline entry and Cost included), built ahead of time. */
function rawItem(snapshot: SnapshotInput): Record<string, unknown> {
  const { run } = snapshot;
  const name = run.Name ?? "";
  const id = run.WorkflowRunId ?? "";
  const outcome = deriveOutcome(run);
  const item: Record<string, unknown> = {
    ...runKey(name, id),
    ...runIndexKeys(name, id, run.StartedOn ?? snapshot.observedAt, outcome),
    entityType: "Run",
    Rank: `1.000000.000000|G|${snapshot.observedAt}`,
    Outcome: outcome,
    FailedNodes: [],
    FirstSeenAt: snapshot.observedAt,
    LastObservedAt: snapshot.observedAt,
    ObservedVia: snapshot.via,
  };
  for (const field of SNAPSHOT_FIELDS) if (run[field] !== undefined) item[field] = run[field];
  if (run.Graph) {
    item.GraphGzip = compressGraph(run.Graph);
    // The run's Cost, as putSnapshot stores it with the store's default (list) prices: the same attribute bytes.
    item.Cost = runCost(run.Graph, LIST_PRICES);
  }
  item[timelineAttribute(progressKey(run))] = {
    ObservedAt: snapshot.observedAt,
    ObservedVia: snapshot.via,
    Status: run.Status,
    Outcome: outcome,
    Statistics: run.Statistics,
  };
  return item;
}

/** A plain UpdateItem setting every attribute of the item (no condition, nothing returned). */
function rawUpdate(tableName: string, item: Record<string, unknown>): UpdateCommandInput {
  const { pk, sk, ...attributes } = item;
  const update = new UpdateExpression();
  for (const [name, value] of Object.entries(attributes)) update.set(name, value);
  return {
    TableName: tableName,
    Key: { pk, sk },
    UpdateExpression: update.toString(),
    ...update.expressions.attributes(),
  };
}

/**
 * The floor of one write that tells a transition: the raw update, applied only over an
 * absent or lower-ranked item (the item's own Rank: a lifecycle's ranks only grow),
 * returning the item it replaced — what putSnapshot's one write needs to know the
 * previous state.
 */
function conditionalUpdate(tableName: string, item: Record<string, unknown>): UpdateCommandInput {
  const input = rawUpdate(tableName, item);
  return {
    ...input,
    ConditionExpression: "attribute_not_exists(#floorPk) OR #floorRank < :floorRank",
    ExpressionAttributeNames: { ...input.ExpressionAttributeNames, "#floorPk": "pk", "#floorRank": "Rank" },
    ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ":floorRank": item.Rank },
    ReturnValues: "ALL_OLD",
  };
}

async function benchListRuns(
  stored: StoredRuns,
  options: StoreBenchOptions,
  log: (line: string) => void,
): Promise<ListRunsFigure> {
  const { store, pageQuery } = stored;
  const client = stored.dynamo.documentClient;
  const calls = {
    tracker: async () => {
      const page = await store.listRuns(MEASURED_WORKFLOW, { maxResults: PAGE_SIZE });
      if (page.items.length !== PAGE_SIZE)
        throw new Error(`expected a ${PAGE_SIZE}-run page, got ${page.items.length}`);
    },
    bare: async () => {
      const page = await client.send(new QueryCommand(pageQuery));
      if (page.Items?.length !== PAGE_SIZE) throw new Error(`expected ${PAGE_SIZE} items, got ${page.Items?.length}`);
    },
  };
  const figure = await comparePageLatency(stored, options.pageQueries ?? 500, calls);
  log(
    `  listRuns p99 ${figure.p99Ms} ms vs bare Query p99 ${figure.bareP99Ms} ms (p50 ${figure.p50Ms} / ${figure.bareP50Ms})`,
  );
  return figure;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function formatFigures(figures: StoreFigures): string {
  const lines = ["| figure | goal | measured |", "|---|---|---|"];
  for (const f of figures.putSnapshot) {
    lines.push(
      `| putSnapshot ÷ raw UpdateItem of the same item, ${f.graphNodes}-node graph (~${(f.itemBytes / 1024).toFixed(1)} KB items) | ≥ ${GOALS.putSnapshotRatio} | ${f.ratio} (${f.snapshotsPerSecond} vs ${f.rawUpdatesPerSecond} /s) |`,
      `| floor: raw conditional UpdateItem returning the old item ÷ raw UpdateItem, ${f.graphNodes}-node graph | report | ${f.conditionalRatio} (${f.conditionalUpdatesPerSecond} vs ${f.rawUpdatesPerSecond} /s) |`,
      `| putSnapshot ÷ that conditional floor, ${f.graphNodes}-node graph | report | ${f.floorRatio} |`,
    );
  }
  const l = figures.listRuns;
  lines.push(
    `| listRuns p99 ÷ bare Query p99, 100-run page, ${l.storedRuns.toLocaleString("en-US")} runs stored | ≤ ${GOALS.listRunsP99Ratio} | ${l.ratio} (${l.p99Ms} vs ${l.bareP99Ms} ms; p50 ${l.p50Ms} vs ${l.bareP50Ms} ms) |`,
  );
  return lines.join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      quick: { type: "boolean" },
      concurrency: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const runs = values.runs ? Number(values.runs) : values.quick ? 20_000 : 1_000_000;
  if (!Number.isInteger(runs) || runs < 100) throw new Error("--runs must be an integer ≥ 100");
  const concurrency = values.concurrency ? Number(values.concurrency) : undefined;
  console.log(`Store bench on dynalite (child process), Node ${process.versions.node}`);
  const figures = await runStoreBench({ runs, ...(concurrency ? { concurrency } : {}) });
  console.log(`\n${formatFigures(figures)}`);
  if (values.json) console.log(JSON.stringify(figures, null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
