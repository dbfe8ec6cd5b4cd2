/**
 * The dashboard with two tracked accounts (docs/decisions/accounts-api.md): a workflow of the
 * same name in the home account and in the member "analytics" account is listed twice, each row
 * naming its account; the account filter keeps one; the member's run opens from its row (the
 * link and the API calls carry account and region) and names its account; the Failures view reads
 * every account's feed. axe stays clean.
 */
import { Ingest, ObservedVia, type RunStore } from "@glue-run-tracker/core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboardSite } from "../../packages/local/src/dashboard/index.ts";
import { type SeedRun, snapshotOf } from "../api/support/snapshots.ts";
import { FULL_TOKEN, HOME, MEMBER, startTwoAccounts, type TwoAccounts } from "../api/support/two-accounts.ts";
import { launchChromium } from "./support/chromium.ts";
import { screenshot, seriousAxeViolations } from "./support/views.ts";

process.env.POWERTOOLS_LOG_LEVEL ??= "CRITICAL";

const NAME = "nightly-etl";
const RUN_ID = "wr_same_0001";
const recent = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();

async function record(store: RunStore, seed: SeedRun): Promise<void> {
  const recorder = { store, publisher: Ingest.createMemoryPublisher() };
  await Ingest.recordSnapshot(recorder, snapshotOf({ ...seed, status: "RUNNING" }), ObservedVia.Event, seed.startedOn);
  await Ingest.recordSnapshot(recorder, snapshotOf(seed), ObservedVia.Event);
}

describe("the dashboard with two accounts", () => {
  let t: TwoAccounts;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // Prepare: the same workflow name and run id in both accounts, succeeded at home, failed in the member.
    const site = await startDashboardSite({ TRACKER_API_TOKEN: FULL_TOKEN });
    [t, browser] = await Promise.all([startTwoAccounts({ site: site.handler }), launchChromium()]);
    await record(t.store.home, { name: NAME, runId: RUN_ID, startedOn: recent(5) });
    await record(t.store.member, { name: NAME, runId: RUN_ID, startedOn: recent(3), failed: 1 });
    await record(t.store.member, { name: "analytics-only", runId: "wr_member", startedOn: recent(2) });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(20_000);
    await page.goto(`${t.api.url}/ui/`);
    await page.getByLabel("API token").fill(FULL_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("workflows-table").waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  const rows = () => page.getByTestId("workflow-row");

  it("lists both workflows of the same name, each with its account and region", async () => {
    // Act
    await rows().nth(2).waitFor();
    const listed = await rows().evaluateAll((trs) =>
      trs.map(
        (tr) =>
          `${tr.querySelector("a")?.textContent} @ ${tr.querySelector("[data-testid=workflow-account]")?.textContent}`,
      ),
    );

    // Assess
    expect(listed.sort()).toEqual(
      [
        `analytics-only @ ${MEMBER.alias} (${MEMBER.accountId}, ${MEMBER.region})`,
        `${NAME} @ ${HOME.accountId}, ${HOME.region}`,
        `${NAME} @ ${MEMBER.alias} (${MEMBER.accountId}, ${MEMBER.region})`,
      ].sort(),
    );
    await screenshot(page, "accounts-workflows");
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("keeps one account's workflows with the account filter", async () => {
    // Act
    await page.getByLabel("Account").selectOption({ label: `${MEMBER.alias} (${MEMBER.accountId}, ${MEMBER.region})` });

    // Assess
    await expect.poll(() => rows().count()).toBe(2);
    const accounts = await page.getByTestId("workflow-account").allTextContents();
    expect(new Set(accounts)).toEqual(new Set([`${MEMBER.alias} (${MEMBER.accountId}, ${MEMBER.region})`]));
    await screenshot(page, "accounts-filtered");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel("Account").selectOption({ label: "All accounts" });
    await expect.poll(() => rows().count()).toBe(3);
  });

  it("opens the member account's run from its row, naming the account", async () => {
    // Act: the member's row, its last run's link.
    const memberRow = rows().filter({ hasText: NAME }).filter({ hasText: MEMBER.accountId });
    await memberRow
      .getByRole("link", { name: /FAILED/ })
      .first()
      .click();

    // Assess
    await page.getByRole("heading", { level: 1, name: `Run ${RUN_ID}` }).waitFor();
    expect(page.url()).toContain(`account=${MEMBER.accountId}`);
    expect(page.url()).toContain(`region=${MEMBER.region}`);
    await expect.poll(() => page.getByTestId("account-note").textContent()).toContain(MEMBER.alias);
    expect(await page.getByText("FAILED").count()).toBeGreaterThan(0);
    expect(await page.getByText("SUCCEEDED", { exact: true }).count()).toBe(0);
    await screenshot(page, "accounts-member-run");
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A fresh load of the link (an alert's or a colleague's) opens the same run.
    await page.goto(page.url());
    await page.getByTestId("account-note").filter({ hasText: MEMBER.accountId }).waitFor();
  });

  it("lists the member account's failure in the Failures view, linked to its account", async () => {
    // Act
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Failures" }).click();
    const row = page.getByTestId("failure-row").filter({ hasText: MEMBER.accountId });
    await row.waitFor();

    // Assess
    expect(await page.getByTestId("failure-row").count()).toBe(1);
    expect(await row.getByTestId("run-account").textContent()).toBe(
      `${MEMBER.alias} (${MEMBER.accountId}, ${MEMBER.region})`,
    );
    expect(await row.getByRole("link", { name: RUN_ID }).getAttribute("href")).toContain(`account=${MEMBER.accountId}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
