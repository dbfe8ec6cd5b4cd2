/**
 * Run-list filters ⇄ the page's query string ⇄ the API's query. The URL keeps what the
 * user chose (dates as YYYY-MM-DD), so a filtered list is a link; values the API would
 * refuse are dropped here instead of becoming an error page.
 */

export const RUN_STATUSES = ["RUNNING", "COMPLETED", "STOPPING", "STOPPED", "ERROR"] as const;
export const OUTCOMES = ["RUNNING", "SUCCEEDED", "FAILED", "STOPPED", "ERROR", "UNKNOWN"] as const;

export interface RunFilters {
  status?: string;
  outcome?: string;
  /** YYYY-MM-DD (or a full ISO instant from a shared link). */
  startedAfter?: string;
  startedBefore?: string;
  /** The API's NextToken of the page shown (absent: the first page). */
  page?: string;
}

const FILTER_KEYS = ["status", "outcome", "startedAfter", "startedBefore", "page"] as const;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearch(search: string): RunFilters {
  const params = new URLSearchParams(search);
  const filters: RunFilters = {};
  const status = params.get("status");
  if (status && (RUN_STATUSES as readonly string[]).includes(status)) filters.status = status;
  const outcome = params.get("outcome");
  if (outcome && (OUTCOMES as readonly string[]).includes(outcome)) filters.outcome = outcome;
  for (const key of ["startedAfter", "startedBefore"] as const) {
    const value = params.get(key);
    if (value && isInstant(value)) filters[key] = value;
  }
  const page = params.get("page");
  if (page) filters.page = page;
  return filters;
}

/** "?status=…&…" in a fixed order, or "" without filters. */
export function searchFromFilters(filters: RunFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * The API query for a filtered page. A date-only "Started before" means the whole day
 * (the API reads a date as its 00:00 UTC, which would drop the day itself).
 */
export function apiQueryFromFilters(filters: RunFilters, pageSize: number): Record<string, string> {
  const query: Record<string, string> = { maxResults: String(pageSize) };
  if (filters.status) query.status = filters.status;
  if (filters.outcome) query.outcome = filters.outcome;
  if (filters.startedAfter) query.startedAfter = filters.startedAfter;
  if (filters.startedBefore) {
    query.startedBefore = DATE_ONLY.test(filters.startedBefore)
      ? `${filters.startedBefore}T23:59:59.999Z`
      : filters.startedBefore;
  }
  if (filters.page) query.nextToken = filters.page;
  return query;
}

/** A filter change starts again at the first page; paging keeps the filters. */
export function withFilter(filters: RunFilters, key: Exclude<keyof RunFilters, "page">, value: string): RunFilters {
  const next: RunFilters = { ...filters, [key]: value || undefined };
  delete next.page;
  for (const k of FILTER_KEYS) if (next[k] === undefined) delete next[k];
  return next;
}

function isInstant(value: string): boolean {
  if (DATE_ONLY.test(value)) return !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}
