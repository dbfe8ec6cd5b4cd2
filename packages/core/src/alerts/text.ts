/** Text shaping shared by the Slack and SNS renderings. */
import type { RunCost } from "../insights/cost.ts";

/**
 * Escapes the three characters Slack reserves (`&`, `<`, `>`) as HTML entities, so
 * user text can never form a link, a mention or markup.
 *
 * @example
 * escapeSlack("<script>&"); // "&lt;script&gt;&amp;"
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Escapes `text` and cuts it so the escaped result has at most `max` characters,
 * ending in "…" when cut. Never splits an entity or a surrogate pair.
 *
 * @example
 * fitSlack("a&b", 5); // "a…" (escaped "a&amp;b" is too long, and "&amp;" is never split)
 */
export function fitSlack(text: string, max: number): string {
  const escaped = escapeSlack(text);
  if (escaped.length <= max) return escaped;
  let out = "";
  for (const char of text) {
    const piece = escapeSlack(char);
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
}

/**
 * Cuts plain text to at most `max` characters (code points kept whole), ending in `ellipsis` when cut.
 *
 * @example
 * truncate("abcdef", 4); // "abc…"
 */
export function truncate(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  let out = "";
  for (const char of text) {
    if (out.length + char.length > max - ellipsis.length) break;
    out += char;
  }
  return `${out}${ellipsis}`;
}

/** Collapses line breaks and runs of whitespace into single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * A run's duration in words, or undefined when it has not both started and ended.
 *
 * @example
 * formatDuration("2026-01-01T00:00:00Z", "2026-01-01T01:02:03Z"); // "1h 2m 3s"
 */
export function formatDuration(startedOn?: string, completedOn?: string): string | undefined {
  if (!startedOn || !completedOn) return undefined;
  const ms = Date.parse(completedOn) - Date.parse(startedOn);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return formatSeconds(ms / 1000);
}

/**
 * Seconds in words.
 *
 * @example
 * formatSeconds(3723); // "1h 2m 3s"
 */
export function formatSeconds(seconds: number): string {
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `${hours}h ${minutes}m ${rest}s`;
  if (minutes > 0) return `${minutes}m ${rest}s`;
  return `${rest}s`;
}

/**
 * A run's cost in words: dollars as `$0.44`, other currencies as `0.44 EUR`, four
 * decimals below ten cents, "about" when any part was estimated.
 *
 * @example
 * formatCost({ DpuSeconds: 3600, Amount: 0.44, Currency: "USD", Estimated: false }); // "$0.44"
 * formatCost({ DpuSeconds: 60, Amount: 0.0073, Currency: "EUR", Estimated: true }); // "about 0.0073 EUR"
 */
export function formatCost(cost: RunCost): string {
  const digits = cost.Amount >= 0.1 || cost.Amount === 0 ? 2 : 4;
  const amount = cost.Amount.toFixed(digits);
  const money = cost.Currency === "USD" ? `$${amount}` : `${amount} ${cost.Currency}`;
  return cost.Estimated ? `about ${money}` : money;
}

/** The cost line of an alert: "this failed run cost …" for failures. */
export function costSentence(cost: RunCost, failed: boolean): string {
  const dpuHours = (cost.DpuSeconds / 3600).toFixed(2);
  return `${failed ? "this failed run cost" : "this run cost"} ${formatCost(cost)} (${dpuHours} DPU-hours)`;
}
