/**
 * Glue's trigger schedules: `cron(Minutes Hours Day-of-month Month Day-of-week Year)`,
 * always UTC, AWS's dialect (`?`, `L`, `W`, `#`, day-of-week 1 = SUN … 7 = SAT, `0/15`
 * steps). Evaluated by croner (docs/decisions/insights-overdue-and-missed.md): its
 * 7-part mode (seconds + year) with Quartz weekday numbering is AWS's form once a
 * "0" seconds field is put in front.
 */
import { Cron } from "croner";
import { InvalidInputError } from "../errors.ts";

/** A parsed Glue schedule: its slots (UTC instants at which Glue starts a run). */
export interface GlueSchedule {
  /** As written on the trigger, e.g. `cron(0 3 * * ? *)`. */
  readonly expression: string;
  /** Slots in (after, until], oldest first, at most `limit` (the newest ones when more). */
  slotsBetween(after: Date, until: Date, limit: number): Date[];
  /** The first slot strictly after `after`, if any. */
  nextSlot(after: Date): Date | undefined;
}

const CRON_FORM = /^\s*cron\((.*)\)\s*$/i;

/**
 * @example
 * const schedule = parseGlueSchedule("cron(15 10 ? * 6L 2026-2027)"); // last Friday of each month, 10:15 UTC
 * schedule.nextSlot(new Date("2026-01-01T00:00:00Z")); // 2026-01-30T10:15:00.000Z
 */
export function parseGlueSchedule(expression: string): GlueSchedule {
  const inner = CRON_FORM.exec(expression)?.[1]?.trim();
  if (!inner) throw new InvalidInputError(`Schedule "${expression}" is not of the form cron(...)`);
  const fields = inner.split(/\s+/);
  if (fields.length !== 6) {
    throw new InvalidInputError(
      `Schedule "${expression}" has ${fields.length} fields; Glue's cron has 6 (minutes hours day-of-month month day-of-week year)`,
    );
  }
  let cron: Cron;
  try {
    cron = new Cron(`0 ${fields.join(" ")}`, {
      mode: "7-part",
      alternativeWeekdays: true,
      sloppyRanges: true,
      timezone: "UTC",
      paused: true,
    });
  } catch (error) {
    throw new InvalidInputError(`Schedule "${expression}" is not a valid Glue cron: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    expression,
    nextSlot(after) {
      return cron.nextRun(after) ?? undefined;
    },
    slotsBetween(after, until, limit) {
      if (limit <= 0 || until <= after) return [];
      // Newest first from `until` (inclusive: previousRuns is strict, so start a second later).
      const reference = new Date(until.getTime() + 1000);
      const newest = cron.previousRuns(limit, reference).filter((slot) => slot > after && slot <= until);
      return newest.reverse();
    },
  };
}
