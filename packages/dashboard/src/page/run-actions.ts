/** Pure rules behind the run page's actions and the failures feed. */
import type { Run } from "./api-types.ts";
import { graphModel } from "./graph-model.ts";

export interface ResumableNode {
  id: string;
  label: string;
  failed: boolean;
}

/** The nodes a resume can restart (jobs and crawlers): failed ones first, to be pre-checked. */
export function resumableNodes(run: Run): ResumableNode[] {
  const failed = new Set(run.FailedNodes.map((n) => n.NodeId));
  const nodes = graphModel(run.Graph)
    .nodes.filter((n) => n.type === "JOB" || n.type === "CRAWLER")
    .map((n) => ({ id: n.id, label: `${n.name} (${n.type}, ${n.state})`, failed: failed.has(n.id) }));
  // A failed node the stored graph lacks can still be resumed by its id.
  for (const f of run.FailedNodes) {
    if (!nodes.some((n) => n.id === f.NodeId)) {
      nodes.push({ id: f.NodeId, label: `${f.Name} (${f.Type}, ${f.State})`, failed: true });
    }
  }
  return nodes.sort((a, b) => Number(b.failed) - Number(a.failed) || a.label.localeCompare(b.label));
}

/** Which actions a run offers: Stop while Glue runs it, Resume once completed with failed nodes. */
export function runActions(run: Pick<Run, "Status" | "FailedNodes">): { stop: boolean; resume: boolean } {
  return { stop: run.Status === "RUNNING", resume: run.Status === "COMPLETED" && run.FailedNodes.length > 0 };
}

/** The view polls while the run may still change. */
export function isLive(run: Pick<Run, "Status" | "Outcome">): boolean {
  return run.Outcome === "RUNNING" || run.Status === "RUNNING" || run.Status === "STOPPING";
}

/** Several outcome feeds as one list, newest first, at most `limit` runs. */
export function mergeFeeds(limit: number, ...feeds: Run[][]): Run[] {
  return feeds
    .flat()
    .sort((a, b) => (b.StartedOn ?? "").localeCompare(a.StartedOn ?? ""))
    .slice(0, limit);
}
