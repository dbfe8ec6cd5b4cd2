/**
 * The truth Glue's Status hides. A COMPLETED run may have failed actions; the
 * tracker's Outcome says so, and FailedNodes names them (docs/architecture.md#outcome-and-failed-nodes).
 */
import {
  CrawlState,
  JobRunState,
  NodeType,
  type WorkflowRunStatistics,
  WorkflowRunStatus,
} from "@glue-run-tracker/glue-model";
import { type FailedNode, Outcome, type RunSnapshot } from "./types.ts";

type GraphNode = NonNullable<NonNullable<RunSnapshot["Graph"]>["Nodes"]>[number];

const FAILED_JOB_STATES: ReadonlySet<string> = new Set([
  JobRunState.FAILED,
  JobRunState.TIMEOUT,
  JobRunState.ERROR,
  JobRunState.EXPIRED,
]);
const FAILED_CRAWL_STATES: ReadonlySet<string> = new Set([CrawlState.FAILED, CrawlState.ERROR]);
const STOPPED_STATES: ReadonlySet<string> = new Set([JobRunState.STOPPED, CrawlState.CANCELLED]);

/**
 * Outcome of a run snapshot:
 * - RUNNING while Status is RUNNING or STOPPING (or not reported yet);
 * - ERROR when Status is ERROR (the run could not start), STOPPED when STOPPED;
 * - for COMPLETED: FAILED when any action failed, timed out or errored — per the
 *   Statistics or, when the graph is present, the last attempt of any node (either
 *   signal is enough: hiding a failure is the error the tracker exists to prevent);
 *   else STOPPED when an action was stopped; SUCCEEDED only when every action succeeded.
 *
 * @example
 * deriveOutcome({ Status: "COMPLETED", Statistics: { TotalActions: 2, SucceededActions: 1, FailedActions: 1 } }); // "FAILED"
 */
export function deriveOutcome(snapshot: RunSnapshot): Outcome {
  switch (snapshot.Status) {
    case WorkflowRunStatus.ERROR:
      return Outcome.ERROR;
    case WorkflowRunStatus.STOPPED:
      return Outcome.STOPPED;
    case WorkflowRunStatus.COMPLETED:
      return completedOutcome(snapshot);
    default:
      return Outcome.RUNNING;
  }
}

function completedOutcome(snapshot: RunSnapshot): Outcome {
  const stats: WorkflowRunStatistics = snapshot.Statistics ?? {};
  const nodes = graphActionNodes(snapshot);
  const failedByStats = (stats.FailedActions ?? 0) + (stats.TimeoutActions ?? 0) + (stats.ErroredActions ?? 0) > 0;
  if (failedByStats || nodes.some(lastAttemptFailed)) return Outcome.FAILED;
  const stoppedByGraph = nodes.some((node) => STOPPED_STATES.has(lastAttempt(node)?.State ?? ""));
  if ((stats.StoppedActions ?? 0) > 0 || stoppedByGraph) return Outcome.STOPPED;
  return Outcome.SUCCEEDED;
}

/**
 * The job and crawler nodes whose last attempt in the run failed, timed out or
 * errored, from the graph (empty without a graph). NodeId is Glue's UniqueId, the
 * id ResumeWorkflowRun expects.
 *
 * @example
 * failedNodes(snapshot); // [{ NodeId: "wnode_…", Type: "JOB", Name: "load", State: "FAILED", ErrorMessage: "…" }]
 */
export function failedNodes(snapshot: RunSnapshot): FailedNode[] {
  const failed: FailedNode[] = [];
  for (const node of graphActionNodes(snapshot)) {
    const attempt = lastAttempt(node);
    if (attempt?.State === undefined || !lastAttemptFailed(node)) continue;
    const entry: FailedNode = {
      NodeId: node.UniqueId ?? node.Name ?? "",
      Type: node.Type === NodeType.JOB ? "JOB" : "CRAWLER",
      Name: node.Name ?? "",
      State: attempt.State,
    };
    if (attempt.ErrorMessage !== undefined) entry.ErrorMessage = attempt.ErrorMessage;
    failed.push(entry);
  }
  return failed;
}

function graphActionNodes(snapshot: RunSnapshot): GraphNode[] {
  return (snapshot.Graph?.Nodes ?? []).filter((node) => node.Type === NodeType.JOB || node.Type === NodeType.CRAWLER);
}

function lastAttemptFailed(node: GraphNode): boolean {
  const state = lastAttempt(node)?.State;
  if (state === undefined) return false;
  return (node.Type === NodeType.JOB ? FAILED_JOB_STATES : FAILED_CRAWL_STATES).has(state);
}

interface Attempt {
  State?: string;
  StartedOn?: string;
  ErrorMessage?: string;
}

/** The node's latest JobRun or Crawl: the latest StartedOn, ties (or none) by position. */
function lastAttempt(node: GraphNode): Attempt | undefined {
  const attempts: Attempt[] =
    node.Type === NodeType.JOB
      ? (node.JobDetails?.JobRuns ?? []).map((run) => ({ ...run, State: run.JobRunState }))
      : (node.CrawlerDetails?.Crawls ?? []);
  let latest: Attempt | undefined;
  for (const attempt of attempts) {
    if (latest === undefined || (attempt.StartedOn ?? "") >= (latest.StartedOn ?? "")) latest = attempt;
  }
  return latest;
}
