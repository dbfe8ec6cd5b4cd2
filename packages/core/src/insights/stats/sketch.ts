/**
 * Duration percentiles from a DDSketch (@datadog/sketches-js): values fall into
 * logarithmic bins whose counts merge by addition, so a day's bins can be kept as
 * plain DynamoDB counters (one ADD per run) and any window is the sum of its days.
 * Every quantile is within DURATION_RELATIVE_ACCURACY of the true value
 * (docs/decisions/insights-duration-sketch.md).
 */
import { DDSketch } from "@datadog/sketches-js";

/** 1 %: p95 of a 1 h run is known to ±36 s, with ~570 bins between 1 s and 1 day (a day uses the few its runs hit). */
export const DURATION_RELATIVE_ACCURACY = 0.01;

/** The bin of durations under a millisecond (Glue's resolution): the sketch's zero count. */
export const ZERO_BIN = "z";
const SHORTEST_DURATION_SECONDS = 0.001;

const mapping = new DDSketch({ relativeAccuracy: DURATION_RELATIVE_ACCURACY }).mapping;

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

/** p50 / p95 / max of the durations the bins hold. */
export function summarizeBins(bins: ReadonlyMap<string, number>): DurationSummary {
  const sketch = new DDSketch({ relativeAccuracy: DURATION_RELATIVE_ACCURACY });
  for (const [bin, count] of bins) {
    if (count <= 0) continue;
    // Each bin's representative value maps back to the same bin (tested), so this rebuilds the sketch exactly.
    sketch.accept(bin === ZERO_BIN ? 0 : mapping.value(Number(bin)), count);
  }
  if (sketch.count === 0) return { count: 0 };
  const at = (q: number) => round(sketch.getValueAtQuantile(nearestRank(q, sketch.count)));
  return { count: sketch.count, p50: at(0.5), p95: at(0.95), max: at(1) };
}

/**
 * Percentiles by nearest rank: p95 is the smallest duration with at least 95 % of
 * the runs at or below it (of 2 runs, the longer one). DDSketch answers the value at
 * rank ⌊q·(n−1)⌋ (0-based), so ask it for the quantile that lands on ⌈q·n⌉−1.
 */
function nearestRank(q: number, count: number): number {
  if (count <= 1) return q;
  return (Math.max(1, Math.ceil(q * count)) - 1) / (count - 1);
}

/** Milliseconds are plenty for run durations and keep responses short. */
function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
