/**
 * Run metrics from the tracker's own events: a run that reached a final Outcome is
 * counted (by workflow and Outcome) and timed once its transition is published —
 * the announcement state on the run item makes that once per transition.
 */
import { TrackerDetailType } from "../events/patterns.ts";
import type { TrackerEventEntry } from "../events/tracker-events.ts";
import { Metric, recordMetric } from "../metrics.ts";
import { Outcome } from "../workflow-run/types.ts";

/**
 * @example
 * recordRunMetrics([runStateChangeEntry(detail)]);
 */
export function recordRunMetrics(entries: readonly TrackerEventEntry[]): void {
  for (const entry of entries) {
    if (entry.DetailType !== TrackerDetailType.RunStateChange) continue;
    const detail = JSON.parse(entry.Detail) as {
      workflowName: string;
      outcome: string;
      previousOutcome?: string;
      startedOn?: string;
      completedOn?: string;
    };
    if (detail.outcome === Outcome.RUNNING || detail.outcome === detail.previousOutcome) continue;
    const workflow = { Workflow: detail.workflowName };
    recordMetric(Metric.RunsFinished, 1, { ...workflow, Outcome: detail.outcome });
    const seconds = (Date.parse(detail.completedOn ?? "") - Date.parse(detail.startedOn ?? "")) / 1000;
    if (Number.isFinite(seconds) && seconds >= 0) recordMetric(Metric.RunDuration, seconds, workflow);
  }
}
