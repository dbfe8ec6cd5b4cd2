/**
 * The dashboard's static site on the local API server, under /ui/ (docs/decisions/dashboard-local-serving.md):
 * the files of one in-memory build, index.html for any other /ui/ path (the page routes itself),
 * config.json from the runtime's settings, and a browser's `GET /` sent to /ui/. Nothing here holds
 * data, so no bearer token is asked; every API call the page makes still needs one.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DashboardBuild, DashboardConfig } from "@glue-run-tracker/dashboard";

/** Answers the request when it is the site's (true), or leaves it to the API (false). */
export type SiteHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

export const DASHBOARD_PATH = "/ui/";

/** No inline script or style, no third-party origin, no framing: the page only talks to its own origin. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const COMMON_HEADERS = { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };
const PAGE_HEADERS = { ...COMMON_HEADERS, "content-security-policy": DASHBOARD_CSP, "x-frame-options": "DENY" };
/** An asset asked for with its content hash (`app.js?v=<hash>`) never changes under that URL. */
const IMMUTABLE = "public, max-age=31536000, immutable";

interface SiteFile {
  contentType: string;
  body: Buffer;
  etag: string;
  hash: string;
}

/**
 * @example
 * const site = createDashboardSite(await buildDashboard(), { apiBaseUrl: "", auth: { kind: "none" } });
 * await startApiGateway({ handler, site });
 */
export function createDashboardSite(build: DashboardBuild, config: DashboardConfig): SiteHandler {
  const files = new Map<string, SiteFile>();
  for (const [path, file] of Object.entries(build.files)) files.set(path, siteFile(file.contentType, file.body));
  const index = files.get("index.html");
  if (!index) throw new Error("The dashboard build has no index.html");
  // index.html names its assets with their hash, so browsers may keep them for good.
  files.set(
    "index.html",
    siteFile(index.contentType, Buffer.from(versionAssetLinks(index.body.toString("utf8"), files))),
  );
  files.set("config.json", siteFile("application/json", Buffer.from(JSON.stringify(config))));

  return (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const method = request.method ?? "GET";
    if (url.pathname === "/" && method === "GET" && acceptsHtml(request)) {
      redirect(response, DASHBOARD_PATH);
      return true;
    }
    if (url.pathname === "/ui") {
      redirect(response, `${DASHBOARD_PATH}${url.search}`);
      return true;
    }
    if (!url.pathname.startsWith(DASHBOARD_PATH)) return false;
    request.resume();
    if (method !== "GET" && method !== "HEAD") {
      send(
        response,
        405,
        { ...COMMON_HEADERS, allow: "GET, HEAD", "content-type": "text/plain" },
        "Method Not Allowed",
      );
      return true;
    }
    const path = url.pathname.slice(DASHBOARD_PATH.length);
    const asset = path !== "index.html" && path !== "config.json" ? files.get(path) : undefined;
    if (asset) {
      const versioned = url.searchParams.get("v") === asset.hash;
      serveFile(request, response, asset, { ...COMMON_HEADERS, "cache-control": versioned ? IMMUTABLE : "no-cache" });
    } else if (path === "config.json") {
      serveFile(request, response, files.get("config.json") as SiteFile, {
        ...COMMON_HEADERS,
        "cache-control": "no-cache",
      });
    } else if (looksLikeFile(path)) {
      // A missing asset (e.g. a stale app.js name) must not come back as HTML with a 200.
      send(response, 404, { ...COMMON_HEADERS, "content-type": "text/plain" }, "Not Found");
    } else {
      serveFile(request, response, files.get("index.html") as SiteFile, {
        ...PAGE_HEADERS,
        "cache-control": "no-cache",
      });
    }
    return true;
  };
}

function siteFile(contentType: string, body: Uint8Array): SiteFile {
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 16);
  return { contentType, body: Buffer.from(body), etag: `"${hash}"`, hash };
}

/** `src="app.js"` → `src="app.js?v=<hash>"` for every file of the build index.html links to. */
function versionAssetLinks(html: string, files: Map<string, SiteFile>): string {
  return html.replace(/(\s(?:src|href)=")([^"?#]+)"/g, (whole, attribute: string, target: string) => {
    const file = files.get(target.replace(/^\.?\//, ""));
    return file && target !== "index.html" ? `${attribute}${target}?v=${file.hash}"` : whole;
  });
}

function serveFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: SiteFile,
  headers: Record<string, string>,
): void {
  const all = { ...headers, etag: file.etag, "content-type": file.contentType };
  if (request.headers["if-none-match"] === file.etag) {
    send(response, 304, all, undefined);
    return;
  }
  send(response, 200, all, request.method === "HEAD" ? undefined : file.body, file.body.length);
}

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer | string | undefined,
  length = body === undefined ? 0 : Buffer.byteLength(body),
): void {
  response.writeHead(status, { ...headers, ...(status === 304 ? {} : { "content-length": length }) });
  response.end(body);
}

function redirect(response: ServerResponse, location: string): void {
  send(response, 302, { ...COMMON_HEADERS, location, "cache-control": "no-cache" }, undefined);
}

/** A browser navigating asks for HTML first; curl and SDKs do not. */
function acceptsHtml(request: IncomingMessage): boolean {
  return (request.headers.accept ?? "").includes("text/html");
}

/** The page's own routes have no extension (/ui/workflows/x/runs/y); files do. */
function looksLikeFile(path: string): boolean {
  const last = path.split("/").pop() ?? "";
  return /\.[a-z0-9]{1,8}$/i.test(last) && !path.startsWith("workflows/");
}
