/**
 * The Glue gateway: the one client for every Glue call the tracker makes (ingest,
 * re-checks, the reconciler, backfill, commands, auto-resume). It converts Glue's
 * Date-typed shapes to the tracker's ISO-string shapes, answers "not found" with
 * undefined on reads (Glue forgets runs after 90 days, and deleted workflows are
 * normal), retries throttling a little with jitter before giving up with a
 * retryable GlueCallError (the queue retries the message), can abort a call that
 * takes too long, and counts every call it sends (the bench's calls per change).
 * Every failure goes through the one classifier (classify.ts). Each function
 * narrows it to the calls it makes: GlueFor<kind> (calls.ts).
 */
import {
  GetJobRunCommand,
  GetTriggerCommand,
  GetWorkflowCommand,
  GetWorkflowRunCommand,
  GetWorkflowRunPropertiesCommand,
  GetWorkflowRunsCommand,
  type GlueClient,
  ListWorkflowsCommand,
  PutWorkflowRunPropertiesCommand,
  ResumeWorkflowRunCommand,
  StartWorkflowRunCommand,
  StopWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import type { JobRun, RunProperties, Trigger, Workflow, WorkflowRun } from "@glue-run-tracker/glue-model";
import { jsonify } from "../workflow-run/snapshot.ts";
import type { Jsonified, RunSnapshot } from "../workflow-run/types.ts";
import { type GlueCaller, GlueCalls, type GlueMethod, GlueOperation } from "./calls.ts";
import { toGlueCallError } from "./classify.ts";
import { GlueCallError, GlueFailure } from "./errors.ts";

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
  /** StartWorkflowRun: the new run's id. */
  startWorkflowRun(name: string, runProperties?: RunProperties): Promise<string>;
  /** StopWorkflowRun (IllegalWorkflowStateException when the run is not running). */
  stopWorkflowRun(name: string, runId: string): Promise<void>;
  /** ResumeWorkflowRun: the new run's id and the node ids Glue accepted. */
  resumeWorkflowRun(name: string, runId: string, nodeIds: string[]): Promise<{ runId: string; nodeIds: string[] }>;
  /** GetWorkflowRunProperties; a GlueCallError with failure "not-found" once Glue forgot the run. */
  getWorkflowRunProperties(name: string, runId: string): Promise<RunProperties>;
  putWorkflowRunProperties(name: string, runId: string, runProperties: RunProperties): Promise<void>;
  /** Calls sent so far (throttled attempts included: Glue saw them). */
  calls(): CallCounts;
  resetCalls(): void;
}

/**
 * The gateway narrowed to the calls a function kind makes (GlueCalls in calls.ts).
 *
 * @example
 * interface ResumeWorkerDeps { glue: GlueFor<"resumeWorker"> } // resumeWorkflowRun + getWorkflowRun only
 */
export type GlueFor<K extends GlueCaller> = Pick<GlueGateway, GlueMethod<(typeof GlueCalls)[K][number]>>;

export interface GlueGatewayOptions {
  client: Pick<GlueClient, "send">;
  /** Abort a call after this long (a GlueCallError "timed-out"); unset = the client's own timeouts. */
  abortAfterMs?: number;
  /** Extra attempts after a ThrottlingException before giving up (default 2; 0 for calls a person waits on). */
  throttleRetries?: number;
  /** Base of the full-jitter backoff between throttled attempts (default 100 ms). */
  throttleBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const zeroCounts = (): CallCounts =>
  Object.fromEntries([["total", 0], ...Object.values(GlueOperation).map((op) => [op, 0])]) as CallCounts;

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

  const { client, abortAfterMs } = options;

  async function call<T>(operation: GlueOperation, send: (options: { abortSignal?: AbortSignal }) => Promise<T>) {
    for (let attempt = 0; ; attempt++) {
      counts[operation]++;
      counts.total++;
      try {
        return await send(abortAfterMs ? { abortSignal: AbortSignal.timeout(abortAfterMs) } : {});
      } catch (error) {
        const failed = toGlueCallError(operation, error);
        const throttled = failed instanceof GlueCallError && failed.failure === GlueFailure.Throttled;
        if (!throttled || attempt >= retries) throw failed;
        await sleep(Math.random() * backoff * 2 ** attempt);
      }
    }
  }

