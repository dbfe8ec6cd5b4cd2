/**
 * PLACEHOLDER for `@glue-run-tracker/dashboard`'s build (packages/dashboard/src/build.ts,
 * written in another branch this wave): the same names and shapes, so the Dashboard
 * stack is wired and synth-tested now. At merge, stacks/Dashboard.ts imports from
 * "../packages/dashboard/src/build.ts" instead and this file is deleted.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export interface DashboardBuild {
  files: Record<string, { contentType: string; body: Uint8Array }>;
}

const text = (body: string) => new TextEncoder().encode(body);

/** A page that says the dashboard build is missing (never shipped: see the header). */
export async function buildDashboard(_options: { minify?: boolean } = {}): Promise<DashboardBuild> {
  return {
    files: {
      "index.html": {
        contentType: "text/html; charset=utf-8",
        body: text(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><base href="/ui/"><title>Glue Run Tracker</title>' +
            '<link rel="stylesheet" href="app.css"></head><body><main><h1>Glue Run Tracker</h1></main>' +
            '<script type="module" src="app.js"></script></body></html>',
        ),
      },
      "app.js": { contentType: "text/javascript; charset=utf-8", body: text("export {};\n") },
      "app.css": { contentType: "text/css; charset=utf-8", body: text("body { font-family: sans-serif; }\n") },
    },
  };
}

export async function writeDashboard(dir: string): Promise<void> {
  const { files } = await buildDashboard({ minify: true });
  for (const [path, file] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.body);
  }
}
