/**
 * Lambda-shaped figures of the two API functions: the minified bundle (esbuild,
 * ESM, Node 22, @aws-sdk/* external as the Lambda runtime provides it, the stack's
 * bundling options) and the
 * cold init time — a fresh Node process importing the bundle, as Lambda's init
 * phase does before the first invocation.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { functionBundling } from "../../stacks/bundling.ts";

const run = promisify(execFile);

export const API_HANDLERS = {
  read: "packages/functions/src/api/read.ts",
  commands: "packages/functions/src/api/commands.ts",
} as const;

export interface BundleFigure {
  handler: keyof typeof API_HANDLERS;
  minifiedBytes: number;
  gzipBytes: number;
  /** Median over `coldStarts` fresh processes: import of the bundle, ms. */
  coldInitMs: number;
  coldInitSamplesMs: number[];
  /** The @aws-sdk packages the bundle imports (provided by the Lambda runtime). */
  sdkImports: string[];
  /** Median init of a process importing only those packages: the part our code does not control. */
  sdkOnlyInitMs: number;
}

/** Inside node_modules so the external @aws-sdk/* imports resolve as on Lambda. */
const OUT_DIR = resolve("node_modules/.cache/api-bench");

/** Configuration the entry points read at init (no network is touched during init). */
const INIT_ENV = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  TRACKER_TABLE_NAME: "tracker",
  TRACKER_BUS_NAME: "tracker-bus",
  PAGINATION_SECRET: "bench-pagination-secret",
  POWERTOOLS_LOG_LEVEL: "SILENT",
};

const INIT_PROBE = `
const started = performance.now();
const mod = await import(process.argv[1]);
if (typeof mod.handler !== "function") throw new Error("no handler export");
process.stdout.write(String(performance.now() - started));
`;

const SDK_PROBE = `
const started = performance.now();
for (const name of process.argv.slice(1)) await import(name);
process.stdout.write(String(performance.now() - started));
`;

async function medianOfRuns(times: number, script: string, args: string[], cwd: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script, ...args], {
      cwd,
      env: { ...INIT_ENV, PATH: process.env.PATH ?? "" },
    });
    samples.push(Number(stdout));
  }
  return samples;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const round1 = (value: number) => Math.round(value * 10) / 10;

export async function bundleFigures(options: { coldStarts?: number } = {}): Promise<BundleFigure[]> {
  await mkdir(OUT_DIR, { recursive: true });
  const figures: BundleFigure[] = [];
  for (const [handler, entry] of Object.entries(API_HANDLERS) as [keyof typeof API_HANDLERS, string][]) {
    const outfile = join(OUT_DIR, `${handler}.mjs`);
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      minify: true,
      // As SST v2 bundles an ESM function (keepNames, esnext, module-first main fields).
      format: "esm",
      platform: "node",
      target: "esnext",
      mainFields: ["module", "main"],
      keepNames: true,
      // The app's options for SST's esbuild: @aws-sdk/* external.
      ...functionBundling.esbuild,
      // ESM bundles of CommonJS dependencies need a require (SST adds the same banner).
      banner: {
        js: "import { createRequire as topLevelCreateRequire } from 'module';const require = topLevelCreateRequire(import.meta.url);",
      },
      logLevel: "error",
    });
    const code = await readFile(outfile);
    const sdkImports = [...new Set(code.toString("utf8").match(/@aws-sdk\/[a-z0-9-]+/g) ?? [])].sort();
    const samples = await medianOfRuns(options.coldStarts ?? 10, INIT_PROBE, [outfile], OUT_DIR);
    const sdkSamples = await medianOfRuns(options.coldStarts ?? 10, SDK_PROBE, sdkImports, OUT_DIR);
    figures.push({
      handler,
      minifiedBytes: code.length,
      gzipBytes: gzipSync(code).length,
      coldInitMs: round1(median(samples)),
      coldInitSamplesMs: samples.map(round1),
      sdkImports,
      sdkOnlyInitMs: round1(median(sdkSamples)),
    });
  }
  return figures;
}
