/**
 * The dashboard when the tracker API fails: the real read function with its DynamoDB gone (it
 * answers 5xx), and an API server that stops while the page is open. Each shows a clear message.
 */
import { Api, readDepsFromEnv } from "@glue-run-tracker/functions";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiGateway, startApiGateway } from "../../packages/local/src/api-gateway/index.ts";
import { startDashboardSite } from "../../packages/local/src/dashboard/index.ts";
import { startDynalite } from "../../packages/local/src/dynalite.ts";
import { silentLogger } from "../../packages/local/src/logger.ts";
import { launchChromium } from "./support/chromium.ts";
import { screenshot, seriousAxeViolations } from "./support/views.ts";

process.env.POWERTOOLS_LOG_LEVEL ??= "CRITICAL";

describe("the dashboard when the API fails", () => {
  let browser: Browser;
  let page: Page;
  let dynamoEndpoint: string;
  const gateways: ApiGateway[] = [];

  /** The local API server as the runtime wires it, its read function pointed at a DynamoDB that is gone. */
  async function apiWithoutItsTable(): Promise<ApiGateway> {
    const env = {
      AWS_REGION: "us-east-1",
      TRACKER_TABLE_NAME: "glue-run-tracker",
      PAGINATION_SECRET: "a".repeat(64),
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      AWS_MAX_ATTEMPTS: "1",
    };
    const read = Api.createReadHandler(readDepsFromEnv(env));
    const site = await startDashboardSite(env);
    const api = await startApiGateway({ handler: read, site: site.handler, logger: silentLogger });
    gateways.push(api);
    return api;
  }

  beforeAll(async () => {
    // Prepare: a DynamoDB port that nothing listens on any more.
    const dynamo = await startDynalite({ port: 0 });
    dynamoEndpoint = dynamo.endpoint;
    await dynamo.stop();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(20_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(gateways.map((api) => api.close()));
  });

  it("says what the API answered when it fails with a server error, not a blank page", async () => {
    // Prepare
    const api = await apiWithoutItsTable();

    // Act
    await page.goto(`${api.url}/ui/`);
    const alert = page.getByRole("alert");
    await alert.waitFor();

    // Assess
    expect(await alert.textContent()).toMatch(/The tracker API answered 5\d\d/);
    expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    await screenshot(page, "api-error");
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("says it cannot reach the API when the server goes away under an open page", async () => {
    // Prepare
    const api = await apiWithoutItsTable();
    await page.goto(`${api.url}/ui/`);
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    await api.close();

    // Act: the page routes itself, so this click fetches from the API without loading a document.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Failures" }).click();

    // Assess
    await page.getByRole("alert").filter({ hasText: "Could not reach the tracker API" }).waitFor();
    await screenshot(page, "api-down");
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
