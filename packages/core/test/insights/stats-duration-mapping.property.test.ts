/**
 * The written-out logarithmic mapping against the mapping of the library's DDSketch (@datadog/sketches-js),
 * the one the stats used until the bundle shed it:
 * the same key for every duration and the same value for every key, bit for bit, so
 * bins stored before the library left the bundle still mean the same durations.
 */
import { DDSketch } from "@datadog/sketches-js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logarithmicMapping } from "../../src/insights/stats/duration-mapping.ts";
import { DURATION_RELATIVE_ACCURACY } from "../../src/insights/stats/sketch.ts";

const accuracies = [DURATION_RELATIVE_ACCURACY, 0.02, 0.005, 0.1];

describe("duration mapping", () => {
  it.each(accuracies)("maps every duration to the library's key (relative accuracy %s)", (accuracy) => {
    const library = new DDSketch({ relativeAccuracy: accuracy }).mapping;
    const ours = logarithmicMapping(accuracy);
    fc.assert(
      fc.property(
        fc.oneof(
          // Glue's millisecond durations up to a year, and any positive double the library maps.
          fc.integer({ min: 1, max: 31_536_000_000 }).map((ms) => ms / 1000),
          fc.double({ min: library.minPossible, max: library.maxPossible, noNaN: true }),
        ),
        (seconds) => {
          expect(ours.key(seconds)).toBe(library.key(seconds));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it.each(accuracies)("gives every key the library's value (relative accuracy %s)", (accuracy) => {
    const library = new DDSketch({ relativeAccuracy: accuracy }).mapping;
    const ours = logarithmicMapping(accuracy);
    fc.assert(
      fc.property(fc.integer({ min: -5_000, max: 5_000 }), (key) => {
        expect(ours.value(key)).toBe(library.value(key));
      }),
      { numRuns: 5_000 },
    );
  });

  it("refuses an accuracy outside (0, 1)", () => {
    expect(() => logarithmicMapping(0)).toThrow(RangeError);
    expect(() => logarithmicMapping(1)).toThrow(RangeError);
  });
});
