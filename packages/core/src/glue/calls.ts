/**
 * The Glue calls each function makes: one list per function kind, the single
 * source of the function's Glue type (GlueFor<kind>, a narrowing of GlueGateway)
 * and of its IAM grant (stacks/* grant exactly glueActions(kind)). A function that
 * starts calling something new fails the typecheck until the list — and so its
 * grant — says so. See docs/decisions/glue-one-client.md.
 */

import type { RolePurpose } from "../accounts/account.ts";

export const GlueOperation = {
  GetJobRun: "GetJobRun",
  GetTrigger: "GetTrigger",
  GetWorkflow: "GetWorkflow",
  GetWorkflowRun: "GetWorkflowRun",
  GetWorkflowRuns: "GetWorkflowRuns",
  ListWorkflows: "ListWorkflows",
  StartWorkflowRun: "StartWorkflowRun",
  StopWorkflowRun: "StopWorkflowRun",
  ResumeWorkflowRun: "ResumeWorkflowRun",
  GetWorkflowRunProperties: "GetWorkflowRunProperties",
  PutWorkflowRunProperties: "PutWorkflowRunProperties",
} as const;
export type GlueOperation = (typeof GlueOperation)[keyof typeof GlueOperation];

/** The IAM resource type each call acts on; undefined = none (IAM accepts only "*"). */
export const GlueResourceOf: Readonly<Record<GlueOperation, "job" | "trigger" | "workflow" | undefined>> = {
  GetJobRun: "job",
  GetTrigger: "trigger",
  GetWorkflow: "workflow",
  GetWorkflowRun: "workflow",
  GetWorkflowRuns: "workflow",
  ListWorkflows: undefined,
  StartWorkflowRun: "workflow",
  StopWorkflowRun: "workflow",
  ResumeWorkflowRun: "workflow",
  GetWorkflowRunProperties: "workflow",
  PutWorkflowRunProperties: "workflow",
};

const O = GlueOperation;

/** Per function kind (the names of FunctionConfig in packages/functions), the Glue calls it makes. */
export const GlueCalls = {
  /** Linking job and trigger events to their run, and reading the run. */
  ingest: [O.GetJobRun, O.GetTrigger, O.GetWorkflowRun, O.GetWorkflowRuns],
  /** Discovering workflows and their runs. */
  reconciler: [O.ListWorkflows, O.GetWorkflow, O.GetWorkflowRun, O.GetWorkflowRuns],
  /** The API's commands, and reading the run each one touched. */
  commands: [
    O.StartWorkflowRun,
    O.StopWorkflowRun,
    O.ResumeWorkflowRun,
    O.GetWorkflowRunProperties,
    O.PutWorkflowRunProperties,
    O.GetWorkflowRun,
  ],
  /** Auto-resume: the resume, then the new run's first snapshot. */
  resumeWorker: [O.ResumeWorkflowRun, O.GetWorkflowRun],
  /** The backfill CLI (runs with the operator's credentials, not a function role). */
  backfill: [O.ListWorkflows, O.GetWorkflow, O.GetWorkflowRuns],
} as const satisfies Record<string, readonly GlueOperation[]>;
export type GlueCaller = keyof typeof GlueCalls;

/** "GetWorkflowRun" → "getWorkflowRun": the GlueGateway method of a call. */
export type GlueMethod<Op extends GlueOperation> = Uncapitalize<Op>;

/**
 * The IAM actions of a function kind's calls, e.g. ["glue:ResumeWorkflowRun", "glue:GetWorkflowRun"].
 *
 * @example
 * commandScopeStatement(stack, glueActions("resumeWorker"), scope);
 */
export function glueActions(caller: GlueCaller, resource?: "job" | "trigger" | "workflow" | "none"): string[] {
  return GlueCalls[caller]
    .filter((op) => resource === undefined || (GlueResourceOf[op] ?? "none") === resource)
    .map((op) => `glue:${op}`);
}

/**
 * Which member role each caller uses in a member account (docs/decisions/accounts-member-stack.md):
 * "read" for the callers that only observe, "operate" for those that change runs. The member
 * stack grants each role the union of its callers' calls; the central stack grants each
 * function sts:AssumeRole on the roles of its purpose only.
 */
export const GluePurposeOf = {
  ingest: "read",
  reconciler: "read",
  backfill: "read",
  commands: "operate",
  resumeWorker: "operate",
} as const satisfies Record<GlueCaller, RolePurpose>;

/**
 * The callers that use a member role of this purpose.
 *
 * @example
 * glueCallersOf("operate"); // ["commands", "resumeWorker"]
 */
export function glueCallersOf(purpose: RolePurpose): GlueCaller[] {
  return (Object.keys(GluePurposeOf) as GlueCaller[]).filter((caller) => GluePurposeOf[caller] === purpose);
}
