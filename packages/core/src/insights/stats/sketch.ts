/**
 * Duration percentiles with DDSketch's logarithmic mapping (./duration-mapping.ts): values fall into
 * logarithmic bins whose counts merge by addition, so a day's bins can be kept as
 * plain DynamoDB counters (one ADD per run) and any window is the sum of its days.
 * Every quantile is within DURATION_RELATIVE_ACCURACY of the true value
 * (docs/decisions/insights-duration-sketch.md).
 */
import { logarithmicMapping } from "./duration-mapping.ts";

/** 1 %: p95 of a 1 h run is known to ±36 s, with ~570 bins between 1 s and 1 day (a day uses the few its runs hit). */
export const DURATION_RELATIVE_ACCURACY = 0.01;

/** The bin of durations under a millisecond (Glue's resolution): the sketch's zero count. */
export const ZERO_BIN = "z";
const SHORTEST_DURATION_SECONDS = 0.001;

const mapping = logarithmicMapping(DURATION_RELATIVE_ACCURACY);

/** The bin a duration (seconds, ≥ 0) falls into, as stored: an integer key or ZERO_BIN. */
export function durationBin(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`A duration must be ≥ 0 s (got ${seconds})`);
  return seconds < SHORTEST_DURATION_SECONDS ? ZERO_BIN : String(mapping.key(seconds));
}

/** Bin → count, summed over any number of days (or nodes). */
export type DurationBins = Map<string, number>;

export function addBins(into: DurationBins, bins: ReadonlyMap<string, number>): DurationBins {
  for (const [bin, count] of bins) into.set(bin, (into.get(bin) ?? 0) + count);
  return into;
}

export interface DurationSummary {
  count: number;
  /** Seconds; absent when count is 0. */
  p50?: number;
  p95?: number;
  /** The largest bin's value: within the sketch's relative accuracy of the true maximum. */
  max?: number;
}

/**
 * p50 / p95 / max of the durations the bins hold, read off the summed bins the way
 * DDSketch's getValueAtQuantile does (the bin at the rank, then its representative
 * value `mapping.value(key)`), at nearest rank: p95 is the smallest duration with at
 * least 95 % of the runs at or below it (of 2 runs, the longer one; DDSketch's own
 * ⌊q·(n−1)⌋ would answer the shorter). Building a DDSketch per day and node only to
 * ask it this cost ~0.3 ms each, most of the stats route's time (bench/insights).
 */
export function summarizeBins(bins: ReadonlyMap<string, number>): DurationSummary {
  const sorted: [key: number, count: number][] = [];
  let count = 0;
  for (const [bin, n] of bins) {
    if (n <= 0) continue;
    sorted.push([bin === ZERO_BIN ? Number.NEGATIVE_INFINITY : Number(bin), n]);
    count += n;
  }
  if (count === 0) return { count: 0 };
  sorted.sort((a, b) => a[0] - b[0]);
  const at = (q: number) => {
    const rank = Math.max(1, Math.ceil(q * count));
    let seen = 0;
    for (const [key, n] of sorted) {
      seen += n;
      if (seen >= rank) return round(key === Number.NEGATIVE_INFINITY ? 0 : mapping.value(key));
    }
    return round(mapping.value((sorted.at(-1) as [number, number])[0]));
  };
  return { count, p50: at(0.5), p95: at(0.95), max: at(1) };
}

/** Milliseconds are plenty for run durations and keep responses short. */
function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
