/**
 * Ingest bench (a script, not a test): `npx tsx bench/ingest/run.ts [--runs 200]
 * [--fresh-runs 100] [--time-scale 10] [--throttle-rate 0.3] [--without-backoff] [--json]`.
 *
 * 1. events/s through the ingest pipeline ÷ raw PutItem/s of the same item (throughput.ts;
 *    goal ≥ 0.4) next to its floor, a Glue read and one or two conditional writes per event
 *    with no tracker code (floor.ts), and DynamoDB requests per ingested event by kind of event (requests.ts;
 *    goal ≤ 2 on the common path, an event that changes no state).
 * 2. Glue calls per state change and freshness p95, events vs a 30 s poller (freshness.ts).
 * 3. Freshness p95 with 30 % of Glue calls throttled, as a ratio to figure 2's (per-message
 *    backoff; `--without-backoff` adds the same run waiting out the visibility timeout).
 *
 * `runIngestBench(options)` is exported for `npm run bench`.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { FloorRate } from "./floor.ts";
import { type FreshnessFigure, measureFreshness } from "./freshness.ts";
import { EventKind, measureRequests, REQUESTS_GOAL, type RequestsFigure } from "./requests.ts";
import { measureThroughput, THROUGHPUT_GOAL, type ThroughputFigure } from "./throughput.ts";

export interface IngestBenchOptions {
  /** Events in the throughput figure (one run each; default 200). */
  runs?: number;
  /** Runs tracked in the calls/freshness figure (default 100). */
  freshRuns?: number;
  /** glue-local virtual seconds per real second for figures 2 and 3 (default 10). */
  timeScale?: number;
  /** Figure 3's throttle rate (default 0.3). */
  throttleRate?: number;
  /** Figure 3 also without the per-message backoff (the old behaviour), for comparison. */
  withoutBackoff?: boolean;
  log?: (line: string) => void;
}

export interface ThrottledFigure {
  throttled: FreshnessFigure;
  /** throttled freshness p95 ÷ unthrottled freshness p95 (events). */
  p95Ratio: number;
  withoutBackoff?: FreshnessFigure & { p95Ratio: number };
}

export interface IngestBenchResult {
  throughput: ThroughputFigure;
  requests: RequestsFigure[];
  freshness: FreshnessFigure;
  throttled: ThrottledFigure;
}

export async function runIngestBench(options: IngestBenchOptions = {}): Promise<IngestBenchResult> {
  const log = options.log ?? (() => {});
  log(`ingest: throughput, ${options.runs ?? 200} events…`);
  const throughput = await measureThroughput({ runs: options.runs, log });
  log("ingest: DynamoDB requests per event, by kind of event…");
  const requests = await measureRequests();
  log(`ingest: calls and freshness, ${options.freshRuns ?? 100} runs at ×${options.timeScale ?? 10}…`);
  const freshness = await measureFreshness({ runs: options.freshRuns, timeScale: options.timeScale });
  const throttleRate = options.throttleRate ?? 0.3;
  log(`ingest: freshness with ${throttleRate * 100} % of Glue calls throttled…`);
  const throttled = await measureFreshness({ runs: options.freshRuns, timeScale: options.timeScale, throttleRate });
  const ratio = (figure: FreshnessFigure) => figure.events.freshnessP95Seconds / freshness.events.freshnessP95Seconds;
  let withoutBackoff: ThrottledFigure["withoutBackoff"];
  if (options.withoutBackoff) {
    log("ingest: the same, waiting out the visibility timeout (no per-message backoff)…");
    const figure = await measureFreshness({
      runs: options.freshRuns,
      timeScale: options.timeScale,
      throttleRate,
      backoff: false,
    });
    withoutBackoff = { ...figure, p95Ratio: ratio(figure) };
  }
  return { throughput, requests, freshness, throttled: { throttled, p95Ratio: ratio(throttled), withoutBackoff } };
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));

/** One row per kind of event: mean requests, and which operations. */
export function requestsRow(figure: RequestsFigure): { figure: string; goal: string; measured: string; met?: boolean } {
  const common = figure.kind === EventKind.SameState;
  const operations = Object.entries(figure.byOperation)
    .map(([operation, count]) => `${operation} ${fixed(count / figure.events)}`)
    .join(", ");
  return {
    figure: `ingest: DynamoDB requests per event, ${figure.kind}${common ? " (the common path)" : ""} (${figure.events} events)`,
    goal: common ? `≤ ${REQUESTS_GOAL}` : "report",
    measured: `${fixed(figure.requestsPerEvent)} (${operations})`,
    ...(common ? { met: figure.requestsPerEvent <= REQUESTS_GOAL } : {}),
  };
}

