/** Input schemas of the 13 seed operations, with every constraint the seed states. */
import * as z from "zod";
import { description, glueName, int32, maxResults, nameList, nextToken, runProperties, tags } from "./rules.ts";

const name = glueName();
const runId = glueName();

export const CreateWorkflowInput = z.object({
  Name: name,
  Description: description().optional(),
  DefaultRunProperties: runProperties().optional(),
  Tags: tags().optional(),
  MaxConcurrentRuns: int32().optional(),
});
export const UpdateWorkflowInput = z.object({
  Name: name,
  Description: description().optional(),
  DefaultRunProperties: runProperties().optional(),
  MaxConcurrentRuns: int32().optional(),
});
export const DeleteWorkflowInput = z.object({ Name: name });
export const GetWorkflowInput = z.object({ Name: name, IncludeGraph: z.boolean().optional() });
/** Glue caps ListWorkflows pages at 25. */
export const ListWorkflowsInput = z.object({
  NextToken: nextToken().optional(),
  MaxResults: maxResults(25).optional(),
});
export const BatchGetWorkflowsInput = z.object({ Names: nameList(1, 25), IncludeGraph: z.boolean().optional() });
export const GetWorkflowRunInput = z.object({ Name: name, RunId: runId, IncludeGraph: z.boolean().optional() });
export const GetWorkflowRunsInput = z.object({
  Name: name,
  IncludeGraph: z.boolean().optional(),
  NextToken: nextToken().optional(),
  MaxResults: maxResults(1000).optional(),
});
export const GetWorkflowRunPropertiesInput = z.object({ Name: name, RunId: runId });
export const PutWorkflowRunPropertiesInput = z.object({ Name: name, RunId: runId, RunProperties: runProperties() });
export const StartWorkflowRunInput = z.object({ Name: name, RunProperties: runProperties().optional() });
export const StopWorkflowRunInput = z.object({ Name: name, RunId: runId });
/** NodeIds: the model sets no bound; the seed requires at least one. */
export const ResumeWorkflowRunInput = z.object({ Name: name, RunId: runId, NodeIds: nameList(1) });

/** Operation name → input schema, for servers that dispatch by `X-Amz-Target`. */
export const WorkflowOperationInputs = {
  CreateWorkflow: CreateWorkflowInput,
  UpdateWorkflow: UpdateWorkflowInput,
  DeleteWorkflow: DeleteWorkflowInput,
  GetWorkflow: GetWorkflowInput,
  ListWorkflows: ListWorkflowsInput,
  BatchGetWorkflows: BatchGetWorkflowsInput,
  GetWorkflowRun: GetWorkflowRunInput,
  GetWorkflowRuns: GetWorkflowRunsInput,
  GetWorkflowRunProperties: GetWorkflowRunPropertiesInput,
  PutWorkflowRunProperties: PutWorkflowRunPropertiesInput,
  StartWorkflowRun: StartWorkflowRunInput,
  StopWorkflowRun: StopWorkflowRunInput,
  ResumeWorkflowRun: ResumeWorkflowRunInput,
} as const;
export type WorkflowOperation = keyof typeof WorkflowOperationInputs;
export type WorkflowOperationInput<Op extends WorkflowOperation> = z.output<(typeof WorkflowOperationInputs)[Op]>;
