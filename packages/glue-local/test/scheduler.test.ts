/** Unit tests (no network): the virtual clock / task queue and the cron schedules. */
import { describe, expect, it } from "vitest";
import { CronError, nextFireTime, parseSchedule } from "../src/engine/cron.ts";
import { Scheduler } from "../src/engine/scheduler.ts";

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

describe("Scheduler", () => {
  it("runs tasks in due order with the clock pinned to each task's due time", () => {
    // Prepare
    const scheduler = new Scheduler({ timeScale: 1, startAt: T0 });
    const seen: Array<[string, number]> = [];
    scheduler.at(T0 + 300, () => seen.push(["c", scheduler.now()]));
    scheduler.at(T0 + 100, () => seen.push(["a", scheduler.now()]));
    scheduler.at(T0 + 100, () => seen.push(["b", scheduler.now()]));
    // Act
    scheduler.advance(1_000);
    scheduler.stop();
    // Assess
    expect(seen).toEqual([
      ["a", T0 + 100],
      ["b", T0 + 100],
      ["c", T0 + 300],
    ]);
  });

  it("never runs a cancelled task, and runs tasks scheduled by tasks", () => {
    // Prepare
    const scheduler = new Scheduler({ timeScale: 1, startAt: T0 });
    const seen: string[] = [];
    const cancelled = scheduler.at(T0 + 50, () => seen.push("cancelled"));
    scheduler.at(T0 + 10, () => scheduler.after(20, () => seen.push(`child@${scheduler.now() - T0}`)));
    scheduler.cancel(cancelled);
    // Act
    scheduler.advance(100);
    scheduler.stop();
    // Assess
    expect(seen).toEqual(["child@30"]);
  });

  it("jumps straight to the next task with runNext", () => {
    // Prepare
    const scheduler = new Scheduler({ timeScale: 1, startAt: T0 });
    let ranAt = 0;
    scheduler.at(T0 + 3_600_000, () => {
      ranAt = scheduler.now();
    });
    // Act
    const ran = scheduler.runNext();
    scheduler.stop();
    // Assess
    expect(ran).toBe(true);
    expect(ranAt).toBe(T0 + 3_600_000);
    expect(scheduler.now()).toBeGreaterThanOrEqual(T0 + 3_600_000);
    expect(scheduler.runNext()).toBe(false);
  });

  it("pins one instant for a whole call", () => {
    // Prepare
    const scheduler = new Scheduler({ timeScale: 1_000_000, startAt: T0 });
    // Act
    const [first, second] = scheduler.pinnedAt(() => {
      const a = scheduler.now();
      for (let i = 0; i < 1e5; i++); // real time passes, virtual time must not move
      return [a, scheduler.now()];
    });
    scheduler.stop();
    // Assess
    expect(second).toBe(first);
  });
});

describe("cron schedules", () => {
  it("finds the next matching minute, in UTC", () => {
    // Prepare
    const everyFifteen = parseSchedule("cron(0/15 * * * ? *)");
    const weekdaysAtNine = parseSchedule("cron(0 9 ? * MON-FRI *)");
    const monday = T0; // 2026-01-05 is a Monday
    // Act / Assess
    expect(nextFireTime(everyFifteen, T0)).toBe(T0 + 15 * 60_000);
    expect(nextFireTime(everyFifteen, T0 + 14 * 60_000 + 59_000)).toBe(T0 + 15 * 60_000);
    expect(new Date(nextFireTime(weekdaysAtNine, monday) ?? 0).toISOString()).toBe("2026-01-06T09:00:00.000Z");
    const friday = Date.UTC(2026, 0, 9, 10);
    expect(new Date(nextFireTime(weekdaysAtNine, friday) ?? 0).toISOString()).toBe("2026-01-12T09:00:00.000Z");
  });

  it("handles lists, ranges, month names and years", () => {
    // Prepare
    const schedule = parseSchedule("cron(30 6,18 1 JAN,JUL ? 2027)");
    // Act
    const next = nextFireTime(schedule, T0);
    // Assess
    expect(new Date(next ?? 0).toISOString()).toBe("2027-01-01T06:30:00.000Z");
  });

  it.each([
    ["rate(5 minutes)", "cron("],
    ["cron(* * * * *)", "6 fields"],
    ["cron(0 9 * * MON *)", "exactly one"],
    ["cron(0 9 L * ? *)", "not supported"],
    ["cron(61 * * * ? *)", "outside"],
  ])("refuses %s", (expression, message) => {
    // Act / Assess
    expect(() => parseSchedule(expression)).toThrow(CronError);
    expect(() => parseSchedule(expression)).toThrow(message);
  });
});
