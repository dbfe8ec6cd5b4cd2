/**
 * Counts the ended runs a workflow already has in the store into its statistics:
 * for runs recorded before statistics existed (or after a day item was lost). Safe to
 * repeat or interrupt — counting is idempotent per run (store/workflow-stats.ts).
 */
import type { RunStore } from "../../store/run-store.ts";

export interface CountStoredRunsReport {
  counted: number;
  alreadyCounted: number;
  /** Runs still running: they are counted when they end. */
  running: number;
}

/**
 * One page of runs (graphs included, for per-node figures) and one UpdateItem per ended run.
 *
 * @example
 * const report = await countStoredRuns(store, "nightly-etl", { startedAfter: "2026-01-01" });
 * // { counted: 412, alreadyCounted: 88, running: 1 }
 */
export async function countStoredRuns(
  store: Pick<RunStore, "listRuns" | "recordRunStats">,
  workflowName: string,
  range: { startedAfter?: string; startedBefore?: string } = {},
): Promise<CountStoredRunsReport> {
  const report: CountStoredRunsReport = { counted: 0, alreadyCounted: 0, running: 0 };
  let nextToken: string | undefined;
  do {
    const page = await store.listRuns(workflowName, { ...range, includeGraph: true, maxResults: 100, nextToken });
    for (const run of page.items) {
      const result = await store.recordRunStats(run);
      if (result === "counted") report.counted++;
      else if (result === "already-counted") report.alreadyCounted++;
      else report.running++;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return report;
}
