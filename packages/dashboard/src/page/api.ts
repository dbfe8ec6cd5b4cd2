/**
 * The tracker API client of the page: one fetch wrapper that adds the bearer token,
 * turns every failure into an ApiError whose message quotes {Code, Message}, and
 * reports a 401 so the page can ask for credentials again.
 */
import type { DashboardConfig } from "../config.ts";
import { ApiError, errorFields, httpErrorMessage, networkErrorMessage } from "./api-errors.ts";
import type {
  ResumeRunResponse,
  Run,
  RunProperties,
  RunsPage,
  StartRunResponse,
  TimelineEntry,
  WorkflowStatsBody,
  WorkflowsPage,
} from "./api-types.ts";
import { clearToken, storedToken } from "./auth.ts";
import { type Where, whereParams } from "./where.ts";

/** `where` (a workflow's account and region) is sent as `?account=&region=`; absent = the home account. */
export interface TrackerApi {
  /** Every account's workflows the caller may see. */
  listWorkflows(nextToken?: string): Promise<WorkflowsPage>;
  listRuns(workflow: string, query: Record<string, string>, where?: Where): Promise<RunsPage>;
  /** GET /workflows/{name}/stats over the API's default window (the last 30 days). */
  getStats(workflow: string, where?: Where): Promise<WorkflowStatsBody>;
  getRun(workflow: string, runId: string, where?: Where): Promise<Run>;
  getTimeline(workflow: string, runId: string, where?: Where): Promise<TimelineEntry[]>;
  getProperties(workflow: string, runId: string, where?: Where): Promise<RunProperties>;
  listFailures(query: Record<string, string>): Promise<RunsPage>;
  startRun(workflow: string, where?: Where): Promise<StartRunResponse>;
  stopRun(workflow: string, runId: string, where?: Where): Promise<void>;
  resumeRun(workflow: string, runId: string, nodeIds: string[], where?: Where): Promise<ResumeRunResponse>;
}

export function createTrackerApi(config: DashboardConfig, onUnauthorized: () => void): TrackerApi {
  const base = config.apiBaseUrl === "" ? window.location.origin : config.apiBaseUrl.replace(/\/+$/, "");
  const wf = (name: string) => `/workflows/${encodeURIComponent(name)}`;
  const run = (name: string, runId: string) => `${wf(name)}/runs/${encodeURIComponent(runId)}`;

  async function call<T>(method: string, path: string, query?: Record<string, string>, body?: unknown): Promise<T> {
    const url = new URL(base + path);
    if (query) url.search = new URLSearchParams(query).toString();
    const headers: Record<string, string> = { accept: "application/json" };
    const token = config.auth.kind === "none" ? undefined : storedToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      throw new ApiError(networkErrorMessage(base, cause), undefined, undefined, undefined);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? {} : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      if (response.status === 401 && config.auth.kind !== "none") {
        clearToken();
        onUnauthorized();
      }
      const { code, message } = errorFields(parsed);
      throw new ApiError(httpErrorMessage(response.status, parsed), response.status, code, message);
    }
    if (parsed === undefined) {
      throw new ApiError(`The tracker API answered ${response.status} with a body that is not JSON`, 0, undefined, "");
    }
    return parsed as T;
  }

  const at = whereParams;
  return {
    listWorkflows: (nextToken) =>
      call("GET", "/workflows", { maxResults: "1000", ...(nextToken ? { nextToken } : {}) }),
    listRuns: (name, query, where) => call("GET", `${wf(name)}/runs`, { ...query, ...at(where) }),
    getStats: async (name, where) =>
      (await call<{ Stats: WorkflowStatsBody }>("GET", `${wf(name)}/stats`, at(where))).Stats,
    getRun: async (name, runId, where) =>
      (await call<{ Run: Run }>("GET", run(name, runId), { includeGraph: "true", ...at(where) })).Run,
    getTimeline: async (name, runId, where) =>
      (await call<{ Timeline: TimelineEntry[] }>("GET", `${run(name, runId)}/timeline`, at(where))).Timeline,
    getProperties: async (name, runId, where) =>
      (await call<{ RunProperties: RunProperties }>("GET", `${run(name, runId)}/properties`, at(where))).RunProperties,
    listFailures: (query) => call("GET", "/runs", query),
    startRun: (name, where) => call("POST", `${wf(name)}/runs`, at(where), {}),
    stopRun: async (name, runId, where) => {
      await call("POST", `${run(name, runId)}/stop`, at(where), {});
    },
    resumeRun: (name, runId, nodeIds, where) =>
      call("POST", `${run(name, runId)}/resume`, at(where), { NodeIds: nodeIds }),
  };
}
