/**
 * Glue's schedule expressions: `cron(Minutes Hours Day-of-month Month Day-of-week Year)` in UTC,
 * with `*`, `?`, lists, ranges, steps and month/day names (day-of-week 1–7 = SUN–SAT).
 * `L`, `W` and `#` are not supported and are refused when the trigger is created.
 */

interface CronField {
  any: boolean;
  values: Set<number>;
}

export interface CronSchedule {
  expression: string;
  minutes: CronField;
  hours: CronField;
  daysOfMonth: CronField;
  months: CronField;
  daysOfWeek: CronField;
  years: CronField;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

export class CronError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CronError";
  }
}

function parseValue(token: string, names: string[] | undefined, base: number): number {
  const upper = token.toUpperCase();
  const named = names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + base;
  if (!/^\d+$/.test(token)) throw new CronError(`unsupported value "${token}"`);
  return Number(token);
}

function parseField(raw: string, min: number, max: number, names?: string[], base = min): CronField {
  if (raw === "*" || raw === "?") return { any: true, values: new Set() };
  const values = new Set<number>();
  for (const part of raw.split(",")) {
    const [range = "", stepRaw] = part.split("/");
    const step = stepRaw === undefined ? 1 : Number(stepRaw);
    if (!Number.isInteger(step) || step < 1) throw new CronError(`bad step in "${part}"`);
    let from: number;
    let to: number;
    if (range === "*") {
      from = min;
      to = max;
    } else if (range.includes("-")) {
      const [a = "", b = ""] = range.split("-");
      from = parseValue(a, names, base);
      to = parseValue(b, names, base);
    } else {
      from = parseValue(range, names, base);
      to = stepRaw === undefined ? from : max;
    }
    if (from < min || to > max || from > to) throw new CronError(`"${part}" is outside ${min}–${max}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { any: false, values };
}

/** Parses `cron(...)`; throws CronError naming what is wrong. */
export function parseSchedule(expression: string): CronSchedule {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match) throw new CronError("schedule must be a cron(...) expression");
  const fields = (match[1] ?? "").trim().split(/\s+/);
  if (fields.length !== 6)
    throw new CronError("cron() needs 6 fields: minutes hours day-of-month month day-of-week year");
  const [mi = "", h = "", dom = "", mo = "", dow = "", y = ""] = fields;
  if (/[LW#]/i.test(dom.replace(/[A-Z]{3}/gi, "")) || /[LW#]/i.test(dow.replace(/[A-Z]{3}/gi, ""))) {
    throw new CronError("L, W and # are not supported by glue-local");
  }
  if ((dom === "?") === (dow === "?")) throw new CronError("exactly one of day-of-month and day-of-week must be ?");
  return {
    expression,
    minutes: parseField(mi, 0, 59),
    hours: parseField(h, 0, 23),
    daysOfMonth: parseField(dom, 1, 31),
    months: parseField(mo, 1, 12, MONTHS, 1),
    daysOfWeek: parseField(dow, 1, 7, DAYS, 1),
    years: parseField(y, 1970, 2199),
  };
}

const matches = (field: CronField, value: number) => field.any || field.values.has(value);

/** The first matching minute strictly after `afterMs` (epoch ms), or undefined within ~5 years. */
export function nextFireTime(schedule: CronSchedule, afterMs: number): number | undefined {
  const t = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const limit = afterMs + 5 * 366 * 86_400_000;
  while (t.getTime() <= limit) {
    const dayOk =
      matches(schedule.years, t.getUTCFullYear()) &&
      matches(schedule.months, t.getUTCMonth() + 1) &&
      matches(schedule.daysOfMonth, t.getUTCDate()) &&
      matches(schedule.daysOfWeek, t.getUTCDay() + 1);
    if (!dayOk) {
      t.setUTCHours(24, 0, 0, 0);
      continue;
    }
    if (!matches(schedule.hours, t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!matches(schedule.minutes, t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return t.getTime();
  }
  return undefined;
}
