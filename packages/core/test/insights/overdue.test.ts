import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { overdueSeconds, percentile, runLimit } from "../../src/insights/overdue.ts";

describe("runLimit", () => {
  it("a configured limit wins, with the usual duration when known", () => {
    expect(runLimit({ runTimeLimitMinutes: 30 }, { count: 2, p95: 600 })).toEqual({
      limitSeconds: 1800,
      source: "configured",
      usualSeconds: 600,
    });
  });

  it("else p95 × factor, only after minRunsForBaseline successful runs", () => {
    expect(runLimit({ overdueFactor: 1.5, minRunsForBaseline: 5 }, { count: 4, p95: 600 })).toBeUndefined();
    expect(runLimit({ overdueFactor: 1.5, minRunsForBaseline: 5 }, { count: 5, p95: 600 })).toEqual({
      limitSeconds: 900,
      source: "baseline",
      usualSeconds: 600,
    });
    expect(runLimit({}, { count: 50, p95: 100 })?.limitSeconds).toBe(150); // defaults 1.5 and 5
    expect(runLimit({}, undefined)).toBeUndefined();
  });
});

describe("overdueSeconds", () => {
  const limit = { limitSeconds: 60, source: "configured" as const };
  it("past the limit only", () => {
    const now = new Date("2026-01-01T00:02:00Z");
    expect(overdueSeconds("2026-01-01T00:01:00Z", limit, now)).toBeUndefined();
    expect(overdueSeconds("2026-01-01T00:00:30Z", limit, now)).toBe(90);
    expect(overdueSeconds(undefined, limit, now)).toBeUndefined();
  });
});

describe("percentile", () => {
  it("nearest rank equals a brute-force count: at least p of the values are ≤ it, and it is one of them", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 }), (values) => {
        const p95 = percentile(values, 0.95) as number;
        expect(values).toContain(p95);
        expect(values.filter((v) => v <= p95).length).toBeGreaterThanOrEqual(Math.ceil(0.95 * values.length));
        expect(values.filter((v) => v < p95).length).toBeLessThan(Math.ceil(0.95 * values.length));
      }),
    );
    expect(percentile([], 0.95)).toBeUndefined();
  });
});
