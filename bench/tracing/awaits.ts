/**
 * What loading the X-Ray tracer costs every promise (a script, not a test):
 * `npx tsx bench/tracing/awaits.ts [--awaits 300000] [--repeats 5]`.
 *
 * A fresh process loads the ingest handler module, as the local runtime and the
 * benches do, then times a loop of awaits: once as off Lambda (no tracer since
 * docs/decisions/tracing-lambda-only.md) and once with AWS_LAMBDA_FUNCTION_NAME set
 * (tracer loaded: cls-hooked's async hook on, as every process had it before).
 */
import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";
import { LAMBDA_ENV } from "../../packages/functions/test/support/lambda-env.ts";

const run = promisify(execFile);

const PROBE = `
await import("./packages/functions/src/ingest/handler.ts");
const [awaits, repeats] = process.argv.slice(1).map(Number);
const samples = [];
for (let r = 0; r < repeats; r++) {
  const started = performance.now();
  for (let i = 0; i < awaits; i++) await Promise.resolve(i);
  samples.push(performance.now() - started);
}
process.stdout.write(JSON.stringify({ hook: Boolean(process.namespaces?.AWSXRay), samples }));
`;

async function measure(env: Record<string, string>, awaits: number, repeats: number) {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", PROBE, String(awaits), String(repeats)],
    { env: { PATH: process.env.PATH ?? "", AWS_REGION: "us-east-1", POWERTOOLS_LOG_LEVEL: "SILENT", ...env } },
  );
  const { hook, samples } = JSON.parse(stdout) as { hook: boolean; samples: number[] };
  const median = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Number.NaN;
  return { hook, medianMs: Math.round(median * 10) / 10, samplesMs: samples.map((s) => Math.round(s)) };
}

const { values } = parseArgs({ options: { awaits: { type: "string" }, repeats: { type: "string" } } });
const awaits = Number(values.awaits ?? 300_000);
const repeats = Number(values.repeats ?? 5);
const off = await measure({}, awaits, repeats);
const on = await measure(LAMBDA_ENV, awaits, repeats);
console.log(`${awaits} awaits after loading the ingest handler (median of ${repeats}):`);
console.log(
  `  off Lambda (async hook ${off.hook ? "on" : "off"}): ${off.medianMs} ms ${JSON.stringify(off.samplesMs)}`,
);
console.log(`  Lambda env (async hook ${on.hook ? "on" : "off"}): ${on.medianMs} ms ${JSON.stringify(on.samplesMs)}`);
console.log(`  ratio: ×${(on.medianMs / off.medianMs).toFixed(1)}`);
