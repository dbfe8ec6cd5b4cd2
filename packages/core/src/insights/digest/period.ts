/**
 * The digest's periods (docs/decisions/insights-daily-digest.md): the 24 local hours
 * that end at the most recent digest hour in the configured time zone — 23 or 25
 * real hours on a daylight-saving day — and the local day before, for comparison.
 */

export interface DigestPeriod {
  /** ISO instants, [start, end). */
  start: string;
  end: string;
  /** The local date the period ends on (yyyy-mm-dd), the digest's title. */
  label: string;
}

export interface DigestSchedule {
  /** IANA time zone, e.g. "Europe/Paris". */
  timeZone: string;
  /** 0–23, local. */
  hour: number;
}

export const DEFAULT_DIGEST_SCHEDULE: DigestSchedule = { timeZone: "UTC", hour: 8 };

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/**
 * @example
 * digestPeriods(new Date("2026-03-29T09:00:00Z"), { timeZone: "Europe/Paris", hour: 8 });
 * // current: 2026-03-28T07:00Z → 2026-03-29T06:00Z (23 h: clocks went forward), previous: the day before
 */
export function digestPeriods(now: Date, schedule: DigestSchedule): { current: DigestPeriod; previous: DigestPeriod } {
  let endDay = localDate(now, schedule.timeZone);
  let end = zonedInstant(endDay, schedule.hour, schedule.timeZone);
  if (end.getTime() > now.getTime()) {
    endDay = addDays(endDay, -1);
    end = zonedInstant(endDay, schedule.hour, schedule.timeZone);
  }
  const startDay = addDays(endDay, -1);
  const start = zonedInstant(startDay, schedule.hour, schedule.timeZone);
  const before = zonedInstant(addDays(startDay, -1), schedule.hour, schedule.timeZone);
  return {
    current: { start: start.toISOString(), end: end.toISOString(), label: format(endDay) },
    previous: { start: before.toISOString(), end: start.toISOString(), label: format(startDay) },
  };
}

/**
 * On demand (`npm run digest`, the demo): the 24 hours that end now, and the 24 before.
 *
 * @example
 * rollingPeriods(new Date("2026-03-10T12:00:00Z"), "UTC").current; // 2026-03-09T12:00Z → 2026-03-10T12:00Z
 */
export function rollingPeriods(now: Date, timeZone: string): { current: DigestPeriod; previous: DigestPeriod } {
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const t = now.getTime();
  return {
    current: { start: iso(t - day), end: iso(t), label: format(localDate(now, timeZone)) },
    previous: { start: iso(t - 2 * day), end: iso(t - day), label: format(localDate(new Date(t - day), timeZone)) },
  };
}

/** The instant at which the local wall clock in `timeZone` shows `day` `hour`:00 (the later one when skipped). */
export function zonedInstant(day: LocalDate, hour: number, timeZone: string): Date {
  const wall = Date.UTC(day.year, day.month - 1, day.day, hour);
  // Two passes settle the offset, also across a DST change between the guess and the answer.
  let instant = wall - offsetMs(new Date(wall), timeZone);
  instant = wall - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

function offsetMs(at: Date, timeZone: string): number {
  const parts = partsOf(at, timeZone);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

function localDate(at: Date, timeZone: string): LocalDate {
  const { year, month, day } = partsOf(at, timeZone);
  return { year, month, day };
}

function partsOf(at: Date, timeZone: string) {
  const formatter = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const values: Record<string, number> = {};
  for (const part of formatter.formatToParts(at)) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

function addDays(day: LocalDate, days: number): LocalDate {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function format(day: LocalDate): string {
  return `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
}
