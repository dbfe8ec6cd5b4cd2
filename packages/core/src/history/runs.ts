/** Reads of run history: served from the store, so runs outlive Glue's 90-day retention. */
import { EntityNotFoundError } from "../errors.ts";
import type { ListRunsQuery, OutcomeQuery, Page, RunStore, TimelineEntry } from "../store/run-store.ts";
import { Outcome, type TrackedRun } from "../workflow-run/types.ts";
import type { GraphOption } from "./workflows.ts";

/**
 * A workflow's runs, newest first, filtered by status, outcome and StartedOn range.
 * An empty first page of a workflow the tracker never saw is EntityNotFoundError
 * (the extra read happens only then, so paging stays one Query).
 *
 * @example
 * const page = await History.listRuns(store, "nightly-etl", { outcome: "FAILED", maxResults: 20 });
 */
export async function listRuns(store: RunStore, name: string, query: ListRunsQuery = {}): Promise<Page<TrackedRun>> {
  const page = await store.listRuns(name, query);
  if (page.items.length === 0 && !query.nextToken && !(await store.getWorkflow(name))) {
    throw new EntityNotFoundError(`Workflow ${name} is not tracked`);
  }
  return page;
}

/**
 * One run; EntityNotFoundError when the tracker has no record of it.
 *
 * @example
 * const run = await History.getRun(store, "nightly-etl", "wr_1", { includeGraph: true });
 */
export async function getRun(
  store: RunStore,
  name: string,
  runId: string,
  options: GraphOption = {},
): Promise<TrackedRun> {
  const run = await store.getRun(name, runId, options);
  if (!run) throw new EntityNotFoundError(`Run ${runId} of workflow ${name} is not tracked`);
  return run;
}

/**
 * The run's observed snapshots, oldest first.
 *
 * @example
 * const timeline = await History.getTimeline(store, "nightly-etl", "wr_1");
 */
export async function getTimeline(store: RunStore, name: string, runId: string): Promise<TimelineEntry[]> {
  const timeline = await store.getTimeline(name, runId);
  // Every stored snapshot leaves an entry, so only an empty timeline needs the run check.
  if (timeline.length === 0) await getRun(store, name, runId);
  return timeline;
}

export interface RunsFeedQuery extends OutcomeQuery {
  /** Default FAILED; RUNNING lists the active runs. */
  outcome?: Outcome;
}

/**
 * Runs across workflows with one outcome, newest first, StartedOn within [since, until].
 *
 * @example
 * const failedToday = await History.listRunsFeed(store, { since: "2024-05-01T00:00:00.000Z" });
 */
export function listRunsFeed(store: RunStore, query: RunsFeedQuery = {}): Promise<Page<TrackedRun>> {
  const { outcome = Outcome.FAILED, ...rest } = query;
  return store.listRunsByOutcome(outcome, rest);
}
