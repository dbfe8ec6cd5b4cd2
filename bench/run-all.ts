/**
 * `npm run bench`: every bench/ script in turn (store, glue-local, ingest, api, insights, dashboard), then
 * bench/results/<date>.json and the summary table in bench/README.md.
 *
 *   npm run bench                 full figures (1,000,000 runs stored for the p99 figures)
 *   npm run bench -- --runs 100000   a quicker pass with fewer stored runs
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { runApiBench } from "./api/run.ts";
import { runDashboardBench } from "./dashboard/run.ts";
import { runGlueLocalBench } from "./glue-local/run.ts";
import { floorRows, requestsRow, runIngestBench } from "./ingest/run.ts";
import { THROUGHPUT_GOAL } from "./ingest/throughput.ts";
import { runInsightsBench } from "./insights/run.ts";
import { startDynaliteProcess } from "./store/dynalite-process.ts";
import { runStoreBench } from "./store/run.ts";
import { loadStoredRuns } from "./store/stored-runs.ts";

interface Row {
  figure: string;
  goal: string;
  measured: string;
  met?: boolean;
  command: string;
}

const { values } = parseArgs({ options: { runs: { type: "string", default: "1000000" } }, strict: true });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1000) throw new Error(`--runs must be an integer ≥ 1000 (got ${values.runs})`);

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 60_000).toFixed(1)} min`;
const log = (line: string) => console.log(`  ${line}`);
const step = (name: string) => console.log(`\n▶ ${name} (at ${elapsed()})`);
const rows: Row[] = [];
const ratio = (n: number) => n.toFixed(2);

// One dynalite (child process) and one loaded table serve the store and API benches:
// loading a million runs twice was most of the runner's time. (If a bench throws,
// the child is killed on exit.)
const dynamo = await startDynaliteProcess();
step(`loading ${runs.toLocaleString("en")} runs for the store and API p99 figures`);
const stored = await loadStoredRuns(dynamo, { runs, log });
step("store: putSnapshot vs a raw UpdateItem of the same item, listRuns p99 vs bare Query");
const store = await runStoreBench({ stored, log });
for (const f of store.putSnapshot) {
  rows.push({
    figure: `store: putSnapshot/s ÷ raw UpdateItem/s of the same item (${f.graphNodes}-node graph, ${f.itemBytes} B items)`,
    goal: "≥ 0.8",
    measured: `${ratio(f.ratio)} (${f.snapshotsPerSecond.toFixed(0)} vs ${f.rawUpdatesPerSecond.toFixed(0)}/s)`,
    met: f.ratio >= 0.8,
    command: "npx tsx bench/store/run.ts",
  });
  rows.push({
    figure: `store: floor — raw conditional UpdateItem returning the old item (ALL_OLD), no tracker code ÷ raw UpdateItem/s (${f.graphNodes}-node graph)`,
    goal: "report",
    measured: `${ratio(f.conditionalRatio)} (${f.conditionalUpdatesPerSecond.toFixed(0)} vs ${f.rawUpdatesPerSecond.toFixed(0)}/s)`,
    command: "npx tsx bench/store/run.ts",
  });
  rows.push({
    figure: `store: putSnapshot/s ÷ that floor (${f.graphNodes}-node graph)`,
    goal: "report",
    measured: ratio(f.floorRatio),
    command: "npx tsx bench/store/run.ts",
  });
}
rows.push({
  figure: `store: listRuns p99 ÷ bare Query p99 (100-run page, ${store.listRuns.storedRuns.toLocaleString("en")} runs stored)`,
  goal: "≤ 1.5",
  measured: `${ratio(store.listRuns.ratio)} (${store.listRuns.p99Ms} vs ${store.listRuns.bareP99Ms} ms)`,
  met: store.listRuns.ratio <= 1.5,
  command: `npx tsx bench/store/run.ts --runs ${runs}`,
});

step("api: runs page p99 vs bare Query; bundle sizes and cold init");
const api = await runApiBench({ stored, log });
await dynamo.stop();
rows.push({
  figure: `api: GET /workflows/{name}/runs p99 ÷ bare Query p99 (100-run page, ${api.runsPage.storedRuns.toLocaleString("en")} runs stored)`,
  goal: "≤ 1.5",
  measured: `${ratio(api.runsPage.ratio)} (${api.runsPage.p99Ms} vs ${api.runsPage.bareP99Ms} ms)`,
  met: api.runsPage.ratio <= 1.5,
  command: `npx tsx bench/api/run.ts --runs ${runs}`,
});
for (const b of api.bundles) {
  rows.push({
    figure: `api: ${b.handler} bundle (minified, @aws-sdk external) and cold init`,
    goal: "report",
    measured: `${(b.minifiedBytes / 1024).toFixed(0)} KiB, init ${b.coldInitMs} ms (SDK alone ${b.sdkOnlyInitMs} ms)`,
    command: "npx tsx bench/api/run.ts",
  });
}

step("glue-local: GetWorkflowRun (IncludeGraph, 20 nodes) vs a bare HTTP server");
const glue = await runGlueLocalBench({ log });
for (const f of glue.getWorkflowRun) {
  rows.push({
    figure: `glue-local: GetWorkflowRun calls/s ÷ bare node:http (${f.client === "http" ? "plain HTTP client" : "@aws-sdk/client-glue"}, ${glue.responseBytes} B)`,
    goal: "≥ 0.5",
    measured: `${ratio(f.ratio)} (${f.glueLocalCallsPerSecond.toFixed(0)} vs ${f.bareCallsPerSecond.toFixed(0)}/s)`,
    met: f.ratio >= 0.5,
    command: "npx tsx bench/glue-local/run.ts",
  });
}

step(
  "ingest: events/s vs raw PutItem/s; Glue calls per state change and freshness vs a 30 s poller; freshness under throttling",
);
const ingest = await runIngestBench({ log });
const t = ingest.throughput;
const fr = ingest.freshness;
rows.push(
  {
    figure: `ingest: events/s through the handler ÷ raw PutItem/s (${t.runItemBytes} B items)`,
    goal: `≥ ${THROUGHPUT_GOAL}`,
    measured: `${ratio(t.ratio)} (${t.eventsPerSecond.toFixed(0)} vs ${t.rawPutsPerSecond.toFixed(0)}/s)`,
    met: t.ratio >= THROUGHPUT_GOAL,
    command: "npx tsx bench/ingest/run.ts",
  },
  ...floorRows(t).map((row) => ({ ...row, figure: `ingest: ${row.figure}`, command: "npx tsx bench/ingest/run.ts" })),
  ...ingest.requests.map((r) => ({ ...requestsRow(r), command: "npx tsx bench/ingest/run.ts" })),
  {
    figure: `ingest: Glue API calls per state change (${fr.runs} runs, ${fr.stateChanges} changes)`,
    goal: "≤ 1.2",
    measured: `${ratio(fr.events.callsPerChange)} (30 s poller: ${ratio(fr.poller.callsPerChange)})`,
    met: fr.events.callsPerChange <= 1.2,
    command: "npx tsx bench/ingest/run.ts",
  },
  {
    figure: "ingest: freshness p95, state change → stored (simulated seconds)",
    goal: "report",
    measured: `${fr.events.freshnessP95Seconds.toFixed(2)} s (30 s poller: ${fr.poller.freshnessP95Seconds.toFixed(1)} s)`,
    command: "npx tsx bench/ingest/run.ts",
  },
  {
    figure: `ingest: freshness p95 under ${ingest.throttled.throttled.throttleRate * 100} % Glue throttling ÷ unthrottled (per-message backoff)`,
    goal: "report",
    measured: `${ratio(ingest.throttled.p95Ratio)} (${ingest.throttled.throttled.events.freshnessP95Seconds.toFixed(2)} s)`,
    command: "npx tsx bench/ingest/run.ts",
  },
);

step("insights: GET /workflows/{name}/stats p99 vs bare Query/GetItem; statistics requests per transition");
const insights = await runInsightsBench({ runs: Math.min(runs, 100_000), log });
for (const r of insights.reads) {
  rows.push({
    figure: `insights: GET /workflows/{name}/stats (${r.windowDays} d) p99 ÷ bare Query p99 of the same day items (${r.storedRuns.toLocaleString("en")} runs stored)`,
    goal: "≤ 2",
    measured: `${ratio(r.ratioToQuery)} (${r.p99Ms} vs ${r.bareQueryP99Ms} ms; ÷ one GetItem: ${ratio(r.ratioToGetItem)})`,
    met: r.ratioToQuery <= 2,
    command: `npx tsx bench/insights/run.ts --runs ${Math.min(runs, 100_000)}`,
  });
}
rows.push({
  figure: "insights: DynamoDB requests statistics add per terminal transition (0 for other snapshots)",
  goal: "≤ 1, 0",
  measured: `${insights.writeCost.statsRequestsPerTerminalTransition}, ${insights.writeCost.statsRequestsForOtherSnapshots}`,
  met:
    insights.writeCost.statsRequestsPerTerminalTransition <= 1 &&
    insights.writeCost.statsRequestsForOtherSnapshots === 0,
  command: "npx tsx bench/insights/run.ts",
});

step("dashboard: JS size against its budget; time to a drawn 100-node graph and a 1,000-run list in Chromium");
const dashboard = await runDashboardBench({ log });
rows.push(
  {
    figure: "dashboard: app.js gzip (minified)",
    goal: `≤ ${(dashboard.budgetGzipBytes / 1024).toFixed(0)} KiB`,
    measured: `${(dashboard.jsGzipBytes / 1024).toFixed(1)} KiB (${(dashboard.jsBytes / 1024).toFixed(0)} KiB minified)`,
    met: dashboard.withinBudget,
    command: "npx tsx bench/dashboard/run.ts",
  },
  {
    figure: "dashboard: navigation → 100-node run graph drawn (headless Chromium, median)",
    goal: "report",
    measured: `${dashboard.graph100Ms} ms`,
    command: "npx tsx bench/dashboard/run.ts",
  },
  {
    figure: "dashboard: navigation → run list of a workflow with 1,000 runs (first page; all 1,000 paged through)",
    goal: "report",
    measured: `${dashboard.runListFirstPageMs} ms; ${dashboard.runListAllPagesMs} ms`,
    command: "npx tsx bench/dashboard/run.ts",
  },
);

const date = new Date().toISOString().slice(0, 10);
const result = {
  date,
  node: process.versions.node,
  runs,
  minutes: Number(((Date.now() - started) / 60_000).toFixed(1)),
  rows,
  raw: { store, glue, ingest, api, dashboard },
};
await mkdir("bench/results", { recursive: true });
await writeFile(`bench/results/${date}.json`, `${JSON.stringify(result, null, 2)}\n`);
await updateReadme(rows, date);

console.log(`\n${table(rows)}\n`);
console.log(`Done in ${elapsed()}: bench/results/${date}.json and the summary in bench/README.md.`);

function table(list: Row[]): string {
  const lines = ["| figure | goal | measured | met | command |", "|---|---|---|---|---|"];
  for (const r of list) {
    const met = r.met === undefined ? "—" : r.met ? "yes" : "**no**";
    lines.push(`| ${r.figure} | ${r.goal} | ${r.measured} | ${met} | \`${r.command}\` |`);
  }
  return lines.join("\n");
}

/** Replaces the summary between the markers (adds it at the top the first time). */
async function updateReadme(list: Row[], day: string): Promise<void> {
  const path = "bench/README.md";
  const start = "<!-- npm run bench: start -->";
  const end = "<!-- npm run bench: end -->";
  const text = await readFile(path, "utf8").catch(() => "# Benchmarks\n");
  const block = `${start}\n## Latest \`npm run bench\` (${day}, Node ${process.versions.node}, ${runs.toLocaleString("en")} runs stored)\n\n${table(list)}\n${end}`;
  const next = text.includes(start)
    ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
    : text.replace(/^(# .*\n)/, `$1\n${block}\n`);
  await writeFile(path, next);
}
