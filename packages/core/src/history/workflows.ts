/** Reads of the workflow catalog: what the tracker knows, including workflows Glue deleted. */
import { EntityNotFoundError } from "../errors.ts";
import type { Page, PageRequest, RunStore, TrackedWorkflow } from "../store/run-store.ts";

export interface GraphOption {
  includeGraph?: boolean;
}

/**
 * Tracked workflows, each with a summary of its last run.
 *
 * @example
 * const { items, nextToken } = await History.listWorkflows(store, { maxResults: 50 });
 */
export function listWorkflows(store: RunStore, page: PageRequest = {}): Promise<Page<TrackedWorkflow>> {
  return store.listWorkflows(page);
}

/**
 * One tracked workflow; EntityNotFoundError when the tracker never saw it.
 *
 * @example
 * const workflow = await History.getWorkflow(store, "nightly-etl", { includeGraph: true });
 */
export async function getWorkflow(store: RunStore, name: string, options: GraphOption = {}): Promise<TrackedWorkflow> {
  const workflow = await store.getWorkflow(name, options);
  if (!workflow) throw new EntityNotFoundError(`Workflow ${name} is not tracked`);
  return workflow;
}

export interface BatchGetResult {
  workflows: TrackedWorkflow[];
  /** Requested names the tracker does not know, in request order. */
  missing: string[];
}

/**
 * Several workflows at once, like Glue's BatchGetWorkflows (duplicates answered once).
 *
 * @example
 * const { workflows, missing } = await History.batchGetWorkflows(store, ["a", "b"]);
 */
export async function batchGetWorkflows(
  store: RunStore,
  names: readonly string[],
  options: GraphOption = {},
): Promise<BatchGetResult> {
  const unique = [...new Set(names)];
  const found = await Promise.all(unique.map((name) => store.getWorkflow(name, options)));
  const workflows: TrackedWorkflow[] = [];
  const missing: string[] = [];
  for (const [index, workflow] of found.entries()) {
    if (workflow) workflows.push(workflow);
    else missing.push(unique[index] as string);
  }
  return { workflows, missing };
}
