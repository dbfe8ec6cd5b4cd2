/** Every operation glue-local serves, by the name that follows `AWSGlue.` in X-Amz-Target. */
import { BatchGetWorkflows } from "./batch-get-workflows.ts";
import { BatchStopJobRun } from "./batch-stop-job-run.ts";
import { CreateCrawler } from "./create-crawler.ts";
import { CreateJob } from "./create-job.ts";
import { CreateTrigger } from "./create-trigger.ts";
import { CreateWorkflow } from "./create-workflow.ts";
import { DeleteCrawler } from "./delete-crawler.ts";
import { DeleteJob } from "./delete-job.ts";
import { DeleteTrigger } from "./delete-trigger.ts";
import { DeleteWorkflow } from "./delete-workflow.ts";
import { GetCrawler } from "./get-crawler.ts";
import { GetJob } from "./get-job.ts";
import { GetJobRun } from "./get-job-run.ts";
import { GetJobRuns } from "./get-job-runs.ts";
import { GetTrigger } from "./get-trigger.ts";
import { GetTriggers } from "./get-triggers.ts";
import { GetWorkflow } from "./get-workflow.ts";
import { GetWorkflowRun } from "./get-workflow-run.ts";
import { GetWorkflowRunProperties } from "./get-workflow-run-properties.ts";
import { GetWorkflowRuns } from "./get-workflow-runs.ts";
import { ListWorkflows } from "./list-workflows.ts";
import type { RegisteredOperation } from "./operation.ts";
import { PutWorkflowRunProperties } from "./put-workflow-run-properties.ts";
import { ResumeWorkflowRun } from "./resume-workflow-run.ts";
import { StartCrawler } from "./start-crawler.ts";
import { StartJobRun } from "./start-job-run.ts";
import { StartTrigger } from "./start-trigger.ts";
import { StartWorkflowRun } from "./start-workflow-run.ts";
import { StopCrawler } from "./stop-crawler.ts";
import { StopTrigger } from "./stop-trigger.ts";
import { StopWorkflowRun } from "./stop-workflow-run.ts";
import { UpdateJob } from "./update-job.ts";
import { UpdateTrigger } from "./update-trigger.ts";
import { UpdateWorkflow } from "./update-workflow.ts";

export const operations: Readonly<Record<string, RegisteredOperation>> = {
  // Workflows (the seed's 13)
  CreateWorkflow,
  UpdateWorkflow,
  DeleteWorkflow,
  GetWorkflow,
  ListWorkflows,
  BatchGetWorkflows,
  GetWorkflowRun,
  GetWorkflowRuns,
  GetWorkflowRunProperties,
  PutWorkflowRunProperties,
  StartWorkflowRun,
  StopWorkflowRun,
  ResumeWorkflowRun,
  // Jobs
  CreateJob,
  GetJob,
  UpdateJob,
  DeleteJob,
  StartJobRun,
  GetJobRun,
  GetJobRuns,
  BatchStopJobRun,
  // Crawlers
  CreateCrawler,
  GetCrawler,
  DeleteCrawler,
  StartCrawler,
  StopCrawler,
  // Triggers
  CreateTrigger,
  GetTrigger,
  UpdateTrigger,
  DeleteTrigger,
  GetTriggers,
  StartTrigger,
  StopTrigger,
};

export type OperationName = keyof typeof operations;
