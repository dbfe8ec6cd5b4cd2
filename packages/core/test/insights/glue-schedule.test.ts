import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { parseGlueSchedule } from "../../src/insights/glue-schedule.ts";

const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

function next(expression: string, after: string, count: number): string[] {
  const schedule = parseGlueSchedule(expression);
  const out: Date[] = [];
  let cursor = at(after);
  for (let i = 0; i < count; i++) {
    const slot = schedule.nextSlot(cursor);
    if (!slot) break;
    out.push(slot);
    cursor = slot;
  }
  return iso(out);
}

describe("parseGlueSchedule", () => {
  it("reads AWS weekday numbers (1 = SUN) and names", () => {
    // 2026-02-01 is a Sunday.
    expect(next("cron(0 18 ? * 1 *)", "2026-01-30T00:00:00Z", 2)).toEqual([
      "2026-02-01T18:00:00.000Z",
      "2026-02-08T18:00:00.000Z",
    ]);
    expect(next("cron(30 2 ? * MON-FRI *)", "2026-01-30T03:00:00Z", 2)).toEqual([
      "2026-02-02T02:30:00.000Z",
      "2026-02-03T02:30:00.000Z",
    ]);
  });

  it("handles L, W, # and the year field", () => {
    expect(next("cron(15 10 ? * 6L 2026-2027)", "2026-01-01T00:00:00Z", 2)).toEqual([
      "2026-01-30T10:15:00.000Z", // last Friday
      "2026-02-27T10:15:00.000Z",
    ]);
    // 15 Feb 2026 is a Sunday: the nearest weekday is Monday the 16th.
    expect(next("cron(0 8 15W * ? *)", "2026-02-01T00:00:00Z", 1)).toEqual(["2026-02-16T08:00:00.000Z"]);
    // 3#2: the second Tuesday.
    expect(next("cron(0 12 ? * 3#2 *)", "2026-02-01T00:00:00Z", 1)).toEqual(["2026-02-10T12:00:00.000Z"]);
    expect(next("cron(0 0 1 1 ? 2030)", "2030-01-01T00:00:00Z", 1)).toEqual([]);
  });

  it("month edges: L in February of leap and common years, the 31st skips short months, LW", () => {
    expect(next("cron(0 0 L 2 ? 2027-2028)", "2027-01-01T00:00:00Z", 2)).toEqual([
      "2027-02-28T00:00:00.000Z",
      "2028-02-29T00:00:00.000Z",
    ]);
    expect(next("cron(0 6 31 * ? *)", "2026-01-31T07:00:00Z", 2)).toEqual([
      "2026-03-31T06:00:00.000Z",
      "2026-05-31T06:00:00.000Z",
    ]);
    // 31 Jan 2026 is a Saturday: the last weekday is Friday the 30th.
    expect(next("cron(0 8 LW * ? *)", "2026-01-01T00:00:00Z", 1)).toEqual(["2026-01-30T08:00:00.000Z"]);
  });

  it("is UTC: a daily slot keeps its UTC hour across the US and EU daylight-saving changes", () => {
    const slots = next("cron(30 1 * * ? *)", "2026-03-07T00:00:00Z", 3); // US DST starts 2026-03-08
    expect(slots).toEqual(["2026-03-07T01:30:00.000Z", "2026-03-08T01:30:00.000Z", "2026-03-09T01:30:00.000Z"]);
    const autumn = next("cron(30 1 * * ? *)", "2026-10-24T02:00:00Z", 2); // EU DST ends 2026-10-25 01:00 UTC
    expect(autumn).toEqual(["2026-10-25T01:30:00.000Z", "2026-10-26T01:30:00.000Z"]);
  });

  it("accepts AWS's 0/15 step form", () => {
    expect(next("cron(0/15 * * * ? *)", "2026-01-01T00:00:00Z", 2)).toEqual([
      "2026-01-01T00:15:00.000Z",
      "2026-01-01T00:30:00.000Z",
    ]);
  });

  it("slotsBetween: (after, until], oldest first, the newest `limit`", () => {
    const schedule = parseGlueSchedule("cron(0 * * * ? *)");
    expect(iso(schedule.slotsBetween(at("2026-01-01T00:00:00Z"), at("2026-01-01T03:00:00Z"), 10))).toEqual([
      "2026-01-01T01:00:00.000Z",
      "2026-01-01T02:00:00.000Z",
      "2026-01-01T03:00:00.000Z",
    ]);
    expect(iso(schedule.slotsBetween(at("2026-01-01T00:00:00Z"), at("2026-01-01T03:00:00Z"), 2))).toEqual([
      "2026-01-01T02:00:00.000Z",
      "2026-01-01T03:00:00.000Z",
    ]);
  });

  it("slotsBetween agrees with walking nextSlot (any window, any of these schedules)", () => {
    const expressions = [
      "cron(0/20 * * * ? *)",
      "cron(0 8 LW * ? *)",
      "cron(15 10 ? * 6L *)",
      "cron(0 12 ? * 3#2 *)",
      "cron(5 3 29 2 ? *)",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...expressions),
        fc.date({ min: at("2024-01-01T00:00:00Z"), max: at("2030-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 * 24 * 30 }),
        (expression, after, minutes) => {
          const schedule = parseGlueSchedule(expression);
          const until = new Date(after.getTime() + minutes * 60_000);
          const walked: Date[] = [];
          for (let slot = schedule.nextSlot(after); slot && slot <= until; slot = schedule.nextSlot(slot)) {
            walked.push(slot);
          }
          const limit = 50;
          expect(iso(schedule.slotsBetween(after, until, limit))).toEqual(iso(walked.slice(-limit)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses what is not Glue's cron form, with the reason", () => {
    expect(() => parseGlueSchedule("rate(5 minutes)")).toThrow(InvalidInputError);
    expect(() => parseGlueSchedule("cron(0 3 * * ?)")).toThrow(/5 fields; Glue's cron has 6/);
    expect(() => parseGlueSchedule("cron(0 25 * * ? *)")).toThrow(/not a valid Glue cron/);
  });
});
