/**
 * `npm start`'s promise, in a browser: the demo's three workflows on the dashboard within seconds.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoWorkflows } from "../../packages/local/src/demo/workflows.ts";
import { type LocalTracker, startLocalTracker } from "../../packages/local/src/runtime.ts";
import { launchChromium } from "./support/chromium.ts";
import { screenshot } from "./support/views.ts";

process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

/** Clicks the view's Refresh button until `shown` appears (each time waiting up to 2 s for it; 40 s in all). */
async function refreshUntilShown(page: Page, shown: Locator): Promise<void> {
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    try {
      await shown.first().waitFor({ timeout: 2_000 });
      return;
    } catch {
      await page.getByRole("button", { name: "Refresh" }).click();
    }
  }
  await shown.first().waitFor({ timeout: 1_000 });
}

describe("the demo on the dashboard", () => {
  let tracker: LocalTracker;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "grt-browser-demo-"));
    [tracker, browser] = await Promise.all([
      startLocalTracker({
        demo: true,
        env: { AUTO_RESUME_BACKOFF_SECONDS: "2" },
        log: () => undefined,
        ports: { api: 0, glue: 0, dynamodb: 0, events: 0, glueMember: 0, sts: 0 },
        timeScale: 20,
        queueTimeScale: 0.01,
        reconcileIntervalMs: 0,
        alertsFile: join(dir, "alerts.jsonl"),
      }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(20_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await tracker?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("lists the demo's three workflows at /ui/ (refreshing until the first events are ingested)", async () => {
    // Act
    await page.goto(tracker.urls.dashboard);
    const rows = page.getByTestId("workflow-row");
    for (const wf of demoWorkflows) await refreshUntilShown(page, rows.filter({ hasText: wf.name }));

    // Assess
    const names = await rows.getByRole("link").allTextContents();
    for (const wf of demoWorkflows) expect(names.join(" ")).toContain(wf.name);
    await screenshot(page, "demo-workflows");
  });
});
