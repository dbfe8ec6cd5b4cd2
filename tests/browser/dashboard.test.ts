/**
 * The dashboard in a real browser against a real local tracker (token required): sign in, the
 * workflows, a workflow's runs and their filters, a failed run (graph, error, Gantt), resume and
 * lineage, stop, the failures feed; axe-core and keyboard checks and a screenshot on every view.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoWorkflows } from "../../packages/local/src/demo/workflows.ts";
import { launchChromium } from "./support/chromium.ts";
import { type BrowserStack, eventually, HOSTILE_MARKUP, startBrowserStack, TOKEN, Workflows } from "./support/stack.ts";
import { controlsTabNeverReaches, screenshot, seriousAxeViolations } from "./support/views.ts";

const etl = demoWorkflows.find((wf) => wf.name === "sales-daily-etl");

describe("the dashboard in a browser", () => {
  let stack: BrowserStack;
  let browser: Browser;
  let page: Page;
  let failedRunId: string;
  let resumedRunId: string;
  /** What the browser reported refusing under the page's Content-Security-Policy. */
  const cspViolations: string[] = [];
  const ui = (path = "") => `${stack.tracker.urls.dashboard}${path}`;

  /** Each view: no serious/critical axe violation, every control reachable by Tab, a screenshot. */
  async function checkView(view: string, extraControls = ""): Promise<void> {
    await screenshot(page, view);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await controlsTabNeverReaches(page, extraControls)).toEqual([]);
  }

  beforeAll(async () => {
    // Prepare: a successful multi-node run, a failed run, and the browser (one for the file).
    if (!etl) throw new Error("demo workflow missing");
    [stack, browser] = await Promise.all([startBrowserStack({ TRACKER_API_TOKEN: TOKEN }), launchChromium()]);
    for (const wf of [etl, Workflows.flaky, Workflows.long]) await stack.defineWorkflow(wf);
    await stack.runUntil(etl.name, "SUCCEEDED");
    failedRunId = await stack.runUntil(Workflows.flaky.name, "FAILED");
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on("dialog", (dialog) => void dialog.dismiss());
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("sends a browser from / to /ui/, refuses a wrong token clearly, then signs in with the right one", async () => {
    // Act
    await page.goto(`${stack.tracker.urls.api}/`);
    await page.getByLabel("API token").waitFor();
    await checkView("sign-in");
    await page.getByLabel("API token").fill("not-the-token");
    await page.getByRole("button", { name: "Sign in" }).click();

    // Assess
    expect(new URL(page.url()).pathname).toBe("/ui/");
    await page.getByRole("alert").filter({ hasText: "The API token was not accepted" }).waitFor();
    await screenshot(page, "sign-in-wrong-token");
    await page.getByLabel("API token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("workflows-table").waitFor();
    expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(TOKEN);
    expect(await page.evaluate(() => Object.values(localStorage))).not.toContain(TOKEN);
  });

  it("lists every workflow on the home page, with recent runs and a search box", async () => {
    // Act
    const rows = page.getByTestId("workflow-row");
    await rows.filter({ hasText: Workflows.flaky.name }).waitFor();

    // Assess
    expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    const names = await rows.getByRole("link").allTextContents();
    for (const wf of [etl?.name, Workflows.flaky.name]) expect(names.join(" ")).toContain(wf);
    const strip = rows.filter({ hasText: Workflows.flaky.name }).getByTestId("run-strip").getByRole("link");
    expect(await strip.first().getAttribute("aria-label")).toContain(failedRunId);
    // The 30-day figures come from GET /workflows/{name}/stats: the failed run ended, so it has a duration.
    const flakyRow = rows.filter({ hasText: Workflows.flaky.name });
    expect(await flakyRow.getByTestId("workflow-durations").textContent()).toMatch(/\d/);
    await checkView("workflows");
    await page.getByLabel("Search workflows").fill("flaky");
    await eventually("the search to filter rows", async () => ((await rows.count()) === 1 ? true : undefined));
    expect(await rows.first().textContent()).toContain(Workflows.flaky.name);
    await page.getByLabel("Search workflows").fill("");
  });

  it("opens a workflow, then its failed run: graph, the failed node's error as text, Gantt bars", async () => {
    // Act
    await page.getByTestId("workflow-row").getByRole("link", { name: Workflows.flaky.name, exact: true }).click();
    await page.getByTestId("run-row").first().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/ui/workflows/${Workflows.flaky.name}`);
    await checkView("runs");
    await page.getByTestId("run-row").getByRole("link", { name: failedRunId }).click();
    await page.getByTestId("run-graph").waitFor();

    // Assess
    expect(new URL(page.url()).pathname).toBe(`/ui/workflows/${Workflows.flaky.name}/runs/${failedRunId}`);
    const job = page.locator(`[data-testid="graph-node"][data-node-name="browser-flaky-job"]`);
    expect(await job.getAttribute("data-node-type")).toBe("JOB");
    expect(await job.getAttribute("data-state")).toBe("FAILED");
    expect(await page.locator(`[data-testid="graph-node"][data-node-type="TRIGGER"]`).count()).toBe(1);
    const failed = page.getByTestId("failed-nodes");
    expect(await failed.textContent()).toContain("browser-flaky-job");
    // The markup is shown as the characters it is made of, and nothing it holds ran.
    expect(await failed.textContent()).toContain(`AnalysisException: ${HOSTILE_MARKUP} path does not exist`);
    const bar = page.locator(`[data-testid="gantt-bar"][data-node-name="browser-flaky-job"]`);
    expect(await bar.getAttribute("data-state")).toBe("FAILED");
    await page.getByTestId("snapshot-timeline").waitFor();
    await job.click();
    expect(await page.getByTestId("node-details").textContent()).toContain("browser-flaky-job");
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => "__injected" in window)).toBe(false);
    await checkView("run-failed", '[data-testid="graph-node"]');
  });

  it("shows run properties only when asked, as text", async () => {
    // Act
    await page.getByRole("button", { name: "Show run properties" }).click();
    await page.getByText(HOSTILE_MARKUP, { exact: false }).first().waitFor();

    // Assess
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => "__injected" in window)).toBe(false);
    await screenshot(page, "run-properties");
  });

  it("resumes the failed node from the page and links the new run from the old one", async () => {
    // Act
    await page.getByRole("button", { name: "Resume run" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.getByRole("checkbox", { name: /browser-flaky-job/ }).isChecked()).toBe(true);
    await checkView("resume-dialog");
    await dialog.getByRole("button", { name: "Confirm" }).click();

    // Assess
    resumedRunId = await eventually("the old run to list its resume", async () => {
      const { body } = await stack.api(`/workflows/${Workflows.flaky.name}/runs/${failedRunId}`, { token: TOKEN });
      return body.Run?.ResumedAs?.[0] as string | undefined;
    });
    const forward = page.getByTestId("lineage").getByRole("link", { name: new RegExp(resumedRunId) });
    await forward.waitFor();
    await forward.click();
    // (with accounts configured, as npm start has, the link also names the run's account and region)
    await page.waitForURL((url) => url.pathname.endsWith(`/ui/workflows/${Workflows.flaky.name}/runs/${resumedRunId}`));
    await page
      .getByTestId("lineage")
      .getByRole("link", { name: new RegExp(failedRunId) })
      .waitFor();
    await eventually("the resumed run to succeed", async () => {
      const { body } = await stack.api(`/workflows/${Workflows.flaky.name}/runs/${resumedRunId}`, { token: TOKEN });
      return body.Run?.Outcome === "SUCCEEDED" ? true : undefined;
    });
    await page
      .locator(`[data-testid="graph-node"][data-node-name="browser-flaky-job"][data-state="SUCCEEDED"]`)
      .waitFor();
    await checkView("run-resumed", '[data-testid="graph-node"]');
  });

  it("filters a workflow's runs by outcome, kept in the URL", async () => {
    // Act
    await page.goto(ui(`workflows/${Workflows.flaky.name}`));
    await page.getByTestId("run-row").nth(1).waitFor();
    await page.getByLabel("Outcome").selectOption("FAILED");

    // Assess
    await page.waitForURL((url) => url.searchParams.get("outcome") === "FAILED");
    await eventually("only the failed run listed", async () => {
      const rows = await page.getByTestId("run-row").allTextContents();
      return rows.length === 1 && rows[0]?.includes(failedRunId) ? true : undefined;
    });
    await checkView("runs-filtered");
    await page.reload();
    await page.getByTestId("run-row").first().waitFor();
    expect(await page.getByLabel("Outcome").inputValue()).toBe("FAILED");
    expect(await page.getByTestId("run-row").allTextContents()).toEqual([expect.stringContaining(failedRunId)]);
    expect(await page.getByTestId("run-row").first().textContent()).toMatch(/resumed as/i);
  });

  it("stops a running run from the page and follows it to STOPPED without a reload", async () => {
    // Prepare
    const started = await stack.api(`/workflows/${Workflows.long.name}/runs`, {
      method: "POST",
      body: "{}",
      token: TOKEN,
    });
    const runId: string = started.body.RunId;
    await page.goto(ui(`workflows/${Workflows.long.name}/runs/${runId}`));
    await page.getByTestId("run-graph").waitFor();
    await checkView("run-running", '[data-testid="graph-node"]');
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });

    // Act
    await page.getByRole("button", { name: "Stop run" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();

    // Assess
    await eventually("the run to stop", async () => {
      const { body } = await stack.api(`/workflows/${Workflows.long.name}/runs/${runId}`, { token: TOKEN });
      return body.Run?.Status === "STOPPED" ? true : undefined;
    });
    await page.getByRole("button", { name: "Stop run" }).waitFor({ state: "detached", timeout: 30_000 });
    await page.getByText("STOPPED", { exact: true }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await screenshot(page, "run-stopped");
  });

  it("lists failures newest first in the failures feed", async () => {
    // Act
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Failures" }).click();
    await page.getByTestId("failure-row").first().waitFor();

    // Assess
    expect(new URL(page.url()).pathname).toBe("/ui/failures");
    const rows = await page.getByTestId("failure-row").allTextContents();
    expect(rows.some((row) => row.includes(failedRunId))).toBe(true);
    // Each row's first time carries its UTC ISO form in a title: newest first.
    const started = await page
      .getByTestId("failure-row")
      .evaluateAll((els) =>
        els.map((el) =>
          [...el.querySelectorAll("[title]")]
            .map((t) => t.getAttribute("title") ?? "")
            .find((t) => /^\d{4}-\d\d-\d\dT/.test(t)),
        ),
      );
    expect(started.every(Boolean)).toBe(true);
    expect(started).toEqual([...started].sort().reverse());
    await checkView("failures");
  });

  it("ran every view under the strict Content-Security-Policy without a violation", () => {
    expect(cspViolations).toEqual([]);
  });
});
