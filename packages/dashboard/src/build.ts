/**
 * Builds the page with esbuild: one external app.js and app.css plus index.html, so a
 * strict CSP (no inline script, no eval) holds. Fast enough (~100–300 ms) for the local
 * runtime to build at start-up; `npm run build:dashboard` writes the same files to dist/.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export interface DashboardFile {
  contentType: string;
  body: Uint8Array;
}

export interface DashboardBuild {
  /** Paths relative to the site root (/ui/), without a leading slash. */
  files: Record<string, DashboardFile>;
}

export interface BuildOptions {
  /** Default true. */
  minify?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(here, "page", "main.tsx");

/** The page's HTML: relative assets under <base href="/ui/">, no inline script or style. */
export const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="/ui/">
<title>Glue Run Tracker</title>
<link rel="stylesheet" href="app.css">
<script type="module" src="app.js"></script>
</head>
<body>
<div id="app"></div>
<noscript>The Glue Run Tracker dashboard needs JavaScript.</noscript>
</body>
</html>
`;

/**
 * @example
 * const { files } = await buildDashboard();
 * files["app.js"].body; // the page bundle
 */
export async function buildDashboard(options: BuildOptions = {}): Promise<DashboardBuild> {
  const result = await build({
    entryPoints: { app: ENTRY },
    bundle: true,
    write: false,
    outdir: "/ui",
    format: "esm",
    platform: "browser",
    target: ["chrome110", "firefox115", "safari16"],
    jsx: "automatic",
    jsxImportSource: "preact",
    minify: options.minify ?? true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
    loader: { ".css": "css" },
  });
  const files: Record<string, DashboardFile> = {
    "index.html": { contentType: "text/html; charset=utf-8", body: new TextEncoder().encode(INDEX_HTML) },
  };
  for (const output of result.outputFiles) {
    const name = output.path.split("/").at(-1) ?? output.path;
    files[name] = { contentType: contentTypeOf(name), body: output.contents };
  }
  if (!files["app.js"] || !files["app.css"]) {
    throw new Error(`The dashboard build is missing app.js or app.css (got ${Object.keys(files).join(", ")})`);
  }
  return { files };
}

/** Writes the build to `dir` (created if needed); returns the file names written. */
export async function writeDashboard(dir: string, options: BuildOptions = {}): Promise<string[]> {
  const { files } = await buildDashboard(options);
  await mkdir(dir, { recursive: true });
  for (const [name, file] of Object.entries(files)) await writeFile(join(dir, name), file.body);
  return Object.keys(files).sort();
}

function contentTypeOf(name: string): string {
  if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
  if (name.endsWith(".css")) return "text/css; charset=utf-8";
  if (name.endsWith(".html")) return "text/html; charset=utf-8";
  return "application/octet-stream";
}
