/**
 * Takes docs/images/run-view.png (the README's picture of the run view) from the real local
 * tracker with the demo's workflows: `npx tsx scripts/screenshot-run-view.ts`.
 */
import { mkdir } from "node:fs/promises";
import { startLocalTracker } from "../packages/local/src/runtime.ts";
import { launchChromium } from "../tests/browser/support/chromium.ts";

const WORKFLOW = "sales-daily-etl";
process.env.POWERTOOLS_LOG_LEVEL ??= "ERROR";

const tracker = await startLocalTracker({
  demo: true,
  env: {},
  log: () => undefined,
  ports: { api: 0, glue: 0, dynamodb: 0, events: 0 },
  reconcileIntervalMs: 0,
  alertsFile: "/dev/null",
});
const browser = await launchChromium();
try {
  const runId = await completedRun(tracker.urls.api);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(`${tracker.urls.dashboard}workflows/${WORKFLOW}/runs/${runId}`);
  await page.getByTestId("gantt-bar").first().waitFor();
  await page.locator('[data-testid="graph-node"][data-node-name="clean-sales"]').click();
  await page.getByTestId("node-details").waitFor();
  await mkdir("docs/images", { recursive: true });
  await page.screenshot({ path: "docs/images/run-view.png", fullPage: true });
  console.log(`docs/images/run-view.png: ${WORKFLOW} run ${runId}`);
} finally {
  await browser.close();
  await tracker.stop();
}

async function completedRun(api: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const response = await fetch(`${api}/workflows/${WORKFLOW}/runs?maxResults=5`);
    const { Runs = [] } = (await response.json()) as { Runs?: { WorkflowRunId: string; Status: string }[] };
    const done = Runs.find((run) => run.Status === "COMPLETED");
    if (done) return done.WorkflowRunId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No completed ${WORKFLOW} run within a minute`);
}
