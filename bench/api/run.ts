/**
 * API bench (a script, not a test): `npx tsx bench/api/run.ts [--runs 1000000] [--queries 500] [--cold-starts 10] [--json]`.
 *
 * 1. p99 of `GET /workflows/{name}/runs?maxResults=100` through the read function
 *    (API Gateway v2 event → middy → validation → store → response shaping → JSON)
 *    with `--runs` runs stored, as a ratio to the bare DynamoDB Query returning the
 *    same 100 items in the same process against the same dynalite (goal ≤ 1.5).
 *    The bulk runs are the store bench's filler items spread over many workflows;
 *    the measured workflow holds realistic runs written through putSnapshot.
 * 2. Minified bundle size and cold init time of each API function (bundles.ts).
 *
 * `runApiBench(options)` is exported for `npm run bench`.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Logger } from "@aws-lambda-powertools/logger";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { writeBatch } from "../../packages/core/src/store/context.ts";
import { createRunStore } from "../../packages/core/src/store/dynamo-run-store.ts";
import { Expressions, projection } from "../../packages/core/src/store/expressions.ts";
import { workflowRunsPartition } from "../../packages/core/src/store/keys.ts";
import { runAttributes } from "../../packages/core/src/store/run-item.ts";
import { IndexName } from "../../packages/core/src/store/table.ts";
import { createReadHandler } from "../../packages/functions/src/api/read-handler.ts";
import { routeList } from "../../packages/functions/src/api/routes.ts";
import { httpEvent, lambdaContext } from "../../packages/functions/test/api/support/http-event.ts";
import { startDynamo, type TestDynamo } from "../../tests/support/dynamo.ts";
import { interleavedLatencies, percentile, throughput } from "../store/measure.ts";
import { bulkRunItem, lifecycle } from "../store/workload.ts";
import { type BundleFigure, bundleFigures } from "./bundles.ts";

export interface ApiBenchOptions {
  /** Runs stored (default 1,000,000). */
  runs?: number;
  /** Realistic runs of the measured workflow (default 300; part of `runs`). */
  measuredRuns?: number;
  /** Workflows the bulk runs are spread over (default 1,000). */
  workflows?: number;
  /** Timed handler/bare Query pairs (default 500). */
  queries?: number;
  /** Fresh processes per function for the cold init median (default 10). */
  coldStarts?: number;
  log?: (line: string) => void;
}

export interface RunsPageFigure {
  storedRuns: number;
  pageSize: number;
  p50Ms: number;
  p99Ms: number;
  bareP50Ms: number;
  bareP99Ms: number;
  /** p99 through the API ÷ p99 bare Query (goal ≤ 1.5). */
  ratio: number;
}

export interface ApiFigures {
  runsPage: RunsPageFigure;
  bundles: BundleFigure[];
}

export const GOALS = { runsPageP99Ratio: 1.5 } as const;

const SECRET = "bench-pagination-secret";
const MEASURED_WORKFLOW = "measured-etl";
const round2 = (value: number) => Math.round(value * 100) / 100;

export async function runApiBench(options: ApiBenchOptions = {}): Promise<ApiFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dynamo = await startDynamo({ target: "dynalite" });
  let runsPage: RunsPageFigure;
  try {
    runsPage = await benchRunsPage(dynamo, options, log);
  } finally {
    await dynamo.stop();
  }
  log("  bundling the API functions and timing cold inits…");
  const bundles = await bundleFigures({ coldStarts: options.coldStarts });
  for (const b of bundles) {
    log(
      `  ${b.handler}: ${(b.minifiedBytes / 1024).toFixed(0)} KiB minified (${(b.gzipBytes / 1024).toFixed(0)} KiB gzip), cold init ${b.coldInitMs} ms (of which loading ${b.sdkImports.length} @aws-sdk packages alone: ${b.sdkOnlyInitMs} ms)`,
    );
  }
  return { runsPage, bundles };
}

