/**
 * What the tracker derived, one readable line per tracker event on `npm start`'s output
 * (the handlers' JSON logs stay at WARN); a member account's runs are named with their account.
 */
import { Accounts, Events } from "@glue-run-tracker/core";

export function describeTrackerEvent(
  event: { "detail-type": string; detail: unknown },
  members: readonly Accounts.AccountScope[],
): string {
  const d = event.detail as Record<string, unknown>;
  // A member account's run is named with its account (tracker events carry AccountId / Region).
  const member = members.find((m) => m.accountId === d.AccountId && m.region === d.Region);
  const line = describeRunEvent(event["detail-type"], d);
  return member ? line.replace(/^\[tracker\] /, `[tracker] ${Accounts.describeAccount(member)}: `) : line;
}

function describeRunEvent(detailType: string, d: Record<string, unknown>): string {
  if (detailType === Events.TrackerDetailType.RunMissed) {
    return `[tracker] ${d.workflowName} missed its scheduled start at ${d.slot} (${d.schedule}, grace ${d.graceMinutes} min)`;
  }
  const run = `${d.workflowName} run ${String(d.runId).slice(0, 12)}…`;
  if (detailType === Events.TrackerDetailType.RunOverdue) {
    const ended = d.ended as { outcome: string } | undefined;
    return ended
      ? `[tracker] ${run} overdue run ended ${ended.outcome} after ${d.runningSeconds} s (limit ${d.limitSeconds} s)`
      : `[tracker] ${run} overdue: running ${d.runningSeconds} s, limit ${d.limitSeconds} s (${d.limitSource})`;
  }
  if (detailType === Events.TrackerDetailType.RunResumeFailed) {
    return `[tracker] ${run} auto-resume refused by Glue (${d.glueError})`;
  }
  if (detailType === Events.TrackerDetailType.RunResumed) {
    return `[tracker] ${run} auto-resumed as ${String(d.resumedRunId).slice(0, 12)}… (nodes ${(d.nodeIds as string[]).length})`;
  }
  if (d.outcome === "UNKNOWN") return `[tracker] ${run} closed, outcome UNKNOWN: ${d.closedReason}`;
  const from = d.previousStatus ? `${d.previousStatus} → ` : "";
  const failed = (d.failedNodes as { Name: string }[] | undefined)?.map((n) => n.Name) ?? [];
  return `[tracker] ${run} ${from}${d.status}, outcome ${d.outcome}${failed.length ? ` (failed: ${failed.join(", ")})` : ""}`;
}
