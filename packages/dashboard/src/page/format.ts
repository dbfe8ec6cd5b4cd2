/** Durations and times as people read them; the UTC instant stays available for a title. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in the two largest units that matter.
 *
 * @example
 * formatDuration(2_500); // "2.5 s"
 * formatDuration(3_725_000); // "1 h 02 m"
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < 10 * SECOND) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} m ${pad(Math.floor((ms % MINUTE) / SECOND))} s`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ${pad(Math.floor((ms % HOUR) / MINUTE))} m`;
  return `${Math.floor(ms / DAY)} d ${Math.floor((ms % DAY) / HOUR)} h`;
}

/** Milliseconds from start to end (or to `now` while it runs); undefined without a valid start. */
export function elapsedMs(start: string | undefined, end: string | undefined, now: number): number | undefined {
  const from = parseInstant(start);
  if (from === undefined) return undefined;
  const to = parseInstant(end) ?? now;
  return Math.max(0, to - from);
}

export function parseInstant(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * A local date-time for the table, and the UTC ISO instant for its title.
 * `timeZone` is the viewer's unless given (tests pin it).
 */
export function formatInstant(value: string | undefined, timeZone?: string): { text: string; utc: string } {
  const time = parseInstant(value);
  if (time === undefined) return { text: value ? String(value) : "—", utc: "" };
  const text = new Intl.DateTimeFormat("en-GB", {
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  }).format(time);
  return { text, utc: new Date(time).toISOString() };
}

/** "3 min ago" style, for the live indicator and recent runs. */
export function formatAgo(value: string | undefined, now: number): string {
  const time = parseInstant(value);
  if (time === undefined) return "—";
  const ms = now - time;
  if (ms < 0) return "just now";
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s ago`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  return `${Math.floor(ms / DAY)} d ago`;
}

export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "—";
  return `${Math.round(ratio * 1000) / 10}%`;
}

const pad = (n: number) => String(n).padStart(2, "0");
