/**
 * Duration percentiles from per-day bins against a brute-force reference: however
 * the durations are split into days, the merged bins answer p50 / p95 / max within
 * the sketch's relative accuracy of the exact nearest-rank value.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBins, DURATION_RELATIVE_ACCURACY, durationBin, summarizeBins } from "../../src/insights/stats/sketch.ts";

/** The exact nearest-rank percentile: the smallest value with at least q of the values at or below it. */
function exactPercentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number;
}

function binsOf(values: number[]): Map<string, number> {
  const bins = new Map<string, number>();
  for (const value of values) addBins(bins, new Map([[durationBin(value), 1]]));
  return bins;
}

const withinAccuracy = (approx: number | undefined, exact: number) =>
  // Rounded to the millisecond on the way out: allow that too.
  Math.abs((approx ?? Number.NaN) - exact) <= exact * DURATION_RELATIVE_ACCURACY + 0.0005;

/** Durations from 0 s to 3 days in ms steps, with repeats (runs of one schedule often take the same time). */
const durations = fc.array(
  // Glue's timestamps have millisecond resolution.
  fc.oneof(
    fc.integer({ min: 0, max: 259_200_000 }).map((ms) => ms / 1000),
    fc.integer({ min: 0, max: 7_200 }),
  ),
  { minLength: 1, maxLength: 200 },
);

describe("duration sketch", () => {
  it("p50, p95 and max of merged days are within 1 % of the exact values", () => {
    fc.assert(
      fc.property(durations, fc.integer({ min: 1, max: 30 }), (values, days) => {
        // Prepare: split the runs over `days` day items, as the store keeps them
        const perDay = Array.from({ length: days }, (_, day) => values.filter((_, i) => i % days === day));

        // Act
        const merged = perDay.map(binsOf).reduce((into, bins) => addBins(into, bins), new Map());
        const summary = summarizeBins(merged);

        // Assess
        expect(summary.count).toBe(values.length);
        for (const [q, got] of [
          [0.5, summary.p50],
          [0.95, summary.p95],
          [1, summary.max],
        ] as const) {
          const exact = exactPercentile(values, q);
          if (!withinAccuracy(got, exact)) throw new Error(`q=${q}: ${got} vs exact ${exact}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("merging is order-free: any split of the same runs gives the same summary", () => {
    fc.assert(
      fc.property(durations, fc.integer({ min: 1, max: 10 }), (values, days) => {
        const perDay = Array.from({ length: days }, (_, day) => values.filter((_, i) => i % days === day));
        const merged = perDay.map(binsOf).reduce((into, bins) => addBins(into, bins), new Map());
        expect(summarizeBins(merged)).toEqual(summarizeBins(binsOf([...values].reverse())));
      }),
      { numRuns: 50 },
    );
  });

  it("an empty window has a count and no percentiles", () => {
    expect(summarizeBins(new Map())).toEqual({ count: 0 });
  });

  it("refuses a negative duration (a clock problem, not a run)", () => {
    expect(() => durationBin(-1)).toThrow(RangeError);
  });
});
