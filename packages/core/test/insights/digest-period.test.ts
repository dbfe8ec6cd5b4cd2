import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digestPeriods, rollingPeriods } from "../../src/insights/digest/period.ts";

const hours = (p: { start: string; end: string }) => (Date.parse(p.end) - Date.parse(p.start)) / 3_600_000;

describe("digestPeriods", () => {
  it("the local day that ended at the digest hour; before the hour, the day before", () => {
    const { current, previous } = digestPeriods(new Date("2026-03-10T06:59:00Z"), { timeZone: "UTC", hour: 8 });
    expect(current).toEqual({
      start: "2026-03-08T08:00:00.000Z",
      end: "2026-03-09T08:00:00.000Z",
      label: "2026-03-09",
    });
    expect(previous).toEqual({
      start: "2026-03-07T08:00:00.000Z",
      end: "2026-03-08T08:00:00.000Z",
      label: "2026-03-08",
    });
  });

  it("spring forward (Europe/Paris, 29 March 2026): a 23-hour day", () => {
    const { current, previous } = digestPeriods(new Date("2026-03-29T09:00:00Z"), {
      timeZone: "Europe/Paris",
      hour: 8,
    });
    expect(current).toMatchObject({ start: "2026-03-28T07:00:00.000Z", end: "2026-03-29T06:00:00.000Z" });
    expect(hours(current)).toBe(23);
    expect(hours(previous)).toBe(24);
  });

  it("fall back (Europe/Paris, 25 October 2026): a 25-hour day", () => {
    const { current } = digestPeriods(new Date("2026-10-25T12:00:00Z"), { timeZone: "Europe/Paris", hour: 8 });
    expect(current).toMatchObject({ start: "2026-10-24T06:00:00.000Z", end: "2026-10-25T07:00:00.000Z" });
    expect(hours(current)).toBe(25);
  });

  it("month and year edges at midnight local (America/New_York)", () => {
    const march = digestPeriods(new Date("2026-03-01T06:00:00Z"), { timeZone: "America/New_York", hour: 0 });
    expect(march.current).toEqual({
      start: "2026-02-28T05:00:00.000Z",
      end: "2026-03-01T05:00:00.000Z",
      label: "2026-03-01",
    });
    const newYear = digestPeriods(new Date("2027-01-01T04:59:00Z"), { timeZone: "America/New_York", hour: 0 });
    expect(newYear.current.label).toBe("2026-12-31");
  });

  it("any instant, any zone: the period ended at most 25 h ago, lasts 23–25 h, and follows the previous one", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom("UTC", "Europe/Paris", "America/New_York", "Australia/Sydney", "Asia/Kolkata"),
        fc.integer({ min: 0, max: 23 }),
        (now, timeZone, hour) => {
          const { current, previous } = digestPeriods(now, { timeZone, hour });
          const end = Date.parse(current.end);
          expect(end).toBeLessThanOrEqual(now.getTime());
          expect(now.getTime() - end).toBeLessThan(25 * 3_600_000);
          expect([23, 24, 25]).toContain(hours(current));
          expect(previous.end).toBe(current.start);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("rollingPeriods", () => {
  it("the 24 hours to now and the 24 before (on demand)", () => {
    const { current, previous } = rollingPeriods(new Date("2026-03-10T12:00:00Z"), "UTC");
    expect(current).toEqual({
      start: "2026-03-09T12:00:00.000Z",
      end: "2026-03-10T12:00:00.000Z",
      label: "2026-03-10",
    });
    expect(previous.end).toBe(current.start);
  });
});
