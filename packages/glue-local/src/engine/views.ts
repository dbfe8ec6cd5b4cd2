/**
 * Records → the JSON Glue sends: PascalCase fields, timestamps as epoch seconds (fractional),
 * absent fields left out. These are the only wire shapes the operations return.
 */

import { dpuSeconds } from "./dpu-seconds.ts";
import { deriveGraph } from "./graph.ts";
import { DEFAULT_JOB_TIMEOUT_MINUTES } from "./job-runs.ts";
import type {
  CrawlerRecord,
  CrawlRecord,
  GlueState,
  JobRecord,
  JobRunRecord,
  TriggerRecord,
  WorkflowRecord,
  WorkflowRunRecord,
} from "./state.ts";
import { crawlerKey, jobKey } from "./state.ts";

export type Wire = Record<string, unknown>;

/** Epoch milliseconds → the epoch seconds AWS JSON protocols use. */
export const epochSeconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

export function triggerView(t: TriggerRecord): Wire {
  return {
    Name: t.name,
    WorkflowName: t.workflowName,
    Type: t.type,
    State: t.state,
    Description: t.description,
    Schedule: t.schedule,
    Actions: t.actions,
    Predicate: t.predicate,
    EventBatchingCondition: t.eventBatchingCondition,
  };
}

export function jobRunView(r: JobRunRecord, now: number): Wire {
  return {
    Id: r.id,
    Attempt: 0,
    TriggerName: r.triggerName,
    JobName: r.jobName,
    JobMode: "SCRIPT",
    StartedOn: epochSeconds(r.startedOn),
    LastModifiedOn: epochSeconds(r.lastModifiedOn),
    CompletedOn: epochSeconds(r.completedOn),
    JobRunState: r.state,
    Arguments: r.arguments,
    ErrorMessage: r.errorMessage,
    PredecessorRuns: [],
    ExecutionTime: Math.round(((r.completedOn ?? now) - r.startedOn) / 1000),
    Timeout: r.timeoutMinutes,
    LogGroupName: "/aws-glue/jobs",
    NotificationProperty: r.notifyDelayAfter === undefined ? undefined : { NotifyDelayAfter: r.notifyDelayAfter },
    ...r.capacity,
    DPUSeconds: dpuSeconds(r),
  };
}

export function crawlView(c: CrawlRecord): Wire {
  return {
    State: c.state,
    StartedOn: epochSeconds(c.startedOn),
    CompletedOn: epochSeconds(c.completedOn),
    ErrorMessage: c.errorMessage,
    LogGroup: "/aws-glue/crawlers",
    LogStream: c.crawlerName,
  };
}

export function jobView(j: JobRecord): Wire {
  const def = j.definition as { ExecutionProperty?: { MaxConcurrentRuns?: number } };
  return {
    ...j.definition,
    Name: j.name,
    JobMode: j.definition.JobMode ?? "SCRIPT",
    CreatedOn: epochSeconds(j.createdOn),
    LastModifiedOn: epochSeconds(j.lastModifiedOn),
    ExecutionProperty: { MaxConcurrentRuns: def.ExecutionProperty?.MaxConcurrentRuns ?? 1 },
    MaxRetries: j.definition.MaxRetries ?? 0,
    Timeout: j.definition.Timeout ?? DEFAULT_JOB_TIMEOUT_MINUTES,
  };
}

const LAST_CRAWL_STATUS: Record<string, string> = { SUCCEEDED: "SUCCEEDED", FAILED: "FAILED", CANCELLED: "CANCELLED" };

export function crawlerView(c: CrawlerRecord, now: number): Wire {
  const state = !c.current ? "READY" : c.current.state === "CANCELLING" ? "STOPPING" : "RUNNING";
  const last = c.last;
  return {
    ...c.definition,
    Name: c.name,
    Classifiers: c.definition.Classifiers ?? [],
    State: state,
    CrawlElapsedTime: c.current ? now - c.current.startedOn : 0,
    CreationTime: epochSeconds(c.createdOn),
    LastUpdated: epochSeconds(c.lastUpdated),
    LastCrawl: last && {
      Status: LAST_CRAWL_STATUS[last.state] ?? "FAILED",
      ErrorMessage: last.errorMessage,
      LogGroup: "/aws-glue/crawlers",
      LogStream: c.name,
      MessagePrefix: c.name,
      StartTime: epochSeconds(last.startedOn),
    },
    Version: c.version,
  };
}

/**
 * The graph of a workflow (static) or of one of its runs (with each node's JobRuns / Crawls in
 * that run).
 */
export function graphView(
  state: GlueState,
  workflowName: string,
  run: WorkflowRunRecord | undefined,
  now: number,
): Wire {
  const graph = deriveGraph(state, workflowName);
  const nodes = graph.nodes.map((n): Wire => {
    const node: Wire = { Type: n.type, Name: n.name, UniqueId: n.uniqueId };
    if (n.trigger) node.TriggerDetails = { Trigger: triggerView(n.trigger) };
    if (!run) return node;
    if (n.type === "JOB") {
      const jobRuns = run.actions.flatMap((a) =>
        a.kind === "job" && jobKey(a.jobRun.jobName) === n.key ? [jobRunView(a.jobRun, now)] : [],
      );
      if (jobRuns.length > 0) node.JobDetails = { JobRuns: jobRuns };
    } else if (n.type === "CRAWLER") {
      const crawls = run.actions.flatMap((a) =>
        a.kind === "crawl" && crawlerKey(a.crawl.crawlerName) === n.key ? [crawlView(a.crawl)] : [],
      );
      if (crawls.length > 0) node.CrawlerDetails = { Crawls: crawls };
    }
    return node;
  });
  return {
    Nodes: nodes,
    Edges: graph.edges.map((e) => ({ SourceId: e.sourceId, DestinationId: e.destinationId })),
  };
}

export function workflowRunView(state: GlueState, r: WorkflowRunRecord, includeGraph: boolean, now: number): Wire {
  return {
    Name: r.workflowName,
    WorkflowRunId: r.runId,
    PreviousRunId: r.previousRunId,
    WorkflowRunProperties: r.properties,
    StartedOn: epochSeconds(r.startedOn),
    CompletedOn: epochSeconds(r.completedOn),
    Status: r.status,
    ErrorMessage: r.errorMessage,
    Statistics: { ...r.statistics },
    Graph: includeGraph ? graphView(state, r.workflowName, r, now) : undefined,
  };
}

/** The workflow's most recent run (by start), if Glue still remembers one. */
export function lastRunOf(state: GlueState, workflowName: string): WorkflowRunRecord | undefined {
  let last: WorkflowRunRecord | undefined;
  for (const run of state.runs.get(workflowName)?.values() ?? []) if (!last || run.seq > last.seq) last = run;
  return last;
}

export function workflowView(state: GlueState, w: WorkflowRecord, includeGraph: boolean, now: number): Wire {
  const lastRun = lastRunOf(state, w.name);
  return {
    Name: w.name,
    Description: w.description,
    DefaultRunProperties: w.defaultRunProperties,
    CreatedOn: epochSeconds(w.createdOn),
    LastModifiedOn: epochSeconds(w.lastModifiedOn),
    LastRun: lastRun && workflowRunView(state, lastRun, includeGraph, now),
    Graph: includeGraph ? graphView(state, w.name, undefined, now) : undefined,
    MaxConcurrentRuns: w.maxConcurrentRuns,
  };
}
