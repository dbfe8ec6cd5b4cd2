import type { DashboardBuild } from "@glue-run-tracker/dashboard";
import { afterEach, describe, expect, it } from "vitest";
import { type ApiGateway, startApiGateway } from "../../src/api-gateway/index.ts";
import { dashboardConfig } from "../../src/dashboard/config.ts";
import { createDashboardSite, DASHBOARD_CSP } from "../../src/dashboard/site.ts";
import { silentLogger } from "../../src/logger.ts";

const text = (s: string) => new TextEncoder().encode(s);

/** A build shaped like buildDashboard()'s: what is served does not depend on the page's content. */
const build: DashboardBuild = {
  files: {
    "index.html": {
      contentType: "text/html; charset=utf-8",
      body: text(
        '<!doctype html><base href="/ui/"><link rel="stylesheet" href="app.css"><script type="module" src="app.js"></script>',
      ),
    },
    "app.js": { contentType: "text/javascript; charset=utf-8", body: text("console.log('page')") },
    "app.css": { contentType: "text/css; charset=utf-8", body: text("body{margin:0}") },
  },
};

const started: ApiGateway[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((api) => api.close()));
});

/** The API behind the site answers every route with the route it matched. */
async function serve(env: Record<string, string> = {}): Promise<string> {
  const api = await startApiGateway({
    logger: silentLogger,
    handler: (event) => ({
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ api: event.rawPath }),
    }),
    site: createDashboardSite(build, dashboardConfig(env)),
  });
  started.push(api);
  return api.url;
}

describe("the dashboard under /ui/", () => {
  it("serves index.html with a strict Content-Security-Policy and no caching", async () => {
    // Prepare
    const url = await serve();
    // Act
    const response = await fetch(`${url}/ui/`);
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toContain('<base href="/ui/">');
  });

  it("links the assets with their content hash and lets browsers keep them under that URL", async () => {
    // Prepare
    const url = await serve();
    const html = await (await fetch(`${url}/ui/`)).text();
    const script = /src="(app\.js\?v=[^"]+)"/.exec(html)?.[1];
    const style = /href="(app\.css\?v=[^"]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    // Act
    const versioned = await fetch(`${url}/ui/${script}`);
    const unversioned = await fetch(`${url}/ui/app.js`);
    const staleVersion = await fetch(`${url}/ui/app.js?v=old`);
    // Assess
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(versioned.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(versioned.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await versioned.text()).toBe("console.log('page')");
    expect(unversioned.headers.get("cache-control")).toBe("no-cache");
    expect(staleVersion.headers.get("cache-control")).toBe("no-cache");
    expect((await fetch(`${url}/ui/${style}`)).headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("answers 304 to a revalidation with the same ETag", async () => {
    // Prepare
    const url = await serve();
    const first = await fetch(`${url}/ui/app.js`);
    const etag = first.headers.get("etag") ?? "";
    // Act
    const again = await fetch(`${url}/ui/app.js`, { headers: { "if-none-match": etag } });
    // Assess
    expect(etag).toMatch(/^".+"$/);
    expect(again.status).toBe(304);
  });

  it.each([
    "/ui/workflows/sales-daily-etl",
    "/ui/workflows/sales.daily/runs/wr_0123",
    "/ui/failures",
    "/ui/callback?code=abc",
  ])("answers the page's own route %s with index.html (SPA fallback)", async (path) => {
    // Prepare
    const url = await serve();
    // Act
    const response = await fetch(`${url}${path}`);
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe(DASHBOARD_CSP);
    expect(await response.text()).toContain('<base href="/ui/">');
  });

  it("answers a missing asset 404, not with the page", async () => {
    // Prepare
    const url = await serve();
    // Act
    const response = await fetch(`${url}/ui/app.12345.js`);
    // Assess
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("text/plain");
  });

  it("refuses methods other than GET and HEAD", async () => {
    // Prepare
    const url = await serve();
    // Act
    const post = await fetch(`${url}/ui/`, { method: "POST", body: "x" });
    const head = await fetch(`${url}/ui/app.js`, { method: "HEAD" });
    // Assess
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String("console.log('page')".length));
    expect(await head.text()).toBe("");
  });

  it("sends /ui to /ui/, keeping the query", async () => {
    // Prepare
    const url = await serve();
    // Act
    const response = await fetch(`${url}/ui?x=1`, { redirect: "manual" });
    // Assess
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/ui/?x=1");
  });
});

describe("config.json", () => {
  it("tells the page the API is on its origin and needs no sign-in without TRACKER_API_TOKEN", async () => {
    // Prepare
    const url = await serve();
    // Act
    const response = await fetch(`${url}/ui/config.json`);
    // Assess
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.json()).toEqual({ apiBaseUrl: "", auth: { kind: "none" } });
  });

  it("asks for a token when TRACKER_API_TOKEN is set, without revealing it", async () => {
    // Prepare
    const url = await serve({ TRACKER_API_TOKEN: "s3cret-token" });
    // Act
    const body = await (await fetch(`${url}/ui/config.json`)).text();
    // Assess
    expect(JSON.parse(body)).toEqual({ apiBaseUrl: "", auth: { kind: "token" } });
    expect(body).not.toContain("s3cret-token");
  });
});

describe("the API's own paths", () => {
  it("redirects a browser's GET / to /ui/", async () => {
    // Prepare
    const url = await serve();
    // Act
    const response = await fetch(`${url}/`, {
      headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" },
      redirect: "manual",
    });
    // Assess
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/ui/");
  });

  it.each([
    ["GET /", "/", { accept: "application/json" }],
    ["GET / without Accept", "/", {}],
    ["GET /workflows", "/workflows", { accept: "text/html" }],
    ["GET /uix", "/uix", {}],
  ])("leaves %s to the API", async (_name, path, headers) => {
    // Prepare
    const url = await serve();
    // Act
    const response = await fetch(`${url}${path}`, { headers, redirect: "manual" });
    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ api: path });
  });
});

describe("a build without index.html", () => {
  it("is refused at start-up", () => {
    expect(() => createDashboardSite({ files: {} }, dashboardConfig({}))).toThrow(/index\.html/);
  });
});
