/**
 * The workflow graph, derived from the triggers that carry the workflow's name: a node per
 * trigger, job and crawler; an edge from each trigger to each job/crawler it starts, and from
 * each job/crawler named in a trigger's predicate to that trigger.
 */
import { nodeUniqueId } from "../ids.ts";
import { crawlerKey, type GlueState, jobKey, type NodeKey, type TriggerRecord } from "./state.ts";

export interface GraphNode {
  type: "TRIGGER" | "JOB" | "CRAWLER";
  name: string;
  uniqueId: string;
  /** `JOB:name` / `CRAWLER:name` for job and crawler nodes. */
  key: NodeKey | undefined;
  trigger: TriggerRecord | undefined;
}

export interface GraphEdge {
  sourceId: string;
  destinationId: string;
}

export interface DerivedGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function deriveGraph(state: GlueState, workflowName: string): DerivedGraph {
  const triggers = state.triggersOf(workflowName);
  const nodes: GraphNode[] = [];
  const actionNodes = new Map<NodeKey, GraphNode>();
  const edges: GraphEdge[] = [];
  const seenEdges = new Set<string>();

  const actionNode = (type: "JOB" | "CRAWLER", name: string): GraphNode => {
    const key = type === "JOB" ? jobKey(name) : crawlerKey(name);
    let node = actionNodes.get(key);
    if (!node) {
      node = { type, name, uniqueId: nodeUniqueId(workflowName, type, name), key, trigger: undefined };
      actionNodes.set(key, node);
    }
    return node;
  };
  const edge = (sourceId: string, destinationId: string) => {
    const id = `${sourceId}>${destinationId}`;
    if (seenEdges.has(id)) return;
    seenEdges.add(id);
    edges.push({ sourceId, destinationId });
  };

  for (const trigger of triggers) {
    const triggerNode: GraphNode = {
      type: "TRIGGER",
      name: trigger.name,
      uniqueId: nodeUniqueId(workflowName, "TRIGGER", trigger.name),
      key: undefined,
      trigger,
    };
    nodes.push(triggerNode);
    for (const condition of trigger.predicate?.Conditions ?? []) {
      if (condition.JobName) edge(actionNode("JOB", condition.JobName).uniqueId, triggerNode.uniqueId);
      if (condition.CrawlerName) edge(actionNode("CRAWLER", condition.CrawlerName).uniqueId, triggerNode.uniqueId);
    }
    for (const action of trigger.actions) {
      if (action.JobName) edge(triggerNode.uniqueId, actionNode("JOB", action.JobName).uniqueId);
      if (action.CrawlerName) edge(triggerNode.uniqueId, actionNode("CRAWLER", action.CrawlerName).uniqueId);
    }
  }
  nodes.push(...actionNodes.values());
  return { nodes, edges };
}

/** The workflow's start trigger: its one ON_DEMAND or SCHEDULED trigger. */
export function startTriggerOf(state: GlueState, workflowName: string): TriggerRecord | undefined {
  return state.triggersOf(workflowName).find((t) => t.type !== "CONDITIONAL");
}
