/**
 * Ingest bench (a script, not a test): `npx tsx bench/ingest/run.ts [--runs 200]
 * [--fresh-runs 100] [--time-scale 10] [--json]`.
 *
 * 1. events/s through the ingest pipeline ÷ raw PutItem/s of the same item (throughput.ts).
 * 2. Glue calls per state change and freshness p95, events vs a 30 s poller (freshness.ts).
 *
 * `runIngestBench(options)` is exported for `npm run bench`.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { type FreshnessFigure, measureFreshness } from "./freshness.ts";
import { measureThroughput, type ThroughputFigure } from "./throughput.ts";

export interface IngestBenchOptions {
  /** Events in the throughput figure (one run each; default 200). */
  runs?: number;
  /** Runs tracked in the calls/freshness figure (default 100). */
  freshRuns?: number;
  /** glue-local virtual seconds per real second for figure 2 (default 10). */
  timeScale?: number;
  log?: (line: string) => void;
}

export interface IngestBenchResult {
  throughput: ThroughputFigure;
  freshness: FreshnessFigure;
}

export async function runIngestBench(options: IngestBenchOptions = {}): Promise<IngestBenchResult> {
  const log = options.log ?? (() => {});
  log(`ingest: throughput, ${options.runs ?? 200} events…`);
  const throughput = await measureThroughput({ runs: options.runs });
  log(`ingest: calls and freshness, ${options.freshRuns ?? 100} runs at ×${options.timeScale ?? 10}…`);
  const freshness = await measureFreshness({ runs: options.freshRuns, timeScale: options.timeScale });
  return { throughput, freshness };
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));

export function ingestTable(result: IngestBenchResult): string {
  const { throughput: t, freshness: f } = result;
  return [
    "| figure | goal | measured |",
    "| --- | --- | --- |",
    `| ingest events/s ÷ raw PutItem/s (${t.runItemBytes} B run item, ${t.inFlight} in flight) | — | ${fixed(t.ratio)} (${fixed(t.eventsPerSecond, 0)} vs ${fixed(t.rawPutsPerSecond, 0)}/s) |`,
    `| Glue calls per state change, events (${f.runs} runs, ${f.stateChanges} changes) | ≤ 1.2 | ${fixed(f.events.callsPerChange)} (${f.events.glueCalls} calls) |`,
    `| Glue calls per state change, ${f.poller.intervalSeconds} s poller | — | ${fixed(f.poller.callsPerChange)} (${f.poller.glueCalls} calls) |`,
    `| freshness p95 (p50), events | — | ${fixed(f.events.freshnessP95Seconds, 1)} s (${fixed(f.events.freshnessP50Seconds, 1)} s) |`,
    `| freshness p95 (p50), ${f.poller.intervalSeconds} s poller | — | ${fixed(f.poller.freshnessP95Seconds, 1)} s (${fixed(f.poller.freshnessP50Seconds, 1)} s) |`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      "fresh-runs": { type: "string" },
      "time-scale": { type: "string" },
      json: { type: "boolean" },
    },
  });
  const result = await runIngestBench({
    runs: values.runs ? Number(values.runs) : undefined,
    freshRuns: values["fresh-runs"] ? Number(values["fresh-runs"]) : undefined,
    timeScale: values["time-scale"] ? Number(values["time-scale"]) : undefined,
    log: (line) => console.error(line),
  });
  console.log(values.json ? JSON.stringify(result, null, 2) : ingestTable(result));
}
