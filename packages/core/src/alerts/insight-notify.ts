/**
 * The overdue and missed alerts (docs/decisions/insights-overdue-and-missed.md). As for
 * the other alerts, the event only names what it is about: the run or workflow is
 * read from the store, and an event the store does not bear out gets no alert. The
 * workflow's settings.muteUntil silences these alerts (the events and the digest's
 * counts stay). Delivered once per channel per run (overdue, overdue-ended) or per
 * slot (missed) through the delivery ledger.
 */

import type { PerAccount } from "../accounts/per-account.ts";
import type { RunWhere } from "../events/event-account.ts";
import type { RunMissedDetail, RunOverdueDetail } from "../events/tracker-events.ts";
import { parseGlueSchedule } from "../insights/glue-schedule.ts";
import { scheduledStarts } from "../insights/missed.ts";
import { alertsMuted, type WorkflowSettings } from "../insights/settings.ts";
import type { WorkflowInsightsSource } from "../insights/workflow-insights-source.ts";
import type { RunStore } from "../store/run-store.ts";
import { Outcome } from "../workflow-run/types.ts";
import { missedAlert, overdueAlert } from "./insight-alerts.ts";
import { type AlertDeps, type AlertResult, AlertResultStatus, deliver, inAccountOf, keyPrefix } from "./notify.ts";
import { AlertKind, type MissedRunAlert, type RunAlert } from "./types.ts";

export interface InsightAlertDeps extends Omit<AlertDeps, "store" | "accounts"> {
  /** Without getWorkflow, missed-run events cannot be checked against the catalog and get no alert. */
  store: Pick<RunStore, "getRun"> & Partial<Pick<RunStore, "getWorkflow" | "getWorkflowSettings">>;
  /** Several tracked accounts: as AlertDeps.accounts, with the stores the insight alerts read. */
  accounts?: PerAccount<Pick<InsightAlertDeps, "store">>;
  /** Settings (muteUntil); default: the store's, when it keeps them. */
  insights?: WorkflowInsightsSource;
  now?: () => Date;
}

const ignored: AlertResult<never> = { status: AlertResultStatus.Ignored, channels: [] };
const muted: AlertResult<never> = { status: AlertResultStatus.Muted, channels: [] };
const unknownAccount: AlertResult<never> = { status: AlertResultStatus.UnknownAccount, channels: [] };

/**
 * Handles one "Glue Workflow Run Overdue" (with `ended`: the overdue run's end).
 *
 * @example
 * const result = await alertOnOverdue(deps, event.detail); // "sent", "duplicate", "ignored" or "muted"
 */
export async function alertOnOverdue(all: InsightAlertDeps, detail: RunOverdueDetail): Promise<AlertResult<RunAlert>> {
  const deps = insightDepsOf(all, detail);
  if (!deps) return unknownAccount;
  const run = await deps.store.getRun(detail.workflowName, detail.runId);
  if (!run?.StartedOn) return ignored;
  const now = (deps.now ?? (() => new Date()))();
  const ran = (Date.parse(run.CompletedOn ?? now.toISOString()) - Date.parse(run.StartedOn)) / 1000;
  // The store must bear the event out: the run has run past the limit the event names…
  if (!(ran >= detail.limitSeconds)) return ignored;
  // …and has ended when the event says it ended (and is still running when it says so).
  if (Boolean(detail.ended) !== (run.Outcome !== Outcome.RUNNING)) return ignored;
  const workflow = await workflowSettings(deps, detail.workflowName);
  if (alertsMuted(workflow, now)) return muted;
  const alert = overdueAlert(detail, run, deps.settings);
  const key = {
    workflowName: detail.workflowName,
    runId: detail.runId,
    kind: alert.kind,
    detail: [],
    ...keyPrefix(deps),
  };
  return deliver(deps, alert, key, workflow);
}

/**
 * Handles one "Glue Workflow Run Missed".
 *
 * @example
 * const result = await alertOnMissed(deps, event.detail);
 */
export async function alertOnMissed(
  all: InsightAlertDeps,
  detail: RunMissedDetail,
): Promise<AlertResult<MissedRunAlert>> {
  const deps = insightDepsOf(all, detail);
  if (!deps) return unknownAccount;
  if (!deps.store.getWorkflow) return ignored;
  const workflow = await deps.store.getWorkflow(detail.workflowName, { includeGraph: true });
  const start = scheduledStarts(workflow?.Graph).find(
    (s) => s.triggerName === detail.triggerName && s.schedule === detail.schedule,
  );
  if (!start || !isSlotOf(start.schedule, detail.slot)) return ignored;
  const now = (deps.now ?? (() => new Date()))();
  if (Date.parse(detail.slot) + detail.graceMinutes * 60_000 > now.getTime()) return ignored;
  const settings = await workflowSettings(deps, detail.workflowName);
  if (alertsMuted(settings, now)) return muted;
  const alert = missedAlert(detail, deps.settings);
  const key = {
    workflowName: detail.workflowName,
    kind: AlertKind.Missed,
    detail: [detail.triggerName, detail.slot],
    ...keyPrefix(deps),
  };
  return deliver(deps, alert, key, settings);
}

/** The event's account's deps; a member's settings come from its own store, not the home insights source. */
function insightDepsOf(all: InsightAlertDeps, detail: RunWhere) {
  const deps = inAccountOf(all, detail);
  if (!deps?.account || deps.account.home) return deps;
  const { insights: _home, ...member } = deps;
  return member;
}

function isSlotOf(schedule: string, slot: string): boolean {
  const at = Date.parse(slot);
  if (!Number.isFinite(at)) return false;
  try {
    return (
      parseGlueSchedule(schedule)
        .nextSlot(new Date(at - 1000))
        ?.getTime() === at
    );
  } catch {
    return false;
  }
}

/** The workflow's settings: muteUntil silences these alerts, slackWebhook picks their webhook. */
async function workflowSettings(deps: InsightAlertDeps, workflowName: string): Promise<WorkflowSettings> {
  return deps.insights
    ? await deps.insights.settings(workflowName)
    : ((await deps.store.getWorkflowSettings?.(workflowName)) ?? {});
}
