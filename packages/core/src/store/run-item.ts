/**
 * How a run is laid out in its item: the seed's WorkflowRun fields under their own
 * names, the tracker's fields, the graph gzip-compressed in `GraphGzip`, plus keys
 * and bookkeeping (see keys.ts), the timeline's `TL#…` entries and the announcement
 * state (never served). New run attributes must be listed here, or reads (which
 * project explicitly, to leave the graph behind) will not return them.
 */
import { NodeType } from "@glue-run-tracker/glue-model";
import type { RunSnapshot, TrackedRun } from "../workflow-run/types.ts";
import { compressJson, decompressJson } from "./compression.ts";
import { isInternalAttribute, NodeKind, nodeRef } from "./keys.ts";

/** The seed's WorkflowRun fields a snapshot overwrites (Graph is stored apart, compressed). */
export const SNAPSHOT_FIELDS = [
  "Name",
  "WorkflowRunId",
  "PreviousRunId",
  "WorkflowRunProperties",
  "StartedOn",
  "CompletedOn",
  "Status",
  "ErrorMessage",
  "Statistics",
  "StartingEventBatchCondition",
] as const satisfies readonly (keyof RunSnapshot)[];

/** The tracker's own run fields (some written by other parts: ResumedAs, AutoResume). */
export const TRACKER_FIELDS = [
  "Outcome",
  "FailedNodes",
  "ResumedAs",
  "AutoResume",
  "FirstSeenAt",
  "LastObservedAt",
  "ObservedVia",
  "ClosedReason",
  "ClosedAt",
  "Cost",
  // Insights (overdue-digest): the overdue announcement, written by store/overdue-marks.ts.
  "Overdue",
] as const satisfies readonly (keyof TrackedRun)[];

export const GRAPH_ATTRIBUTE = "GraphGzip";

/** Stored, never read into the read model: only the properties route serves it. */
export const PROPERTIES_ATTRIBUTE = "WorkflowRunProperties";

/**
 * Run and workflow properties may hold secrets: never in the read model, even when an
 * item was read whole (e.g. a write's ALL_OLD), and no longer kept for workflows.
 */
const NEVER_SERVED: ReadonlySet<string> = new Set([PROPERTIES_ATTRIBUTE, "DefaultRunProperties"]);

/** What to read of a run item: everything served (no run properties), the graph only when asked for. */
export function runAttributes(includeGraph: boolean): string[] {
  const served = [...SNAPSHOT_FIELDS.filter((field) => field !== PROPERTIES_ATTRIBUTE), ...TRACKER_FIELDS];
  return includeGraph ? [...served, GRAPH_ATTRIBUTE] : served;
}

/**
 * A stored item (run or workflow) without keys and bookkeeping, its graph decompressed,
 * named with the account it belongs to (`identity`: the store's `{ AccountId, Region }`).
 *
 * @example
 * const run = servedFromItem<TrackedRun>(Item, ctx.identity);
 */
export function servedFromItem<T>(item: Record<string, unknown>, identity: object = {}): T {
  const served: Record<string, unknown> = { ...identity };
  for (const [name, value] of Object.entries(item)) {
    if (!isInternalAttribute(name) && !NEVER_SERVED.has(name)) served[name] = value;
  }
  const graph = item[GRAPH_ATTRIBUTE];
  // Graphs stored before job arguments were left out still hold them: drop them on the way out.
  if (graph instanceof Uint8Array) served.Graph = withoutArguments(decompressJson<Graph>(graph));
  return served as T;
}

type Graph = NonNullable<RunSnapshot["Graph"]>;

/** The graph as stored: compressed, without job arguments (withoutArguments). */
export function compressGraph(graph: Graph): Uint8Array {
  return compressJson(withoutArguments(graph));
}

/**
 * The graph without the arguments a job run was started with or a trigger passes to its
 * jobs: like run properties (docs/decisions/security-run-properties.md) they carry
 * passwords and tokens, and nothing the tracker shows needs them (linking reads them from
 * Glue's GetJobRun, not from the store). Copies only the nodes that hold some.
 */
export function withoutArguments(graph: Graph): Graph {
  if (!graph.Nodes?.some(hasArguments)) return graph;
  return { ...graph, Nodes: graph.Nodes.map((node) => (hasArguments(node) ? nodeWithoutArguments(node) : node)) };
}

type GraphNode = NonNullable<Graph["Nodes"]>[number];

function hasArguments(node: GraphNode): boolean {
  return (
    (node.JobDetails?.JobRuns?.some((run) => run.Arguments !== undefined) ?? false) ||
    (node.TriggerDetails?.Trigger?.Actions?.some((action) => action.Arguments !== undefined) ?? false)
  );
}

function nodeWithoutArguments(node: GraphNode): GraphNode {
  const copy = { ...node };
  if (node.JobDetails?.JobRuns) {
    copy.JobDetails = { ...node.JobDetails, JobRuns: node.JobDetails.JobRuns.map(({ Arguments: _, ...run }) => run) };
  }
  const trigger = node.TriggerDetails?.Trigger;
  if (trigger?.Actions) {
    const Actions = trigger.Actions.map(({ Arguments: _, ...action }) => action);
    copy.TriggerDetails = { ...node.TriggerDetails, Trigger: { ...trigger, Actions } };
  }
  return copy;
}

/** `JOB#<name>` / `CRAWLER#<name>` of every job and crawler in a graph, sorted, unique. */
export function graphNodeRefs(graph: Graph): string[] {
  const refs = new Set<string>();
  for (const node of graph.Nodes ?? []) {
    if (!node.Name) continue;
    if (node.Type === NodeType.JOB) refs.add(nodeRef(NodeKind.Job, node.Name));
    if (node.Type === NodeType.CRAWLER) refs.add(nodeRef(NodeKind.Crawler, node.Name));
  }
  return [...refs].sort();
}
