/**
 * A tracker event is a hint, not the truth: anyone allowed events:PutEvents on the
 * tracker bus could forge one. Auto-resume and alerts therefore act on the run as
 * the store records it (written by ingest from Glue before the event was published)
 * and take from the event only which run it is about.
 */
import { stateChangeDetail } from "../ingest/record-snapshot.ts";
import type { RunStore } from "../store/run-store.ts";
import type { TrackedRun } from "../workflow-run/types.ts";
import type { RunStateChangeDetail } from "./tracker-events.ts";

/**
 * The state change rebuilt from the stored run: status, outcome, failed nodes, lineage
 * and times from the store; only the previous state (what the run changed from,
 * informational) from the event. undefined when the run is not stored.
 *
 * @example
 * const detail = await storedStateChange(store, event.detail);
 * if (!detail || detail.outcome !== "FAILED") return; // forged or stale: nothing to do
 */
export async function storedStateChange(
  store: Pick<RunStore, "getRun">,
  event: Pick<RunStateChangeDetail, "workflowName" | "runId" | "previousStatus" | "previousOutcome">,
): Promise<RunStateChangeDetail | undefined> {
  return (await storedRunAndChange(store, event))?.detail;
}

/** storedStateChange, with the stored run it was rebuilt from (alerts also show the run's Cost). */
export async function storedRunAndChange(
  store: Pick<RunStore, "getRun">,
  event: Pick<RunStateChangeDetail, "workflowName" | "runId" | "previousStatus" | "previousOutcome">,
): Promise<{ run: TrackedRun; detail: RunStateChangeDetail } | undefined> {
  const run = await store.getRun(event.workflowName, event.runId);
  if (!run?.Status) return undefined;
  const previous =
    event.previousStatus && event.previousOutcome
      ? { status: event.previousStatus, outcome: event.previousOutcome }
      : null;
  return { run, detail: stateChangeDetail(run, previous) };
}
