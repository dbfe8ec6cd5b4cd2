/**
 * The two Glue calls auto-resume makes (and the only two its IAM policy allows):
 * ResumeWorkflowRun and GetWorkflowRun.
 */
import { GetWorkflowRunCommand, type GlueClient, ResumeWorkflowRunCommand } from "@aws-sdk/client-glue";
import type { WorkflowRun } from "@glue-run-tracker/glue-model";
import { toRunSnapshot } from "../workflow-run/snapshot.ts";
import type { RunSnapshot } from "../workflow-run/types.ts";
import { ResumeError } from "./errors.ts";

export interface ResumeGlue {
  /** ResumeWorkflowRun: the new run id and the node ids Glue accepted. */
  resumeWorkflowRun(input: { Name: string; RunId: string; NodeIds: string[] }): Promise<{
    RunId: string;
    NodeIds: string[];
  }>;
  /** GetWorkflowRun with the graph, as a snapshot (ISO-string dates). */
  getWorkflowRun(name: string, runId: string): Promise<RunSnapshot>;
}

/** Glue errors after which the same call can succeed later (the message is retried). */
const RETRYABLE_GLUE_ERRORS = new Set([
  "ThrottlingException",
  "InternalServiceException",
  "OperationTimeoutException",
  "ConcurrentRunsExceededException",
  "ConcurrentModificationException",
]);

/** Whether a failed Glue call is worth retrying (throttling, timeouts, network errors). */
export function isRetryableGlueError(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (RETRYABLE_GLUE_ERRORS.has(error.name)) return true;
  // A 4xx with a named exception is Glue refusing the request; anything else (5xx, no response) is transient.
  return status === undefined || status >= 500;
}

/**
 * @example
 * const glue = createResumeGlue(createGlueClient());
 * const { RunId } = await glue.resumeWorkflowRun({ Name: "nightly", RunId: "wr_1", NodeIds: ["job-1"] });
 */
export function createResumeGlue(client: Pick<GlueClient, "send">): ResumeGlue {
  return {
    async resumeWorkflowRun(input) {
      const output = await client.send(new ResumeWorkflowRunCommand(input));
      if (!output.RunId) throw new ResumeError("ResumeWorkflowRun returned no RunId");
      return { RunId: output.RunId, NodeIds: output.NodeIds ?? input.NodeIds };
    },
    async getWorkflowRun(name, runId) {
      const output = await client.send(new GetWorkflowRunCommand({ Name: name, RunId: runId, IncludeGraph: true }));
      if (!output.Run) throw new ResumeError(`GetWorkflowRun returned no run for ${name}/${runId}`);
      return toRunSnapshot(output.Run as WorkflowRun);
    },
  };
}
