/**
 * A stored WorkflowGraph → what the layout and the drawing need: one entry per node
 * (id, type, state, the run that gives the state) and the edges between known nodes.
 * Glue's graph is loose (optional fields, unknown types); nothing here throws on it.
 */
import type { Crawl, GraphNode, JobRun, WorkflowGraph } from "./api-types.ts";
import { Tone, toneOf } from "./outcome.ts";

export interface ModelNode {
  id: string;
  name: string;
  /** TRIGGER | JOB | CRAWLER, or whatever Glue sent. */
  type: string;
  /** The latest job run / crawl state, the trigger's state, or NOT_RUN. */
  state: string;
  tone: Tone;
  jobRuns: JobRun[];
  crawls: Crawl[];
  node: GraphNode;
}

export interface ModelEdge {
  id: string;
  from: string;
  to: string;
}

export interface GraphModel {
  nodes: ModelNode[];
  edges: ModelEdge[];
}

export const NOT_RUN = "NOT_RUN";

export function graphModel(graph: WorkflowGraph | undefined): GraphModel {
  const nodes: ModelNode[] = [];
  const seen = new Set<string>();
  for (const [index, node] of (graph?.Nodes ?? []).entries()) {
    let id = node.UniqueId ?? `${node.Type ?? "NODE"}:${node.Name ?? index}`;
    if (seen.has(id)) id = `${id}#${index}`;
    seen.add(id);
    const jobRuns = sortedByStart(node.JobDetails?.JobRuns ?? []);
    const crawls = sortedByStart(node.CrawlerDetails?.Crawls ?? []);
    const state = nodeState(node, jobRuns, crawls);
    nodes.push({
      id,
      name: node.Name ?? id,
      type: node.Type ?? "UNKNOWN",
      state,
      // Triggers gate, they do not run: neutral whatever their state.
      tone: node.Type === "TRIGGER" ? Tone.Waiting : toneOf(state),
      jobRuns,
      crawls,
      node,
    });
  }
  const edges: ModelEdge[] = [];
  const edgeIds = new Set<string>();
  for (const edge of graph?.Edges ?? []) {
    const from = edge.SourceId;
    const to = edge.DestinationId;
    if (!from || !to || !seen.has(from) || !seen.has(to) || from === to) continue;
    const id = `${from}->${to}`;
    if (edgeIds.has(id)) continue;
    edgeIds.add(id);
    edges.push({ id, from, to });
  }
  return { nodes, edges };
}

function nodeState(node: GraphNode, jobRuns: JobRun[], crawls: Crawl[]): string {
  if (node.Type === "JOB") return jobRuns.at(-1)?.JobRunState ?? NOT_RUN;
  if (node.Type === "CRAWLER") return crawls.at(-1)?.State ?? NOT_RUN;
  if (node.Type === "TRIGGER") return node.TriggerDetails?.Trigger?.State ?? "UNKNOWN";
  return jobRuns.at(-1)?.JobRunState ?? crawls.at(-1)?.State ?? NOT_RUN;
}

/** Oldest first: attempts by number, then by start. The last entry is the current one. */
function sortedByStart<T extends { StartedOn?: string; Attempt?: number }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => (a.Attempt ?? 0) - (b.Attempt ?? 0) || (a.StartedOn ?? "").localeCompare(b.StartedOn ?? ""),
  );
}
