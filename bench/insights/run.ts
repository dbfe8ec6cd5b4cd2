/**
 * Insights bench (a script, not a test): `npx tsx bench/insights/run.ts [--runs 100000] [--queries 300] [--json]`.
 *
 * 1. p99 of `GET /workflows/{name}/stats` (default 30-day window, and a 366-day one)
 *    through the read function, for a workflow with `--runs` ended runs stored over
 *    ~3 years (96 a day; 5-job graphs, so per-node figures too), as a ratio to the
 *    bare DynamoDB Query of the same day items and to one bare GetItem, interleaved
 *    in the same process against the same dynalite (goal ≤ 2×). The day items are
 *    written by the store's own recordRunStats, one UpdateItem per run.
 * 2. The write cost statistics add per state change: DynamoDB requests touching a
 *    statistics item while runs go through recordSnapshot (real store and ledger),
 *    per terminal transition, per other transition, per snapshot that changes no state
 *    (goal: ≤ 1, 0, 0).
 *
 * `runInsightsBench(options)` is exported for `npm run bench`.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Logger } from "@aws-lambda-powertools/logger";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { recordSnapshot } from "../../packages/core/src/ingest/record-snapshot.ts";
import { createMemoryPublisher } from "../../packages/core/src/ingest/tracker-publisher.ts";
import { statsWindow } from "../../packages/core/src/insights/stats/window.ts";
import { writeBatch } from "../../packages/core/src/store/context.ts";
import { createRunStore } from "../../packages/core/src/store/dynamo-run-store.ts";
import { runIndexKeys, runKey, statsDayRange, workflowKey } from "../../packages/core/src/store/keys.ts";
import type { TrackedRun } from "../../packages/core/src/workflow-run/types.ts";
import { createReadHandler } from "../../packages/functions/src/api/read-handler.ts";
import { routeList } from "../../packages/functions/src/api/routes.ts";
import { httpEvent, lambdaContext } from "../../packages/functions/test/api/support/http-event.ts";
import { type BenchDynamo, startDynaliteProcess } from "../store/dynalite-process.ts";
import { interleavedLatencies, percentile, throughput } from "../store/measure.ts";
import { lifecycle } from "../store/workload.ts";

const WORKFLOW = "stats-etl";
const RUNS_PER_DAY = 96;
const JOBS = 5;
export const GOALS = { statsP99Ratio: 2, statsRequestsPerTerminalTransition: 1 } as const;

export interface InsightsBenchOptions {
  runs?: number;
  queries?: number;
  log?: (line: string) => void;
}

export interface StatsReadFigure {
  windowDays: number;
  storedRuns: number;
  p50Ms: number;
  p99Ms: number;
  bareQueryP50Ms: number;
  bareQueryP99Ms: number;
  bareGetItemP50Ms: number;
  bareGetItemP99Ms: number;
  /** p99 through the API ÷ p99 of the bare Query of the same day items. */
  ratioToQuery: number;
  /** p99 through the API ÷ p99 of one bare GetItem. */
  ratioToGetItem: number;
}

export interface StatsWriteCost {
  runs: number;
  terminalTransitions: number;
  otherTransitions: number;
  noStateSnapshots: number;
  /** Requests on statistics items ÷ terminal transitions (goal ≤ 1). */
  statsRequestsPerTerminalTransition: number;
  statsRequestsForOtherSnapshots: number;
  /** All DynamoDB requests of recordSnapshot per snapshot, for context. */
  requestsPerSnapshot: number;
}

export interface InsightsFigures {
  reads: StatsReadFigure[];
  writeCost: StatsWriteCost;
  seedUpdatesPerSecond: number;
}

export async function runInsightsBench(options: InsightsBenchOptions = {}): Promise<InsightsFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dynamo = await startDynaliteProcess({ maxHeapMb: 4096 });
  try {
    const runs = options.runs ?? 100_000;
    const { store, tableName, seedUpdatesPerSecond } = await seed(dynamo, runs, log);
    const reads: StatsReadFigure[] = [];
    for (const days of [30, 366]) {
      const figure = await benchStatsRead(dynamo, tableName, store, runs, days, options.queries ?? 300);
      log(
        `  GET stats (${days} d, ${runs.toLocaleString("en-US")} runs) p99 ${figure.p99Ms} ms vs bare Query ${figure.bareQueryP99Ms} ms (ratio ${figure.ratioToQuery}) vs bare GetItem ${figure.bareGetItemP99Ms} ms (ratio ${figure.ratioToGetItem}); p50 ${figure.p50Ms} / ${figure.bareQueryP50Ms} / ${figure.bareGetItemP50Ms} ms`,
      );
      reads.push(figure);
    }
    const writeCost = await benchWriteCost(dynamo, log);
    return { reads, writeCost, seedUpdatesPerSecond };
  } finally {
    await dynamo.stop();
  }
}

