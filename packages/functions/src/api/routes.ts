/**
 * Every route of the tracker API (docs/architecture.md#http-api-and-auth), defined once: the handlers
 * dispatch and validate with it, the stack deploys it, and the OpenAPI document is
 * generated from it. `fn` names the Lambda that serves the route (one per IAM
 * concern): `read` touches only the table, `commands` also calls Glue.
 */
import type { z } from "zod";
import * as Req from "./contract/requests.ts";
import * as Res from "./contract/responses.ts";
import * as StatsContract from "./contract/stats.ts";

export const ApiFunction = { Read: "read", Commands: "commands" } as const;
export type ApiFunction = (typeof ApiFunction)[keyof typeof ApiFunction];

export type HttpMethod = "GET" | "POST" | "PUT";

export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway route syntax: `{param}` stands for one path segment. */
  path: string;
  fn: ApiFunction;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  /** A JSON body; `bodyRequired: false` lets an empty body stand for `{}`. */
  body?: z.ZodType;
  bodyRequired?: boolean;
  status: 200 | 201 | 202;
  response: z.ZodType;
}

const route = <const S extends RouteSpec>(spec: S): S => spec;

export const Routes = {
  listWorkflows: route({
    method: "GET",
    path: "/workflows",
    fn: "read",
    summary:
      "Tracked workflows (including ones deleted from Glue) of every account the caller may see, or of the account/region asked for, each with its last run.",
    query: Req.WorkflowsQuery,
    status: 200,
    response: Res.WorkflowsPage,
  }),
  getWorkflow: route({
    method: "GET",
    path: "/workflows/{name}",
    fn: "read",
    summary: "One tracked workflow, in Glue's Workflow shape.",
    params: Req.WorkflowPath,
    query: Req.GraphQuery,
    status: 200,
    response: Res.WorkflowResponse,
  }),
  batchGetWorkflows: route({
    method: "POST",
    path: "/workflows/batch-get",
    fn: "read",
    summary: "Several tracked workflows at once, and the names the tracker does not know.",
    query: Req.ScopeQuery,
    body: Req.BatchGetWorkflowsBody,
    status: 200,
    response: Res.BatchGetWorkflowsResponse,
  }),
  listRuns: route({
    method: "GET",
    path: "/workflows/{name}/runs",
    fn: "read",
    summary: "A workflow's runs, newest first, beyond Glue's retention.",
    params: Req.WorkflowPath,
    query: Req.ListRunsQuery,
    status: 200,
    response: Res.RunsPage,
  }),
  getRun: route({
    method: "GET",
    path: "/workflows/{name}/runs/{runId}",
    fn: "read",
    summary: "One run, with its outcome, failed nodes and lineage.",
    params: Req.RunPath,
    query: Req.GraphQuery,
    status: 200,
    response: Res.RunResponse,
  }),
  getRunTimeline: route({
    method: "GET",
    path: "/workflows/{name}/runs/{runId}/timeline",
    fn: "read",
    summary: "The run's observed snapshots, oldest first.",
    params: Req.RunPath,
    query: Req.ScopeQuery,
    status: 200,
    response: Res.TimelineResponse,
  }),
  getWorkflowStats: route({
    method: "GET",
    path: "/workflows/{name}/stats",
    fn: "read",
    summary:
      "A workflow's run statistics over a window of days (default 30, at most 366): counts by outcome, failure rate, auto-resumes, duration p50/p95/max, cost, per day and per job/crawler.",
    params: Req.WorkflowPath,
    query: StatsContract.StatsQuery,
    status: 200,
    response: StatsContract.StatsResponse,
  }),
  listRunsFeed: route({
    method: "GET",
    path: "/runs",
    fn: "read",
    summary:
      "Runs across one account's workflows with one outcome (default FAILED; RUNNING = active runs), newest first.",
    query: Req.RunsFeedQuery,
    status: 200,
    response: Res.RunsPage,
  }),
  getRunProperties: route({
    method: "GET",
    path: "/workflows/{name}/runs/{runId}/properties",
    fn: "commands",
    summary: "The run's properties from Glue, or as last recorded once Glue has forgotten the run.",
    params: Req.RunPath,
    query: Req.ScopeQuery,
    status: 200,
    response: Res.RunPropertiesResponse,
  }),
  putRunProperties: route({
    method: "PUT",
    path: "/workflows/{name}/runs/{runId}/properties",
    fn: "commands",
    summary: "Forwards PutWorkflowRunProperties (adds or overrides the given keys).",
    params: Req.RunPath,
    query: Req.ScopeQuery,
    body: Req.PutRunPropertiesBody,
    status: 200,
    response: Res.Acknowledged,
  }),
  startRun: route({
    method: "POST",
    path: "/workflows/{name}/runs",
    fn: "commands",
    summary: "Starts a run (StartWorkflowRun) and records it at once.",
    params: Req.WorkflowPath,
    query: Req.ScopeQuery,
    body: Req.StartRunBody,
    bodyRequired: false,
    status: 201,
    response: Res.StartRunResponse,
  }),
  stopRun: route({
    method: "POST",
    path: "/workflows/{name}/runs/{runId}/stop",
    fn: "commands",
    summary: "Stops a running run (StopWorkflowRun); the run goes STOPPING then STOPPED.",
    params: Req.RunPath,
    query: Req.ScopeQuery,
    body: Req.EmptyBody,
    bodyRequired: false,
    status: 202,
    response: Res.Acknowledged,
  }),
  resumeRun: route({
    method: "POST",
    path: "/workflows/{name}/runs/{runId}/resume",
    fn: "commands",
    summary: "Resumes a COMPLETED run from the given nodes (ResumeWorkflowRun); returns the new run.",
    params: Req.RunPath,
    query: Req.ScopeQuery,
    body: Req.ResumeRunBody,
    status: 201,
    response: Res.ResumeRunResponse,
  }),
  getWorkflowSettings: route({
    method: "GET",
    path: "/workflows/{name}/settings",
    fn: "read",
    summary:
      "The workflow's settings (overdue limit, schedule grace, mute, Slack webhook name, auto-resume), defaults applied.",
    params: Req.WorkflowPath,
    query: Req.ScopeQuery,
    status: 200,
    response: Res.SettingsResponse,
  }),
  putWorkflowSettings: route({
    method: "PUT",
    path: "/workflows/{name}/settings",
    fn: "commands",
    summary: "Replaces the workflow's settings; a field left out goes back to its default.",
    params: Req.WorkflowPath,
    query: Req.ScopeQuery,
    body: Req.PutSettingsBody,
    status: 200,
    response: Res.SettingsResponse,
  }),
  openApi: route({
    method: "GET",
    path: "/openapi.json",
    fn: "read",
    summary: "This document (OpenAPI 3.1).",
    query: Req.NoQuery,
    status: 200,
    response: Res.OpenApiDocument,
  }),
} as const satisfies Record<string, RouteSpec>;

export type OperationId = keyof typeof Routes;
export type Route = RouteSpec & { operationId: OperationId };

/** The routes as a list, each carrying its operation id. */
export const routeList: readonly Route[] = Object.entries(Routes).map(
  ([operationId, spec]) => ({ ...spec, operationId }) as Route,
);

/** API Gateway's route key, e.g. `GET /workflows/{name}`. */
export const routeKey = (r: Pick<RouteSpec, "method" | "path">): string => `${r.method} ${r.path}`;
