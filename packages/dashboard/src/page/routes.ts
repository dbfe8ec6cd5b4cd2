/**
 * The page's URLs (History API under /ui/, see packages/dashboard/README.md) and their
 * parsing: every view has its own deep link, so alert links land on a run's page.
 */
import { filtersFromSearch, type RunFilters, searchFromFilters } from "./filters.ts";
import { type Where, whereFromSearch, whereParams } from "./where.ts";

export const BASE_PATH = "/ui/";

export type View =
  | { kind: "workflows" }
  | { kind: "runs"; workflow: string; filters: RunFilters; where?: Where }
  | { kind: "run"; workflow: string; runId: string; where?: Where }
  | { kind: "failures" }
  | { kind: "callback" }
  | { kind: "not-found"; path: string };

/** The view a location shows; unknown paths are a not-found view, never an exception. */
export function viewOf(pathname: string, search: string): View {
  const base = BASE_PATH.slice(0, -1);
  if (pathname === base) return { kind: "workflows" };
  const rest = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname.replace(/^\/+/, "");
  const parts = rest.split("/").filter((part) => part !== "");
  const decoded = parts.map(safeDecode);
  if (decoded.some((part) => part === undefined)) return { kind: "not-found", path: pathname };
  const [first, name, third, runId, ...more] = decoded as string[];
  if (first === undefined) return { kind: "workflows" };
  if (first === "failures" && name === undefined) return { kind: "failures" };
  if (first === "callback" && name === undefined) return { kind: "callback" };
  if (first === "workflows" && name !== undefined) {
    const where = whereFromSearch(search);
    const at = where ? { where } : {};
    if (third === undefined) return { kind: "runs", workflow: name, filters: filtersFromSearch(search), ...at };
    if (third === "runs" && runId !== undefined && more.length === 0)
      return { kind: "run", workflow: name, runId, ...at };
  }
  return { kind: "not-found", path: pathname };
}

export const workflowsHref = (): string => BASE_PATH;
export const failuresHref = (): string => `${BASE_PATH}failures`;

/** A workflow's runs; `where` names its account and region (absent: the tracker's home account). */
export function runsHref(workflow: string, filters: RunFilters = {}, where?: Where): string {
  return withWhere(`${BASE_PATH}workflows/${encodeURIComponent(workflow)}${searchFromFilters(filters)}`, where);
}

export function runHref(workflow: string, runId: string, where?: Where): string {
  return withWhere(`${BASE_PATH}workflows/${encodeURIComponent(workflow)}/runs/${encodeURIComponent(runId)}`, where);
}

function withWhere(href: string, where: Where | undefined): string {
  const params = new URLSearchParams(whereParams(where)).toString();
  if (!params) return href;
  return `${href}${href.includes("?") ? "&" : "?"}${params}`;
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
