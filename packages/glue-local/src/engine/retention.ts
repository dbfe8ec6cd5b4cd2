/**
 * Forgetting, as Glue forgets workflow and job runs after 90 days: terminal runs that started
 * more than `retentionMs` ago disappear (GetWorkflowRun / GetJobRun then say EntityNotFound).
 * Active runs are never forgotten.
 */
import { isActiveCrawl } from "./crawls.ts";
import { isActiveJobRun } from "./job-runs.ts";
import type { GlueState } from "./state.ts";
import { isActiveRun } from "./workflow-runs.ts";

export function forgetOldRuns(state: GlueState, now: number, retentionMs: number): void {
  const cutoff = now - retentionMs;
  for (const runs of state.runs.values()) {
    for (const [runId, run] of runs) {
      if (run.startedOn < cutoff && !isActiveRun(run)) runs.delete(runId);
    }
  }
  for (const [id, jobRun] of state.jobRuns) {
    if (jobRun.startedOn < cutoff && !isActiveJobRun(jobRun)) state.jobRuns.delete(id);
  }
  for (const crawler of state.crawlers.values()) {
    if (crawler.last && crawler.last.startedOn < cutoff && !isActiveCrawl(crawler.last)) crawler.last = undefined;
  }
}
