/**
 * The Glue gateway: the only Glue calls the domain makes (ingest, re-checks, the
 * reconciler, backfill). It converts Glue's Date-typed shapes to the tracker's
 * ISO-string shapes, answers "not found" with undefined (Glue forgets runs after
 * 90 days, and deleted workflows are normal), retries throttling a little with
 * jitter before giving up with a retryable GlueThrottledError (the queue retries
 * the message), and counts every call it sends (the bench's calls per change).
 */
import {
  GetJobRunCommand,
  GetTriggerCommand,
  GetWorkflowCommand,
  GetWorkflowRunCommand,
  GetWorkflowRunsCommand,
  type GlueClient,
  ListWorkflowsCommand,
} from "@aws-sdk/client-glue";
import type { JobRun, Trigger, Workflow, WorkflowRun } from "@glue-run-tracker/glue-model";
import { jsonify } from "../workflow-run/snapshot.ts";
import type { Jsonified, RunSnapshot } from "../workflow-run/types.ts";
import { isEntityNotFound, isThrottling, toGatewayError } from "./classify.ts";

export const GlueOperation = {
  GetJobRun: "GetJobRun",
  GetTrigger: "GetTrigger",
  GetWorkflowRun: "GetWorkflowRun",
  GetWorkflowRuns: "GetWorkflowRuns",
  GetWorkflow: "GetWorkflow",
  ListWorkflows: "ListWorkflows",
} as const;
export type GlueOperation = (typeof GlueOperation)[keyof typeof GlueOperation];

export type CallCounts = Record<GlueOperation, number> & { total: number };

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface GlueGateway {
  /** GetJobRun; undefined when Glue does not know the run. */
  getJobRun(jobName: string, runId: string): Promise<Jsonified<JobRun> | undefined>;
  getTrigger(name: string): Promise<Jsonified<Trigger> | undefined>;
  /** GetWorkflowRun with the graph (unless includeGraph: false); undefined once Glue forgot the run. */
  getWorkflowRun(name: string, runId: string, options?: { includeGraph?: boolean }): Promise<RunSnapshot | undefined>;
  /** One page of GetWorkflowRuns, newest first; undefined when the workflow does not exist. */
  getWorkflowRuns(
    name: string,
    options?: { includeGraph?: boolean; maxResults?: number; nextToken?: string },
  ): Promise<Page<RunSnapshot> | undefined>;
  getWorkflow(name: string, options?: { includeGraph?: boolean }): Promise<Jsonified<Workflow> | undefined>;
  /** One page of workflow names. */
  listWorkflows(options?: { maxResults?: number; nextToken?: string }): Promise<Page<string>>;
  /** Calls sent so far (throttled attempts included: Glue saw them). */
  calls(): CallCounts;
  resetCalls(): void;
}

export interface GlueGatewayOptions {
  client: GlueClient;
  /** Extra attempts after a ThrottlingException before giving up (default 2). */
  throttleRetries?: number;
  /** Base of the full-jitter backoff between throttled attempts (default 100 ms). */
  throttleBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const zeroCounts = (): CallCounts => ({
  total: 0,
  GetJobRun: 0,
  GetTrigger: 0,
  GetWorkflowRun: 0,
  GetWorkflowRuns: 0,
  GetWorkflow: 0,
  ListWorkflows: 0,
});

/**
 * @example
 * const glue = createGlueGateway({ client: createGlueClient() });
 * const run = await glue.getWorkflowRun("nightly", "wr_123"); // RunSnapshot with Graph, or undefined
 */
export function createGlueGateway(options: GlueGatewayOptions): GlueGateway {
  const retries = options.throttleRetries ?? 2;
  const backoff = options.throttleBackoffMs ?? 100;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let counts = zeroCounts();

  async function call<T>(operation: GlueOperation, send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      counts[operation]++;
      counts.total++;
      try {
        return await send();
      } catch (error) {
        if (!isThrottling(error) || attempt >= retries) throw toGatewayError(operation, error);
        await sleep(Math.random() * backoff * 2 ** attempt);
      }
    }
  }

  async function orUndefined<T>(operation: GlueOperation, send: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call(operation, send);
    } catch (error) {
      if (isEntityNotFound((error as { cause?: unknown }).cause)) return undefined;
      throw error;
    }
  }

  const { client } = options;
  return {
    async getJobRun(jobName, runId) {
      const out = await orUndefined(GlueOperation.GetJobRun, () =>
        client.send(new GetJobRunCommand({ JobName: jobName, RunId: runId })),
      );
      return out?.JobRun ? jsonify(out.JobRun as JobRun) : undefined;
    },
    async getTrigger(name) {
      const out = await orUndefined(GlueOperation.GetTrigger, () => client.send(new GetTriggerCommand({ Name: name })));
      return out?.Trigger ? jsonify(out.Trigger as Trigger) : undefined;
    },
    async getWorkflowRun(name, runId, opts) {
      const out = await orUndefined(GlueOperation.GetWorkflowRun, () =>
        client.send(new GetWorkflowRunCommand({ Name: name, RunId: runId, IncludeGraph: opts?.includeGraph ?? true })),
      );
      return out?.Run ? jsonify(out.Run as WorkflowRun) : undefined;
    },
    async getWorkflowRuns(name, opts) {
      const out = await orUndefined(GlueOperation.GetWorkflowRuns, () =>
        client.send(
          new GetWorkflowRunsCommand({
            Name: name,
            IncludeGraph: opts?.includeGraph ?? true,
            MaxResults: opts?.maxResults,
            NextToken: opts?.nextToken,
          }),
        ),
      );
      if (!out) return undefined;
      return { items: (out.Runs ?? []).map((run) => jsonify(run as WorkflowRun)), nextToken: out.NextToken };
    },
    async getWorkflow(name, opts) {
      const out = await orUndefined(GlueOperation.GetWorkflow, () =>
        client.send(new GetWorkflowCommand({ Name: name, IncludeGraph: opts?.includeGraph ?? true })),
      );
      return out?.Workflow ? jsonify(out.Workflow as Workflow) : undefined;
    },
    async listWorkflows(opts) {
      const out = await call(GlueOperation.ListWorkflows, () =>
        client.send(new ListWorkflowsCommand({ MaxResults: opts?.maxResults, NextToken: opts?.nextToken })),
      );
      return { items: out.Workflows ?? [], nextToken: out.NextToken };
    },
    calls: () => ({ ...counts }),
    resetCalls() {
      counts = zeroCounts();
    },
  };
}
