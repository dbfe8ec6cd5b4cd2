/** The seed's 13 Workflows operations validate with the seed's own schemas (shared with the tracker). */
import { seedInput } from "./rules.ts";

export const CreateWorkflowInput = seedInput("CreateWorkflow");
export const UpdateWorkflowInput = seedInput("UpdateWorkflow");
export const DeleteWorkflowInput = seedInput("DeleteWorkflow");
export const GetWorkflowInput = seedInput("GetWorkflow");
export const ListWorkflowsInput = seedInput("ListWorkflows");
export const BatchGetWorkflowsInput = seedInput("BatchGetWorkflows");
export const GetWorkflowRunInput = seedInput("GetWorkflowRun");
export const GetWorkflowRunsInput = seedInput("GetWorkflowRuns");
export const GetWorkflowRunPropertiesInput = seedInput("GetWorkflowRunProperties");
export const PutWorkflowRunPropertiesInput = seedInput("PutWorkflowRunProperties");
export const StartWorkflowRunInput = seedInput("StartWorkflowRun");
export const StopWorkflowRunInput = seedInput("StopWorkflowRun");
export const ResumeWorkflowRunInput = seedInput("ResumeWorkflowRun");