/** The floor rows (floor.ts): the goal's own physical limit, timed in this bench with no tracker code. */
export function floorRows(t: ThroughputFigure): { figure: string; goal: string; measured: string }[] {
  const row = (label: string, rate: FloorRate) => ({
    figure: `floor — ${label}, no tracker code ÷ raw PutItem/s`,
    goal: "report",
    measured: `${fixed(rate.ratio)} (${fixed(rate.perSecond, 0)} vs ${fixed(t.rawPutsPerSecond, 0)}/s)`,
  });
  return [
    row("Glue read + 2 conditional writes", t.floor.readAndTwoWrites),
    row("Glue read + 1 conditional write", t.floor.readAndOneWrite),
  ];
}

export function ingestTable(result: IngestBenchResult): string {
  const { throughput: t, freshness: f, throttled: th } = result;
  const throttledRow = (label: string, figure: FreshnessFigure, ratio: number) =>
    `| freshness p95 (p50; max), events, ${figure.throttleRate * 100} % Glue throttling, ${label} | — | ${fixed(figure.events.freshnessP95Seconds, 1)} s (${fixed(figure.events.freshnessP50Seconds, 1)} s; ${fixed(figure.events.freshnessMaxSeconds, 1)} s), ×${fixed(ratio)} the unthrottled p95; ${figure.events.retried} records retried |`;
  return [
    "| figure | goal | measured |",
    "| --- | --- | --- |",
    `| ingest events/s ÷ raw PutItem/s (${t.runItemBytes} B run item, ${t.inFlight} in flight) | ≥ ${THROUGHPUT_GOAL} | ${fixed(t.ratio)} (${fixed(t.eventsPerSecond, 0)} vs ${fixed(t.rawPutsPerSecond, 0)}/s) |`,
    ...floorRows(t).map((row) => `| ${row.figure} | ${row.goal} | ${row.measured} |`),
    ...result.requests.map((r) => {
      const row = requestsRow(r);
      return `| ${row.figure.replace(/^ingest: /, "")} | ${row.goal} | ${row.measured} |`;
    }),
    `| Glue calls per state change, events (${f.runs} runs, ${f.stateChanges} changes) | ≤ 1.2 | ${fixed(f.events.callsPerChange)} (${f.events.glueCalls} calls) |`,
    `| Glue calls per state change, ${f.poller.intervalSeconds} s poller | — | ${fixed(f.poller.callsPerChange)} (${f.poller.glueCalls} calls) |`,
    `| freshness p95 (p50; max), events | — | ${fixed(f.events.freshnessP95Seconds, 1)} s (${fixed(f.events.freshnessP50Seconds, 1)} s; ${fixed(f.events.freshnessMaxSeconds, 1)} s) |`,
    `| freshness p95 (p50), ${f.poller.intervalSeconds} s poller | — | ${fixed(f.poller.freshnessP95Seconds, 1)} s (${fixed(f.poller.freshnessP50Seconds, 1)} s) |`,
    throttledRow("per-message backoff", th.throttled, th.p95Ratio),
    ...(th.withoutBackoff
      ? [throttledRow("whole visibility timeout", th.withoutBackoff, th.withoutBackoff.p95Ratio)]
      : []),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      "fresh-runs": { type: "string" },
      "time-scale": { type: "string" },
      "throttle-rate": { type: "string" },
      "without-backoff": { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  const result = await runIngestBench({
    runs: values.runs ? Number(values.runs) : undefined,
    freshRuns: values["fresh-runs"] ? Number(values["fresh-runs"]) : undefined,
    timeScale: values["time-scale"] ? Number(values["time-scale"]) : undefined,
    throttleRate: values["throttle-rate"] ? Number(values["throttle-rate"]) : undefined,
    withoutBackoff: values["without-backoff"],
    log: (line) => console.error(line),
  });
  console.log(values.json ? JSON.stringify(result, null, 2) : ingestTable(result));
}
