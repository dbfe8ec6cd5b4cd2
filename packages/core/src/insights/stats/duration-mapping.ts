/**
 * DDSketch's logarithmic key mapping (@datadog/sketches-js `LogarithmicMapping`), the
 * only part of the sketch the stats need: a duration's bin key and a key's value.
 * Written out because the library's mapping classes reach its protobuf codec (protobufjs
 * and long), ~60 KiB in the read function's bundle for two formulas. The same float
 * operations in the same order as the library, so stored bins keep their keys; a
 * property test holds it to the library (test/insights/stats-duration-mapping.property.test.ts).
 */
export interface DurationMapping {
  /** The bin key of a value > 0. */
  key(value: number): number;
  /** The bin's representative value: within the relative accuracy of any value in it. */
  value(key: number): number;
}

export function logarithmicMapping(relativeAccuracy: number): DurationMapping {
  if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
    throw new RangeError(`A relative accuracy must be between 0 and 1 (got ${relativeAccuracy})`);
  }
  const gammaMantissa = (2 * relativeAccuracy) / (1 - relativeAccuracy);
  const gamma = 1 + gammaMantissa;
  // KeyMapping's multiplier, then LogarithmicMapping's `*= Math.log(2)`: two steps, as the library rounds them.
  let multiplier = 1 / Math.log1p(gammaMantissa);
  multiplier *= Math.log(2);
  return {
    // `+ 0`: the library adds its index offset (0), which turns a -0 key into 0.
    key: (value) => Math.ceil(Math.log2(value) * multiplier) + 0,
    value: (key) => 2 ** (key / multiplier) * (2 / (1 + gamma)),
  };
}