/** `runs` ended runs of WORKFLOW, the newest today: run items in bulk, statistics through recordRunStats. */
async function seed(dynamo: BenchDynamo, runs: number, log: (line: string) => void) {
  const tableName = await dynamo.createTable("insights");
  const ctx = { client: dynamo.documentClient, tableName };
  const store = createRunStore({ ...ctx, paginationSecret: "bench-pagination-secret" });
  const now = Date.now();
  const spacing = 86_400_000 / RUNS_PER_DAY;
  const runAt = (i: number): TrackedRun => {
    const final = lifecycle(WORKFLOW, i, JOBS).at(-1)?.run as TrackedRun;
    const startedOn = new Date(now - (runs - 1 - i) * spacing - 3_600_000).toISOString();
    const minutes = 10 + ((i * 7919) % 50); // 10–59 min, scattered
    const failed = i % 10 === 0;
    return {
      ...final,
      StartedOn: startedOn,
      CompletedOn: new Date(Date.parse(startedOn) + minutes * 60_000).toISOString(),
      Outcome: failed ? "FAILED" : "SUCCEEDED",
      FailedNodes: [],
      FirstSeenAt: startedOn,
      LastObservedAt: startedOn,
      ObservedVia: "event",
    };
  };
  log(`  storing ${runs.toLocaleString("en-US")} runs of ${WORKFLOW} and counting each in its day…`);
  await store.putWorkflow({ Name: WORKFLOW }, new Date(now).toISOString());
  await throughput(Math.ceil(runs / 25), 8, async (b) => {
    const items = [];
    for (let i = b * 25; i < Math.min(runs, (b + 1) * 25); i++) {
      const run = runAt(i);
      items.push({
        PutRequest: {
          Item: {
            ...runKey(WORKFLOW, run.WorkflowRunId),
            ...runIndexKeys(WORKFLOW, run.WorkflowRunId, run.StartedOn as string, run.Outcome),
            entityType: "Run",
            Name: WORKFLOW,
            WorkflowRunId: run.WorkflowRunId,
            StartedOn: run.StartedOn,
            CompletedOn: run.CompletedOn,
            Status: "COMPLETED",
            Outcome: run.Outcome,
          },
        },
      });
    }
    await writeBatch(ctx, items);
  });
  const seedUpdatesPerSecond = await throughput(runs, 8, async (i) => {
    const result = await store.recordRunStats(runAt(i));
    if (result !== "counted") throw new Error(`run ${i} was ${result}`);
  });
  log(`  recordRunStats: ${seedUpdatesPerSecond.toFixed(0)} updates/s (8 in flight)`);
  return { store, tableName, seedUpdatesPerSecond };
}

async function benchStatsRead(
  dynamo: BenchDynamo,
  tableName: string,
  store: ReturnType<typeof createRunStore>,
  runs: number,
  days: number,
  queries: number,
): Promise<StatsReadFigure> {
  const handler = createReadHandler({
    store,
    logger: new Logger({ serviceName: "insights-bench", logLevel: "SILENT" }),
  });
  const until = new Date().toISOString().slice(0, 10);
  const since = new Date(Date.parse(until) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const event = httpEvent(
    { method: "GET", url: `/workflows/${WORKFLOW}/stats?since=${since}&until=${until}` },
    routeList,
  );
  const context = lambdaContext("read");
  const window = statsWindow({ since, until }, new Date());
  const range = statsDayRange(WORKFLOW, window.since, window.until);
  const expectedRuns = Math.min(runs, days * RUNS_PER_DAY);
  const calls = {
    tracker: async () => {
      const response = await handler(event, context);
      if (response.statusCode !== 200) throw new Error(`GET stats answered ${response.statusCode}: ${response.body}`);
      const served = (JSON.parse(response.body) as { Stats: { Runs: number } }).Stats.Runs;
      // The window's first and last day may be partly filled; the count must be close to the seeded rate.
      if (Math.abs(served - expectedRuns) > 2 * RUNS_PER_DAY)
        throw new Error(`expected ~${expectedRuns} runs, got ${served}`);
    },
    query: async () => {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.documentClient.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
            ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk" },
            ExpressionAttributeValues: { ":pk": range.pk, ":from": range.from, ":to": range.to },
            ExclusiveStartKey,
          }),
        );
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    },
    getItem: () => dynamo.documentClient.send(new GetCommand({ TableName: tableName, Key: workflowKey(WORKFLOW) })),
  };
  await interleavedLatencies(30, calls); // warm-up
  const samples = await interleavedLatencies(queries, calls);
  const ms = (values: number[] | undefined, p: number) => Math.round(percentile(values ?? [], p) * 100) / 100;
  const p99 = ms(samples.tracker, 99);
  return {
    windowDays: days,
    storedRuns: runs,
    p50Ms: ms(samples.tracker, 50),
    p99Ms: p99,
    bareQueryP50Ms: ms(samples.query, 50),
    bareQueryP99Ms: ms(samples.query, 99),
    bareGetItemP50Ms: ms(samples.getItem, 50),
    bareGetItemP99Ms: ms(samples.getItem, 99),
    ratioToQuery: Math.round((p99 / ms(samples.query, 99)) * 100) / 100,
    ratioToGetItem: Math.round((p99 / ms(samples.getItem, 99)) * 100) / 100,
  };
}

