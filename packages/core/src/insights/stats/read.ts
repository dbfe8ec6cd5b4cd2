/** The stats route's read: the window's figures, or EntityNotFoundError for a workflow the tracker never saw. */
import { EntityNotFoundError } from "../../errors.ts";
import type { RunStore } from "../../store/run-store.ts";
import type { WorkflowStats } from "./types.ts";

/**
 * One Query over the window's day items; a window without runs costs one GetItem
 * more, to tell "no runs" from "no such workflow" (as History.listRuns does).
 *
 * @example
 * const stats = await readWorkflowStats(store, "nightly-etl", { since: "2026-11-01" });
 */
export async function readWorkflowStats(
  store: Pick<RunStore, "getWorkflowStats" | "getWorkflow">,
  workflowName: string,
  window: { since?: string; until?: string } = {},
): Promise<WorkflowStats> {
  const stats = await store.getWorkflowStats(workflowName, window);
  if (stats.runs === 0 && !(await store.getWorkflow(workflowName))) {
    throw new EntityNotFoundError(`Workflow ${workflowName} is not tracked`);
  }
  return stats;
}
