/**
 * A workflow's row on the home page: the recent-run strip (one small page of runs)
 * and the figures of GET /workflows/{name}/stats over the last STATS_WINDOW_DAYS
 * days — ended runs, failure rate, duration p50 / p95 — which the tracker keeps as
 * running aggregates, so the row costs two small reads however many runs there are.
 */
import type { Run, WorkflowStatsBody } from "./api-types.ts";

export const STATS_WINDOW_DAYS = 30;
export const STRIP_LENGTH = 12;

export interface WorkflowStats {
  /** Newest first, at most STRIP_LENGTH. */
  recent: Run[];
  /** Runs started within the window that have ended. */
  runCount: number;
  /** FAILED + ERROR among them; undefined when none ended. */
  failureRate: number | undefined;
  /** Seconds, of every ended run with a start and an end; undefined without one. */
  p50: number | undefined;
  p95: number | undefined;
}

export function workflowStats(recent: readonly Run[], stats: WorkflowStatsBody): WorkflowStats {
  return {
    recent: recent.slice(0, STRIP_LENGTH),
    runCount: stats.Runs,
    failureRate: stats.FailureRate,
    p50: stats.Duration.P50,
    p95: stats.Duration.P95,
  };
}

export type SortKey = "name" | "lastStarted" | "outcome" | "runCount" | "failureRate" | "p95";
export type SortDirection = "ascending" | "descending";

export interface SortableRow {
  name: string;
  lastStarted: string | undefined;
  outcome: string | undefined;
  runCount: number | undefined;
  failureRate: number | undefined;
  p95?: number | undefined;
}

/** Sorts rows by a column; missing values go last in both directions. */
export function sortRows<T extends SortableRow>(rows: readonly T[], key: SortKey, direction: SortDirection): T[] {
  const sign = direction === "ascending" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === undefined && y === undefined) return a.name.localeCompare(b.name);
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return order === 0 ? a.name.localeCompare(b.name) : sign * order;
  });
}

export function matchesSearch(name: string, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return needle === "" || name.toLowerCase().includes(needle);
}
