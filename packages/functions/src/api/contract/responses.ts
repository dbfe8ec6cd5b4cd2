/**
 * Response schemas: the seed's PascalCase shapes (timestamps as ISO-8601 UTC
 * strings) plus the tracker's fields. Handlers shape every body through these
 * (unknown top-level attributes are dropped, so storage internals never leak) and
 * the OpenAPI document publishes them. Glue-owned nested structures stay open
 * (loose) so a field Glue adds later is served, not silently lost.
 */
import { ObservedVia, Outcome, ResumeDecision } from "@glue-run-tracker/core";
import { NodeType, WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import * as z from "zod";

export const apiSchemas = z.registry<{ id: string; description?: string }>();

function component<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  apiSchemas.add(schema, description ? { id, description } : { id });
  return schema;
}

const timestamp = () => z.string().meta({ format: "date-time", description: "ISO-8601 UTC" });
const count = () => z.number().int().optional();
const properties = () => z.record(z.string(), z.string());

export const Statistics = component(
  "WorkflowRunStatistics",
  z.looseObject({
    TotalActions: count(),
    TimeoutActions: count(),
    FailedActions: count(),
    StoppedActions: count(),
    SucceededActions: count(),
    RunningActions: count(),
    ErroredActions: count(),
    WaitingActions: count(),
  }),
);

const JobRun = z.looseObject({
  Id: z.string().optional(),
  Attempt: z.number().optional(),
  PreviousRunId: z.string().optional(),
  TriggerName: z.string().optional(),
  JobName: z.string().optional(),
  StartedOn: timestamp().optional(),
  LastModifiedOn: timestamp().optional(),
  CompletedOn: timestamp().optional(),
  JobRunState: z.string().optional(),
  // No Arguments: the store keeps none (they may hold secrets; docs/decisions/security-job-arguments.md).
  ErrorMessage: z.string().optional(),
  ExecutionTime: z.number().optional(),
});

const Crawl = z.looseObject({
  State: z.string().optional(),
  StartedOn: timestamp().optional(),
  CompletedOn: timestamp().optional(),
  ErrorMessage: z.string().optional(),
  LogGroup: z.string().optional(),
  LogStream: z.string().optional(),
});

const Trigger = z.looseObject({
  Name: z.string().optional(),
  WorkflowName: z.string().optional(),
  Id: z.string().optional(),
  Type: z.string().optional(),
  State: z.string().optional(),
  Description: z.string().optional(),
  Schedule: z.string().optional(),
  Actions: z.array(z.looseObject({ JobName: z.string().optional(), CrawlerName: z.string().optional() })).optional(),
  Predicate: z
    .looseObject({ Logical: z.string().optional(), Conditions: z.array(z.looseObject({})).optional() })
    .optional(),
});

export const Graph = component(
  "WorkflowGraph",
  z.looseObject({
    Nodes: z
      .array(
        z.looseObject({
          Type: z.enum(NodeType).optional(),
          Name: z.string().optional(),
          UniqueId: z.string().optional(),
          TriggerDetails: z.looseObject({ Trigger: Trigger.optional() }).optional(),
          JobDetails: z.looseObject({ JobRuns: z.array(JobRun).optional() }).optional(),
          CrawlerDetails: z.looseObject({ Crawls: z.array(Crawl).optional() }).optional(),
        }),
      )
      .optional(),
    Edges: z.array(z.looseObject({ SourceId: z.string().optional(), DestinationId: z.string().optional() })).optional(),
  }),
);

export const FailedNode = component(
  "FailedNode",
  z.object({
    NodeId: z.string(),
    Type: z.enum(["JOB", "CRAWLER"]),
    Name: z.string(),
    State: z.string(),
    ErrorMessage: z.string().optional(),
  }),
);

export const AutoResume = component(
  "AutoResume",
  z.object({
    Attempts: z.number().int(),
    LastAttemptAt: timestamp().optional(),
    Decision: z.enum(ResumeDecision).optional(),
    Reason: z.string().optional(),
  }),
);

export const RunCost = component(
  "RunCost",
  z.object({
    DpuSeconds: z
      .number()
      .meta({ description: "DPU-seconds billed: Glue's DPUSeconds, or execution time × capacity." }),
    Amount: z.number().meta({ description: "DpuSeconds at the configured price per DPU-hour of each run's class." }),
    Currency: z.string(),
    Estimated: z
      .boolean()
      .meta({ description: "True when a part was estimated (crawls, unknown capacity, still running)." }),
  }),
  "The run's Glue cost from its job runs and crawls (docs/decisions/insights-cost-and-settings.md).",
);

/** Where a run or workflow lives (docs/decisions/accounts-api.md); absent only when the home account is not configured. */
const accountFields = {
  AccountId: z.string().optional().meta({ description: "The AWS account (12 digits) of the workflow." }),
  Region: z.string().optional().meta({ description: "The AWS region of the workflow." }),
  AccountAlias: z.string().optional().meta({ description: "The account's configured alias, when it has one." }),
};

