/**
 * API bench (a script, not a test): `npx tsx bench/api/run.ts [--runs 1000000] [--queries 500] [--cold-starts 10] [--json]`.
 *
 * 1. p99 of `GET /workflows/{name}/runs?maxResults=100` through the read function
 *    (API Gateway v2 event → middy → validation → store → response shaping → JSON)
 *    with `--runs` runs stored, as a ratio to the bare DynamoDB Query returning the
 *    same 100 items in the same process against the same dynalite (goal ≤ 1.5).
 *    The table is the store bench's (../store/stored-runs.ts), in a dynalite child
 *    process; `npm run bench` loads it once for both benches.
 * 2. Minified bundle size and cold init time of each API function (bundles.ts).
 *
 * `runApiBench(options)` is exported for `npm run bench`.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Logger } from "@aws-lambda-powertools/logger";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createReadHandler } from "../../packages/functions/src/api/read-handler.ts";
import { routeList } from "../../packages/functions/src/api/routes.ts";
import { httpEvent, lambdaContext } from "../../packages/functions/test/api/support/http-event.ts";
import { startDynaliteProcess } from "../store/dynalite-process.ts";
import {
  comparePageLatency,
  loadStoredRuns,
  MEASURED_WORKFLOW,
  PAGE_SIZE,
  type PageLatencyFigure,
  type StoredRuns,
  type StoredRunsOptions,
} from "../store/stored-runs.ts";
import { type BundleFigure, bundleFigures } from "./bundles.ts";

export interface ApiBenchOptions extends StoredRunsOptions {
  /** Runs already loaded (by `npm run bench`, shared with the store bench); loaded here when absent. */
  stored?: StoredRuns;
  /** Timed handler/bare Query pairs (default 500). */
  queries?: number;
  /** Fresh processes per function for the cold init median (default 10). */
  coldStarts?: number;
  log?: (line: string) => void;
}

export type RunsPageFigure = PageLatencyFigure;

export interface ApiFigures {
  runsPage: RunsPageFigure;
  bundles: BundleFigure[];
}

export const GOALS = { runsPageP99Ratio: 1.5 } as const;

export async function runApiBench(options: ApiBenchOptions = {}): Promise<ApiFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  let runsPage: RunsPageFigure;
  if (options.stored) {
    runsPage = await benchRunsPage(options.stored, options, log);
  } else {
    const dynamo = await startDynaliteProcess();
    try {
      runsPage = await benchRunsPage(await loadStoredRuns(dynamo, { ...options, log }), options, log);
    } finally {
      await dynamo.stop();
    }
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

async function benchRunsPage(stored: StoredRuns, options: ApiBenchOptions, log: (line: string) => void) {
  const { store } = stored;
  const client = stored.dynamo.documentClient;
  const handler = createReadHandler({ store, logger: new Logger({ serviceName: "api-bench", logLevel: "SILENT" }) });
  const event = httpEvent(
    { method: "GET", url: `/workflows/${MEASURED_WORKFLOW}/runs?maxResults=${PAGE_SIZE}` },
    routeList,
  );
  const context = lambdaContext("read");
  const bare = new QueryCommand(stored.pageQuery);
  const calls = {
    tracker: async () => {
      const response = await handler(event, context);
      if (response.statusCode !== 200) throw new Error(`GET runs answered ${response.statusCode}: ${response.body}`);
      const runsServed = (JSON.parse(response.body) as { Runs: unknown[] }).Runs.length;
      if (runsServed !== PAGE_SIZE) throw new Error(`expected a ${PAGE_SIZE}-run page, got ${runsServed}`);
    },
    bare: () => client.send(bare),
  };
  const figure = await comparePageLatency(stored, options.queries ?? 500, calls);
  log(
    `  GET /workflows/{name}/runs (100 runs) p99 ${figure.p99Ms} ms vs bare Query p99 ${figure.bareP99Ms} ms → ratio ${figure.ratio} (p50 ${figure.p50Ms} / ${figure.bareP50Ms})`,
  );
  return figure;
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
