/**
 * Everything ingest reads while it links and records one batch, each read made at
 * most once per batch however many of the batch's events need it (coalescing).
 * A read made while a batch is handled reflects every event of the batch (they all
 * happened before the batch was received), so one read per run serves them all.
 * Reads only: nothing here writes to the store or to Glue.
 */
import type { JobRun, Trigger } from "@glue-run-tracker/glue-model";
import type { GlueGateway } from "../glue/gateway.ts";
import type { RunStore } from "../store/run-store.ts";
import type { Jsonified, Outcome, RunSnapshot } from "../workflow-run/types.ts";
import { type JobRunLinks, type NodeIndexCache, type RunRef, refKey } from "./deps.ts";

/** The Glue reads ingest makes (a narrowing of the project's Glue client). */
export type IngestGlueReads = Pick<GlueGateway, "getJobRun" | "getTrigger" | "getWorkflowRun" | "getWorkflowRuns">;

export interface BatchReaderDeps {
  glue: IngestGlueReads;
  store: Pick<RunStore, "workflowsContaining" | "listRuns">;
  links?: Pick<JobRunLinks, "get">;
  nodeIndex?: NodeIndexCache;
  /** Newest runs read per workflow when an action event needs its run (default 10). */
  recentRunsPerWorkflow?: number;
}

export type JobNodeName = { jobName: string } | { crawlerName: string };

export interface BatchReader {
  /** The link an earlier batch of this process found for the job run ("standalone": none). */
  knownLink(jobRunId: string): RunRef | "standalone" | undefined;
  /** The workflows whose graph holds the job or crawler (the store's node index). */
  workflowsContaining(node: JobNodeName): Promise<string[]>;
  /** GetWorkflowRun(IncludeGraph), or the run from a GetWorkflowRuns page of this batch. */
  workflowRun(ref: RunRef): Promise<RunSnapshot | undefined>;
  /** The workflow's newest runs with graphs (one GetWorkflowRuns); primes workflowRun for each. */
  recentRuns(workflowName: string): Promise<RunSnapshot[]>;
  /** Runs of the workflow the store holds as active (Outcome RUNNING). */
  activeRunIds(workflowName: string): Promise<string[]>;
  jobRun(jobName: string, jobRunId: string): Promise<Jsonified<JobRun> | undefined>;
  trigger(name: string): Promise<Jsonified<Trigger> | undefined>;
}

const ACTIVE: Outcome = "RUNNING";

/**
 * Starts the reads of one batch; drop it with the batch.
 *
 * @example
 * const reader = createBatchReader(deps);
 * const run = await reader.workflowRun({ workflowName: "etl", runId: "wr_1" }); // one GetWorkflowRun per batch
 */
export function createBatchReader(deps: BatchReaderDeps): BatchReader {
  const runs = new Map<string, Promise<RunSnapshot | undefined>>();
  const recent = new Map<string, Promise<RunSnapshot[]>>();
  const active = new Map<string, Promise<string[]>>();
  const containing = new Map<string, Promise<string[]>>();
  const jobRuns = new Map<string, Promise<Jsonified<JobRun> | undefined>>();
  const triggers = new Map<string, Promise<Jsonified<Trigger> | undefined>>();

  return {
    knownLink: (jobRunId) => deps.links?.get(jobRunId),

    workflowsContaining(node) {
      const key = "jobName" in node ? `job:${node.jobName}` : `crawler:${node.crawlerName}`;
      return memo(containing, key, async () => {
        // The process-wide cache of the node index: a read-through cache, not the store.
        const cached = deps.nodeIndex?.get(key);
        if (cached) return cached;
        const workflows = await deps.store.workflowsContaining(node);
        deps.nodeIndex?.set(key, workflows);
        return workflows;
      });
    },

    workflowRun: (ref) => memo(runs, refKey(ref), () => deps.glue.getWorkflowRun(ref.workflowName, ref.runId)),

    recentRuns(workflowName) {
      return memo(recent, workflowName, async () => {
        const page = await deps.glue.getWorkflowRuns(workflowName, {
          includeGraph: true,
          maxResults: deps.recentRunsPerWorkflow ?? 10,
        });
        const items = page?.items ?? [];
        for (const run of items) {
          if (!run.WorkflowRunId) continue;
          const key = refKey({ workflowName, runId: run.WorkflowRunId });
          if (!runs.has(key)) runs.set(key, Promise.resolve(run));
        }
        return items;
      });
    },

    activeRunIds(workflowName) {
      return memo(active, workflowName, async () => {
        const ids: string[] = [];
        let nextToken: string | undefined;
        do {
          const page = await deps.store.listRuns(workflowName, { outcome: ACTIVE, maxResults: 100, nextToken });
          ids.push(...page.items.map((run) => run.WorkflowRunId));
          nextToken = page.nextToken;
        } while (nextToken);
        return ids;
      });
    },

    jobRun: (jobName, jobRunId) =>
      memo(jobRuns, `${jobName}\u0000${jobRunId}`, () => deps.glue.getJobRun(jobName, jobRunId)),

    trigger: (name) => memo(triggers, name, () => deps.glue.getTrigger(name)),
  };
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    cache.set(key, pending);
  }
  return pending;
}