/** Runs through recordSnapshot (every snapshot twice: a duplicate event), counting requests on STATS# items. */
async function benchWriteCost(dynamo: BenchDynamo, log: (line: string) => void): Promise<StatsWriteCost> {
  const tableName = await dynamo.createTable("insights-writes");
  const client = dynamo.documentClient;
  const store = createRunStore({ client, tableName, paginationSecret: "bench-pagination-secret" });
  const deps = {
    store,
    publisher: createMemoryPublisher(),
  };
  let counting = false;
  let statsRequests = 0;
  let requests = 0;
  const name = `countStats-${tableName}`;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (counting) {
        requests++;
        const input = args.input as { Key?: { sk?: string } };
        if (input.Key?.sk?.startsWith("STATS#")) statsRequests++;
      }
      return next(args);
    },
    { step: "initialize", name },
  );
  const runs = 50;
  let terminal = 0;
  let other = 0;
  let noState = 0;
  let statsOnOther = 0;
  let snapshots = 0;
  try {
    for (let i = 0; i < runs; i++) {
      for (const snapshot of lifecycle(WORKFLOW, i, JOBS)) {
        for (let copy = 0; copy < 2; copy++) {
          const before = statsRequests;
          counting = true;
          const result = await recordSnapshot(deps, snapshot.run, snapshot.via, snapshot.observedAt);
          counting = false;
          snapshots++;
          const ended = result.transition && result.transition.current.outcome !== "RUNNING";
          if (ended) terminal++;
          else if (result.transition) other++;
          else noState++;
          if (!ended) statsOnOther += statsRequests - before;
        }
      }
    }
  } finally {
    client.middlewareStack.remove(name);
  }
  const figure: StatsWriteCost = {
    runs,
    terminalTransitions: terminal,
    otherTransitions: other,
    noStateSnapshots: noState,
    statsRequestsPerTerminalTransition: Math.round(((statsRequests - statsOnOther) / terminal) * 100) / 100,
    statsRequestsForOtherSnapshots: statsOnOther,
    requestsPerSnapshot: Math.round((requests / snapshots) * 100) / 100,
  };
  log(
    `  write cost: ${figure.statsRequestsPerTerminalTransition} stats request per terminal transition (${terminal}), ${statsOnOther} for ${other} other transitions and ${noState} no-state snapshots; ${figure.requestsPerSnapshot} requests per snapshot in all`,
  );
  return figure;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: { runs: { type: "string" }, queries: { type: "string" }, json: { type: "boolean" } },
  });
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const figures = await runInsightsBench({
    runs: number(values.runs),
    queries: number(values.queries),
    log: values.json ? () => {} : undefined,
  });
  if (values.json) console.log(JSON.stringify(figures, null, 2));
  else {
    console.table([
      ...figures.reads.map((r) => ({
        figure: `GET stats (${r.windowDays} d) p99 ÷ bare Query p99, ${r.storedRuns.toLocaleString("en-US")} runs`,
        goal: `≤ ${GOALS.statsP99Ratio}`,
        measured: `${r.ratioToQuery} (${r.p99Ms} vs ${r.bareQueryP99Ms} ms; ÷ GetItem ${r.ratioToGetItem})`,
      })),
      {
        figure: "stats requests per terminal transition",
        goal: `≤ ${GOALS.statsRequestsPerTerminalTransition}, 0 otherwise`,
        measured: `${figures.writeCost.statsRequestsPerTerminalTransition}, ${figures.writeCost.statsRequestsForOtherSnapshots} otherwise`,
      },
    ]);
  }
}
