/** The days a stats request covers: whole UTC days, default the last 30, at most MAX_STATS_WINDOW_DAYS. */
import { InvalidInputError } from "../../errors.ts";
import type { StatsWindow } from "./types.ts";

export const DEFAULT_STATS_WINDOW_DAYS = 30;
/** A year (leap years included): one Query of ≤ 366 small day items. */
export const MAX_STATS_WINDOW_DAYS = 366;

const DAY_MS = 86_400_000;

/**
 * Resolves optional ISO instants (or dates) to a window of days. `until` defaults
 * to today (UTC); `since` to 29 days before `until` (30 days in all).
 *
 * @example
 * statsWindow({}, new Date("2026-12-05T10:00:00Z")); // { since: "2026-11-06", until: "2026-12-05" }
 * statsWindow({ since: "2026-12-01T18:00:00Z" }, now); // { since: "2026-12-01", until: "2026-12-05" }
 */
export function statsWindow(query: { since?: string; until?: string }, now: Date): StatsWindow {
  const until = query.until ? dayOf(query.until, "until") : now.toISOString().slice(0, 10);
  const since = query.since
    ? dayOf(query.since, "since")
    : new Date(Date.parse(until) - (DEFAULT_STATS_WINDOW_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  if (since > until) throw new InvalidInputError("since must not be later than until");
  const days = windowDays({ since, until });
  if (days > MAX_STATS_WINDOW_DAYS) {
    throw new InvalidInputError(`The window spans ${days} days; at most ${MAX_STATS_WINDOW_DAYS} are allowed`);
  }
  return { since, until };
}

/** Number of days in the window, both ends included. */
export function windowDays(window: StatsWindow): number {
  return Math.round((Date.parse(window.until) - Date.parse(window.since)) / DAY_MS) + 1;
}

function dayOf(instant: string, name: string): string {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(instant) ? `${instant}T00:00:00Z` : instant);
  if (Number.isNaN(time)) throw new InvalidInputError(`${name} must be an ISO-8601 date or date-time`);
  return new Date(time).toISOString().slice(0, 10);
}
