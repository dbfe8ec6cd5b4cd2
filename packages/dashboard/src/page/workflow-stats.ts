/**
 * A workflow's row on the home page, from its newest runs: the recent-run strip and
 * the run count and failure rate over a window. The API has no stats route yet, so
 * the page reads one bounded page of runs per workflow and says when it was capped.
 */
import type { Run } from "./api-types.ts";
import { parseInstant } from "./format.ts";

export const STATS_WINDOW_DAYS = 7;
export const STATS_PAGE_SIZE = 200;
export const STRIP_LENGTH = 12;

export interface WorkflowStats {
  /** Newest first, at most STRIP_LENGTH. */
  recent: Run[];
  /** Runs started within the window. */
  runCount: number;
  /** The page was full: there may be more runs in the window than counted. */
  capped: boolean;
  /** FAILED + ERROR among the finished runs of the window; undefined when none finished. */
  failureRate: number | undefined;
}

const BAD = new Set(["FAILED", "ERROR"]);

export function workflowStats(runs: readonly Run[], now: number, pageFull: boolean): WorkflowStats {
  const from = now - STATS_WINDOW_DAYS * 24 * 60 * 60 * 1000;
  const inWindow = runs.filter((run) => (parseInstant(run.StartedOn) ?? 0) >= from);
  const finished = inWindow.filter((run) => run.Outcome !== "RUNNING");
  const failed = finished.filter((run) => BAD.has(run.Outcome)).length;
  return {
    recent: runs.slice(0, STRIP_LENGTH),
    runCount: inWindow.length,
    capped: pageFull && inWindow.length === runs.length,
    failureRate: finished.length ? failed / finished.length : undefined,
  };
}

export type SortKey = "name" | "lastStarted" | "outcome" | "runCount" | "failureRate";
export type SortDirection = "ascending" | "descending";

export interface SortableRow {
  name: string;
  lastStarted: string | undefined;
  outcome: string | undefined;
  runCount: number | undefined;
  failureRate: number | undefined;
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
