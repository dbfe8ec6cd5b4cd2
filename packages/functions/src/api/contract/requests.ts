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
import { booleanParam, instantParam, maxResultsParam, nextTokenParam, pathName } from "./fields.ts";

export const WorkflowPath = z.strictObject({ name: pathName("Workflow name") });
export const RunPath = z.strictObject({ name: pathName("Workflow name"), runId: pathName("Workflow run id") });

export const NoQuery = z.strictObject({});

const includeGraph = () => booleanParam("Include the run's graph (Nodes and Edges), as Glue's IncludeGraph.");

export const PageQuery = z.strictObject({ maxResults: maxResultsParam(), nextToken: nextTokenParam() });

export const GraphQuery = z.strictObject({ includeGraph: includeGraph() });

/** Filters of a workflow's run history; StartedOn bounds are inclusive. */
export const ListRunsQuery = z
  .strictObject({
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
 * opens the feed for); RUNNING lists the active runs.
 */
export const RunsFeedQuery = z
  .strictObject({
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
