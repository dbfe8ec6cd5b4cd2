/**
 * Request schemas of every route: path parameters, query strings (camelCase) and
 * JSON bodies (the seed's PascalCase). The handlers validate with these and the
 * OpenAPI document is generated from them, so the two cannot drift. Objects are
 * strict: an unknown query parameter or body field is an InvalidInputException.
 */
import { Outcome } from "@glue-run-tracker/core";
import * as Insights from "@glue-run-tracker/core/insights";
import { BatchGetWorkflowsInput, nameList, runProperties, WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import * as z from "zod";
import {
  accountParam,
  booleanParam,
  instantParam,
  maxResultsParam,
  nextTokenParam,
  pathName,
  regionParam,
} from "./fields.ts";

export const WorkflowPath = z.strictObject({ name: pathName("Workflow name") });
export const RunPath = z.strictObject({ name: pathName("Workflow name"), runId: pathName("Workflow run id") });

export const NoQuery = z.strictObject({});

/**
 * Where a run or workflow lives (docs/decisions/accounts-api.md): every route under
 * /workflows/{name} takes these; absent = the tracker's home account and region.
 */
export const accountScope = {
  account: accountParam("AWS account of the workflow (12 digits); default: the tracker's home account."),
  region: regionParam(
    "AWS region of the workflow, e.g. eu-west-1; default: the account's region when it is tracked in one, else the home region.",
  ),
};

/** The same two as filters of a list (GET /workflows, GET /runs). */
const accountFilter = {
  account: accountParam("Only this AWS account (12 digits)."),
  region: regionParam("Only this AWS region, e.g. eu-west-1."),
};

/** A route under /workflows/{name} that takes no other query parameter. */
export const ScopeQuery = z.strictObject(accountScope);

const includeGraph = () => booleanParam("Include the run's graph (Nodes and Edges), as Glue's IncludeGraph.");

/** GET /workflows: no account filter lists every account's workflows (the caller may see). */
export const WorkflowsQuery = z.strictObject({
  ...accountFilter,
  maxResults: maxResultsParam(),
  nextToken: nextTokenParam(),
});

export const GraphQuery = z.strictObject({ ...accountScope, includeGraph: includeGraph() });

/** Filters of a workflow's run history; StartedOn bounds are inclusive. */
export const ListRunsQuery = z
  .strictObject({
    ...accountScope,
    status: z.enum(WorkflowRunStatus, { error: "must be a WorkflowRunStatus" }).optional(),
    outcome: z.enum(Outcome, { error: "must be an Outcome" }).optional(),
    startedAfter: instantParam("Only runs started at or after this instant."),
    startedBefore: instantParam("Only runs started at or before this instant."),
    includeGraph: includeGraph(),
    maxResults: maxResultsParam(),
    nextToken: nextTokenParam(),
  })
  .check(orderedRange("startedAfter", "startedBefore"));

/**
 * The cross-workflow feed. `outcome` defaults to FAILED (what an on-call engineer
 * opens the feed for); RUNNING lists the active runs. One account at a time (each
 * account's outcome index is its own partition): `account`/`region` pick it, default
 * the home account (docs/decisions/accounts-api.md).
 */
export const RunsFeedQuery = z
  .strictObject({
    account: accountParam(
      "AWS account whose runs to list (12 digits); default: the home account (or the first account the caller may see).",
    ),
    region: regionParam(
      "AWS region whose runs to list; default: the account's region when it is tracked in one, else the home region.",
    ),
    outcome: z
      .enum(Outcome, { error: "must be an Outcome" })
      .optional()
      .transform((value) => value ?? Outcome.FAILED)
      .meta({ default: Outcome.FAILED, description: "Outcome to list; RUNNING lists the active runs." }),
    since: instantParam("Only runs started at or after this instant."),
    until: instantParam("Only runs started at or before this instant."),
    includeGraph: includeGraph(),
    maxResults: maxResultsParam(),
    nextToken: nextTokenParam(),
  })
  .check(orderedRange("since", "until"));

/** POST /workflows/batch-get: the seed's BatchGetWorkflows input, strict. */
export const BatchGetWorkflowsBody = z.strictObject(BatchGetWorkflowsInput.shape);

export const StartRunBody = z.strictObject({ RunProperties: runProperties().optional() });
export const PutRunPropertiesBody = z.strictObject({ RunProperties: runProperties() });
export const ResumeRunBody = z.strictObject({ NodeIds: nameList(1, 1000) });
/** PUT /workflows/{name}/settings: replaces the settings (a field left out goes back to its default). */
export const PutSettingsBody = Insights.SettingsBody;
/** Stop takes no fields; an empty body or `{}` is accepted. */
export const EmptyBody = z.strictObject({});

function orderedRange<K extends string>(from: K, to: K) {
  return (ctx: { value: Partial<Record<K, unknown>>; issues: z.core.$ZodRawIssue[] }) => {
    const start = ctx.value[from];
    const end = ctx.value[to];
    if (typeof start === "string" && typeof end === "string" && start > end) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        path: [from],
        message: `must not be later than ${to}`,
      });
    }
  };
}
