/**
 * Attempts already made in a run's lineage. Each resumed run's AutoResume.Attempts
 * counts the lineage's attempts up to and including its own, so one hop back along
 * PreviousRunId is enough.
 */
import type { RunStore } from "../store/run-store.ts";

/**
 * @example
 * // run-2 was resumed from run-1, whose AutoResume.Attempts is 1
 * await lineageAttempts(store, "nightly", "run-1"); // 1
 * await lineageAttempts(store, "nightly", undefined); // 0: an original run
 */
export async function lineageAttempts(
  store: Pick<RunStore, "getRun">,
  workflowName: string,
  previousRunId: string | undefined,
): Promise<number> {
  if (!previousRunId) return 0;
  const previous = await store.getRun(workflowName, previousRunId);
  // A resume made by hand (no AutoResume on the previous run) starts no auto lineage count.
  return previous?.AutoResume?.Attempts ?? 0;
}