  async function orUndefined<T>(
    operation: GlueOperation,
    send: (options: { abortSignal?: AbortSignal }) => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await call(operation, send);
    } catch (error) {
      if (error instanceof GlueCallError && error.failure === GlueFailure.NotFound) return undefined;
      throw error;
    }
  }

  return {
    async getJobRun(jobName, runId) {
      const out = await orUndefined(GlueOperation.GetJobRun, (o) =>
        client.send(new GetJobRunCommand({ JobName: jobName, RunId: runId }), o),
      );
      return out?.JobRun ? jsonify(out.JobRun as JobRun) : undefined;
    },
    async getTrigger(name) {
      const out = await orUndefined(GlueOperation.GetTrigger, (o) =>
        client.send(new GetTriggerCommand({ Name: name }), o),
      );
      return out?.Trigger ? jsonify(out.Trigger as Trigger) : undefined;
    },
    async getWorkflowRun(name, runId, opts) {
      const input = { Name: name, RunId: runId, IncludeGraph: opts?.includeGraph ?? true };
      const out = await orUndefined(GlueOperation.GetWorkflowRun, (o) =>
        client.send(new GetWorkflowRunCommand(input), o),
      );
      // The SDK types enums as plain strings; Glue's values are the seed's.
      return out?.Run ? jsonify(out.Run as WorkflowRun) : undefined;
    },
    async getWorkflowRuns(name, opts) {
      const input = {
        Name: name,
        IncludeGraph: opts?.includeGraph ?? true,
        MaxResults: opts?.maxResults,
        NextToken: opts?.nextToken,
      };
      const out = await orUndefined(GlueOperation.GetWorkflowRuns, (o) =>
        client.send(new GetWorkflowRunsCommand(input), o),
      );
      if (!out) return undefined;
      return { items: (out.Runs ?? []).map((run) => jsonify(run as WorkflowRun)), nextToken: out.NextToken };
    },
    async getWorkflow(name, opts) {
      const out = await orUndefined(GlueOperation.GetWorkflow, (o) =>
        client.send(new GetWorkflowCommand({ Name: name, IncludeGraph: opts?.includeGraph ?? true }), o),
      );
      return out?.Workflow ? jsonify(out.Workflow as Workflow) : undefined;
    },
    async listWorkflows(opts) {
      const out = await call(GlueOperation.ListWorkflows, (o) =>
        client.send(new ListWorkflowsCommand({ MaxResults: opts?.maxResults, NextToken: opts?.nextToken }), o),
      );
      return { items: out.Workflows ?? [], nextToken: out.NextToken };
    },
    async startWorkflowRun(name, runProperties) {
      const out = await call(GlueOperation.StartWorkflowRun, (o) =>
        client.send(new StartWorkflowRunCommand({ Name: name, RunProperties: runProperties }), o),
      );
      return out.RunId as string;
    },
    async stopWorkflowRun(name, runId) {
      await call(GlueOperation.StopWorkflowRun, (o) =>
        client.send(new StopWorkflowRunCommand({ Name: name, RunId: runId }), o),
      );
    },
    async resumeWorkflowRun(name, runId, nodeIds) {
      const out = await call(GlueOperation.ResumeWorkflowRun, (o) =>
        client.send(new ResumeWorkflowRunCommand({ Name: name, RunId: runId, NodeIds: nodeIds }), o),
      );
      return { runId: out.RunId as string, nodeIds: out.NodeIds ?? nodeIds };
    },
    async getWorkflowRunProperties(name, runId) {
      const out = await call(GlueOperation.GetWorkflowRunProperties, (o) =>
        client.send(new GetWorkflowRunPropertiesCommand({ Name: name, RunId: runId }), o),
      );
      return out.RunProperties ?? {};
    },
    async putWorkflowRunProperties(name, runId, runProperties) {
      const input = { Name: name, RunId: runId, RunProperties: runProperties };
      await call(GlueOperation.PutWorkflowRunProperties, (o) =>
        client.send(new PutWorkflowRunPropertiesCommand(input), o),
      );
    },
    calls: () => ({ ...counts }),
    resetCalls() {
      counts = zeroCounts();
    },
  };
}

/**
 * The gateway with only `caller`'s calls (and its call counts): what a function is
 * handed, so even a cast cannot reach a call outside its list (and its IAM grant).
 *
 * @example
 * const glue = narrowGlue(createGlueGateway({ client }), "resumeWorker");
 * Object.keys(glue); // ["calls", "resetCalls", "resumeWorkflowRun", "getWorkflowRun"]
 */
export function narrowGlue<K extends GlueCaller>(
  gateway: GlueGateway,
  caller: K,
): GlueFor<K> & Pick<GlueGateway, "calls" | "resetCalls"> {
  const narrowed: Record<string, unknown> = { calls: gateway.calls, resetCalls: gateway.resetCalls };
  for (const operation of GlueCalls[caller]) {
    const method = `${operation[0]?.toLowerCase()}${operation.slice(1)}` as keyof GlueGateway;
    narrowed[method] = gateway[method];
  }
  return narrowed as GlueFor<K> & Pick<GlueGateway, "calls" | "resetCalls">;
}