async function benchRunsPage(dynamo: TestDynamo, options: ApiBenchOptions, log: (line: string) => void) {
  const runs = options.runs ?? 1_000_000;
  const measuredRuns = Math.min(options.measuredRuns ?? 300, runs);
  const workflows = options.workflows ?? 1_000;
  const client = dynamo.documentClient;
  const tableName = dynamo.tableName;
  const store = createRunStore({ client, tableName, paginationSecret: SECRET });

  log(`  loading ${runs.toLocaleString("en-US")} runs (${measuredRuns} realistic ones in ${MEASURED_WORKFLOW})…`);
  await bulkLoad(dynamo, runs - measuredRuns, workflows, log);
  await throughput(measuredRuns, 8, async (i) => {
    const final = lifecycle(MEASURED_WORKFLOW, i, 5).at(-1);
    if (final) await store.putSnapshot(final);
  });

  const handler = createReadHandler({ store, logger: new Logger({ serviceName: "api-bench", logLevel: "SILENT" }) });
  const event = httpEvent({ method: "GET", url: `/workflows/${MEASURED_WORKFLOW}/runs?maxResults=100` }, routeList);
  const context = lambdaContext("read");
  // The same page as the store's listRuns reads: index, key, projection, order, limit.
  const expressions = new Expressions();
  const { ProjectionExpression } = projection(runAttributes(false), expressions);
  const bare = new QueryCommand({
    TableName: tableName,
    IndexName: IndexName.ByWorkflow,
    KeyConditionExpression: `${expressions.name("gsi1pk")} = ${expressions.value(workflowRunsPartition(MEASURED_WORKFLOW))}`,
    ProjectionExpression,
    ScanIndexForward: false,
    Limit: 100,
    ...expressions.attributes(),
  });
  const calls = {
    api: async () => {
      const response = await handler(event, context);
      if (response.statusCode !== 200) throw new Error(`GET runs answered ${response.statusCode}: ${response.body}`);
      const runsServed = (JSON.parse(response.body) as { Runs: unknown[] }).Runs.length;
      if (runsServed !== 100) throw new Error(`expected a 100-run page, got ${runsServed}`);
    },
    bare: () => client.send(bare),
  };
  await interleavedLatencies(50, calls); // warm-up
  const samples = await interleavedLatencies(options.queries ?? 500, calls);
  const api = samples.api ?? [];
  const bareSamples = samples.bare ?? [];
  const figure: RunsPageFigure = {
    storedRuns: runs,
    pageSize: 100,
    p50Ms: round2(percentile(api, 50)),
    p99Ms: round2(percentile(api, 99)),
    bareP50Ms: round2(percentile(bareSamples, 50)),
    bareP99Ms: round2(percentile(bareSamples, 99)),
    ratio: round2(percentile(api, 99) / percentile(bareSamples, 99)),
  };
  log(
    `  GET /workflows/{name}/runs (100 runs) p99 ${figure.p99Ms} ms vs bare Query p99 ${figure.bareP99Ms} ms → ratio ${figure.ratio} (p50 ${figure.p50Ms} / ${figure.bareP50Ms})`,
  );
  return figure;
}

/** The store bench's filler items, BatchWriteItem (25 per request), a few requests in flight. */
async function bulkLoad(dynamo: TestDynamo, count: number, workflows: number, log: (line: string) => void) {
  const ctx = {
    client: dynamo.documentClient,
    tableName: dynamo.tableName,
    tokens: undefined as never,
    retentionDays: 0,
    now: () => new Date(),
  };
  const batches = Math.ceil(count / 25);
  const started = performance.now();
  let done = 0;
  let reported = 0;
  await throughput(batches, 8, async (b) => {
    const items = [];
    for (let i = b * 25; i < Math.min(count, (b + 1) * 25); i++)
      items.push({ PutRequest: { Item: bulkRunItem(i, workflows) } });
    await writeBatch(ctx, items);
    done += items.length;
    if (done - reported >= count / 10 || done === count) {
      reported = done;
      const rate = done / ((performance.now() - started) / 1000);
      log(
        `    ${done.toLocaleString("en-US")} / ${count.toLocaleString("en-US")} loaded (${rate.toFixed(0)} items/s, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB)`,
      );
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      queries: { type: "string" },
      "cold-starts": { type: "string" },
      json: { type: "boolean" },
    },
  });
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const figures = await runApiBench({
    runs: number(values.runs),
    queries: number(values.queries),
    coldStarts: number(values["cold-starts"]),
    log: values.json ? () => {} : undefined,
  });
  if (values.json) {
    console.log(JSON.stringify(figures, null, 2));
  } else {
    const page = figures.runsPage;
    const ok = page.ratio <= GOALS.runsPageP99Ratio;
    console.table([
      {
        figure: `GET runs (100) p99 ÷ bare Query p99, ${page.storedRuns.toLocaleString("en-US")} runs`,
        goal: `≤ ${GOALS.runsPageP99Ratio}`,
        measured: `${page.ratio} (${page.p99Ms} vs ${page.bareP99Ms} ms) ${ok ? "met" : "NOT met"}`,
      },
      ...figures.bundles.map((b) => ({
        figure: `${b.handler}: minified bundle / cold init`,
        goal: "—",
        measured: `${(b.minifiedBytes / 1024).toFixed(0)} KiB / ${b.coldInitMs} ms (SDK alone ${b.sdkOnlyInitMs} ms)`,
      })),
    ]);
  }
}
