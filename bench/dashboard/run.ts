/**
 * The dashboard's figures: its JS size (minified and gzip, against a budget) and, in headless
 * Chromium against a real local tracker, the time from navigation to a drawn 100-node run graph
 * and to a workflow's run list with 1,000 runs stored (first page, and all 1,000 paged through).
 *
 *   npx tsx bench/dashboard/run.ts [--rounds 5] [--json]
 */

import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { GlueClient } from "@aws-sdk/client-glue";
import { buildDashboard } from "@glue-run-tracker/dashboard";
import type { Page } from "playwright-core";
import { createDemoWorkflow } from "../../packages/local/src/demo/create.ts";
import { startLocalTracker } from "../../packages/local/src/runtime.ts";
import { launchChromium } from "../../tests/browser/support/chromium.ts";
import { GRAPH_WORKFLOW, hundredNodeWorkflow, LIST_WORKFLOW, storeRuns } from "./workload.ts";

/** The page's JS, gzip: what a first visit downloads. The same budget packages/dashboard/test/build.test.ts enforces; kept, not raised. */
export const JS_GZIP_BUDGET_BYTES = 60 * 1024;
const STORED_RUNS = 1_000;

export interface DashboardFigures {
  jsBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  budgetGzipBytes: number;
  withinBudget: boolean;
  /** Medians over the rounds, ms from page.goto to the state described. */
  graph100Ms: number;
  runListFirstPageMs: number;
  runListAllPagesMs: number;
  rounds: number;
}

export async function runDashboardBench(
  options: { rounds?: number; log?: (line: string) => void } = {},
): Promise<DashboardFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rounds = options.rounds ?? 5;

  const { files } = await buildDashboard({ minify: true });
  const js = files["app.js"]?.body ?? new Uint8Array();
  const css = files["app.css"]?.body ?? new Uint8Array();
  const jsGzipBytes = gzipSync(js, { level: 9 }).length;
  log(`  app.js ${kib(js.length)} minified, ${kib(jsGzipBytes)} gzip (budget ${kib(JS_GZIP_BUDGET_BYTES)})`);

  process.env.POWERTOOLS_LOG_LEVEL ??= "ERROR";
  const tracker = await startLocalTracker({
    demo: false,
    env: {},
    log: () => undefined,
    ports: { api: 0, glue: 0, dynamodb: 0, events: 0, glueMember: 0, sts: 0 },
    timeScale: 20,
    queueTimeScale: 0.01,
    reconcileIntervalMs: 0,
    alertsFile: "/dev/null",
  });
  const glue = new GlueClient({
    region: "us-east-1",
    endpoint: tracker.urls.glue,
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  const browser = await launchChromium();
  try {
    log(`  a 100-node workflow in glue-local, one run to completion; ${STORED_RUNS} runs of ${LIST_WORKFLOW} stored…`);
    await createDemoWorkflow(glue, hundredNodeWorkflow());
    const runId = await runToCompletion(tracker.urls.api, GRAPH_WORKFLOW);
    await storeRuns(tracker.env, STORED_RUNS);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60_000);
    const graphUrl = `${tracker.urls.dashboard}workflows/${GRAPH_WORKFLOW}/runs/${runId}`;
    const listUrl = `${tracker.urls.dashboard}workflows/${LIST_WORKFLOW}`;
    const graph: number[] = [];
    const firstPage: number[] = [];
    const allPages: number[] = [];
    for (let round = 0; round < rounds; round++) {
      graph.push(await timeTo(page, graphUrl, () => countIs(page, '[data-testid="graph-node"]', 100)));
      firstPage.push(await timeTo(page, listUrl, () => countIs(page, '[data-testid="run-row"]', null)));
      allPages.push(await timeTo(page, listUrl, () => pageThroughAll(page)));
    }
    const figures: DashboardFigures = {
      jsBytes: js.length,
      jsGzipBytes,
      cssGzipBytes: gzipSync(css, { level: 9 }).length,
      budgetGzipBytes: JS_GZIP_BUDGET_BYTES,
      withinBudget: jsGzipBytes <= JS_GZIP_BUDGET_BYTES,
      graph100Ms: median(graph),
      runListFirstPageMs: median(firstPage),
      runListAllPagesMs: median(allPages),
      rounds,
    };
    log(`  100-node graph drawn ${figures.graph100Ms} ms after navigation (median of ${rounds})`);
    log(
      `  run list, ${STORED_RUNS} runs stored: first page ${figures.runListFirstPageMs} ms, all ${STORED_RUNS} paged through ${figures.runListAllPagesMs} ms`,
    );
    return figures;
  } finally {
    await browser.close();
    glue.destroy();
    await tracker.stop();
  }
}

async function runToCompletion(api: string, workflow: string): Promise<string> {
  const started = await fetch(`${api}/workflows/${workflow}/runs`, { method: "POST", body: "{}" });
  const { RunId } = (await started.json()) as { RunId: string };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${api}/workflows/${workflow}/runs/${RunId}?includeGraph=true`);
    const { Run } = (await response.json()) as { Run?: { Status: string; Graph?: { Nodes?: unknown[] } } };
    if (Run?.Status === "COMPLETED" && Run.Graph?.Nodes?.length === 100) return RunId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${workflow} did not complete with 100 nodes within 2 minutes`);
}

/** ms from the start of navigation until `ready` resolves (a fresh document each time). */
async function timeTo(page: Page, url: string, ready: () => Promise<unknown>): Promise<number> {
  await page.goto("about:blank");
  const started = performance.now();
  await page.goto(url);
  await ready();
  return Math.round(performance.now() - started);
}

/** Waits until `selector` matches `count` elements (or at least one when count is null). */
async function countIs(page: Page, selector: string, count: number | null): Promise<void> {
  await page.waitForFunction(
    ([s, n]) => {
      const found = document.querySelectorAll(s as string).length;
      return n === null ? found > 0 : found === n;
    },
    [selector, count] as const,
    { polling: "raf" },
  );
}

/** Clicks "Next page" until there is none, counting the runs linked: all stored runs, once. */
async function pageThroughAll(page: Page): Promise<void> {
  const seen = new Set<string>();
  await countIs(page, '[data-testid="run-row"]', null);
  for (;;) {
    const rows = await page.getByTestId("run-row").allTextContents();
    const links = await page.$$eval('[data-testid="run-row"] a[href*="/runs/"]', (as) =>
      as.map((a) => a.getAttribute("href")),
    );
    for (const link of links) seen.add(link ?? "");
    const next = page.getByRole("button", { name: "Next page" });
    if (!(await next.isVisible()) || (await next.isDisabled())) break;
    await next.click();
    // The next page is drawn: new rows, or none (the API may hand a token for an empty last page).
    await page.waitForFunction(
      (before) => {
        const found = document.querySelectorAll('[data-testid="run-row"]');
        if (found.length > 0) return found[0]?.textContent !== before;
        return document.body.textContent?.includes("No run matches these filters.") ?? false;
      },
      rows[0],
      { polling: "raf" },
    );
  }
  if (seen.size !== STORED_RUNS) throw new Error(`Paged through ${seen.size} runs, expected ${STORED_RUNS}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: { rounds: { type: "string", default: "5" }, json: { type: "boolean", default: false } },
  });
  const figures = await runDashboardBench({ rounds: Number(values.rounds) });
  if (values.json) console.log(JSON.stringify(figures, null, 2));
}