/** One workflow run: Glue's WorkflowRun, plus the outcome, failed nodes and lineage. */
export const Run = component(
  "Run",
  z.object({
    ...accountFields,
    Name: z.string(),
    WorkflowRunId: z.string(),
    PreviousRunId: z.string().optional(),
    StartedOn: timestamp().optional(),
    CompletedOn: timestamp().optional(),
    Status: z.enum(WorkflowRunStatus).optional(),
    ErrorMessage: z.string().optional(),
    Statistics: Statistics.optional(),
    Graph: Graph.optional(),
    StartingEventBatchCondition: z
      .looseObject({ BatchSize: z.number().optional(), BatchWindow: z.number().optional() })
      .optional(),
    Outcome: z.enum(Outcome).meta({
      description:
        "The truth Glue's Status hides. UNKNOWN: Glue no longer knows the run (EntityNotFound on reads minutes apart, or its workflow was deleted); the tracker closed it, Status is the last observed, ClosedReason says why.",
    }),
    FailedNodes: z.array(FailedNode),
    ResumedAs: z.array(z.string()).optional(),
    AutoResume: AutoResume.optional(),
    FirstSeenAt: timestamp(),
    LastObservedAt: timestamp(),
    ObservedVia: z.enum(ObservedVia),
    ClosedReason: z
      .string()
      .optional()
      .meta({ description: "With Outcome UNKNOWN: why the tracker closed the run (what Glue answered, when)." }),
    ClosedAt: timestamp().optional().meta({ description: "With Outcome UNKNOWN: when the tracker closed the run." }),
    Cost: RunCost.optional(),
    Overdue: z
      .object({
        AnnouncedAt: timestamp(),
        LimitSeconds: z.number(),
        LimitSource: z.enum(["configured", "baseline"]),
        UsualSeconds: z.number().optional(),
        EndAnnouncedAt: timestamp().optional(),
      })
      .optional()
      .meta({
        description:
          "Set when the run was announced overdue (RUNNING past its workflow's limit), with that limit; EndAnnouncedAt once its end was announced.",
      }),
  }),
  "A workflow run as Glue describes it (WorkflowRun), plus Outcome, FailedNodes and lineage (PreviousRunId, ResumedAs, AutoResume).",
);

export const RunSummary = component(
  "RunSummary",
  z.object({
    WorkflowRunId: z.string(),
    Status: z.enum(WorkflowRunStatus).optional(),
    Outcome: z.enum(Outcome),
    StartedOn: timestamp().optional(),
    CompletedOn: timestamp().optional(),
  }),
);

/** Glue's Workflow shape; LastRun is the tracker's summary of the newest run. */
export const Workflow = component(
  "Workflow",
  z.object({
    ...accountFields,
    Name: z.string(),
    Description: z.string().optional(),
    CreatedOn: timestamp().optional(),
    LastModifiedOn: timestamp().optional(),
    LastRun: RunSummary.optional(),
    Graph: Graph.optional(),
    MaxConcurrentRuns: z.number().int().optional(),
    BlueprintDetails: z.looseObject({ BlueprintName: z.string().optional(), RunId: z.string().optional() }).optional(),
    DeletedFromGlueAt: timestamp().optional().meta({ description: "Set when Glue no longer knows the workflow." }),
    LastSyncedAt: timestamp().optional(),
  }),
);

export const TimelineEntry = component(
  "TimelineEntry",
  z.object({
    ObservedAt: timestamp(),
    ObservedVia: z.enum(ObservedVia),
    Status: z.enum(WorkflowRunStatus).optional(),
    Outcome: z.enum(Outcome),
    Statistics: Statistics.optional(),
  }),
);

const nextTokenField = () => z.string().optional().meta({ description: "Absent on the last page." });

export const WorkflowsPage = component(
  "WorkflowsPage",
  z.object({ Workflows: z.array(Workflow), NextToken: nextTokenField() }),
);
export const WorkflowResponse = component("WorkflowResponse", z.object({ Workflow }));
export const BatchGetWorkflowsResponse = component(
  "BatchGetWorkflowsResponse",
  z.object({ Workflows: z.array(Workflow), MissingWorkflows: z.array(z.string()) }),
);
export const RunsPage = component("RunsPage", z.object({ Runs: z.array(Run), NextToken: nextTokenField() }));
export const RunResponse = component("RunResponse", z.object({ Run }));
export const TimelineResponse = component("TimelineResponse", z.object({ Timeline: z.array(TimelineEntry) }));
export const RunPropertiesResponse = component("RunPropertiesResponse", z.object({ RunProperties: properties() }));
export const StartRunResponse = component("StartRunResponse", z.object({ RunId: z.string() }));
export const ResumeRunResponse = component(
  "ResumeRunResponse",
  z.object({ RunId: z.string(), NodeIds: z.array(z.string()) }),
);
/** A workflow's settings, defaults applied (PascalCase, as PUT takes them). */
export const WorkflowSettings = component(
  "WorkflowSettings",
  z.object({
    RunTimeLimitMinutes: z
      .number()
      .int()
      .optional()
      .meta({ description: "A run RUNNING longer than this is overdue." }),
    OverdueFactor: z
      .number()
      .meta({ description: "Without a limit: overdue after p95 of recent successful runs × this." }),
    MinRunsForBaseline: z
      .number()
      .int()
      .meta({ description: "Successful runs needed before the p95 baseline applies." }),
    ScheduleGraceMinutes: z
      .number()
      .int()
      .meta({ description: "A scheduled run not started this long after its slot is missed." }),
    MuteUntil: timestamp().optional().meta({ description: "No alerts for this workflow before this instant." }),
    SlackWebhook: z.string().optional().meta({ description: "Name of a configured Slack webhook (never a URL)." }),
    AutoResume: z.boolean().optional().meta({ description: "false: never auto-resume this workflow's runs." }),
  }),
);
export const SettingsResponse = component("SettingsResponse", z.object({ Settings: WorkflowSettings }));
/** Acknowledgements (stop, put properties) carry no fields. */
export const Acknowledged = component("Acknowledged", z.object({}));

export const OpenApiDocument = component(
  "OpenApiDocument",
  z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) }),
);

export const ErrorBody = component(
  "Error",
  z.object({
    Code: z.string().meta({ description: "Glue-style exception name, e.g. EntityNotFoundException." }),
    Message: z.string(),
    RequestId: z.string(),
  }),
);
