/**
 * The overdue, overdue-ended and missed alerts (docs/decisions/insights-overdue-and-missed.md):
 * built from the stored run / workflow (pure), and their Slack and SNS renderings.
 */
import type { RunMissedDetail, RunOverdueDetail } from "../events/tracker-events.ts";
import type { TrackedRun } from "../workflow-run/types.ts";
import { runLinks } from "./build-alert.ts";
import { accountLine, accountTag } from "./describe.ts";
import { glueConsoleWorkflowUrl, switchRoleUrl, trackerWorkflowUrl } from "./links.ts";
import type { AlertSettings } from "./settings.ts";
import type { SlackBlock, SlackPayload, SlackText } from "./slack-message.ts";
import type { SnsAlertMessage } from "./sns-message.ts";
import { fitSlack, formatSeconds, oneLine } from "./text.ts";
import { AlertKind, type MissedRunAlert, type RunAlert } from "./types.ts";

/**
 * @example
 * const alert = overdueAlert(event.detail, await store.getRun(name, runId), settings); // kind "overdue" or "overdue-ended"
 */
export function overdueAlert(detail: RunOverdueDetail, run: TrackedRun, settings: AlertSettings): RunAlert {
  return {
    kind: detail.ended ? AlertKind.OverdueEnded : AlertKind.Overdue,
    workflowName: run.Name,
    runId: run.WorkflowRunId,
    previousRunId: run.PreviousRunId,
    status: run.Status ?? "RUNNING",
    outcome: run.Outcome,
    failedNodes: run.FailedNodes ?? [],
    statistics: run.Statistics,
    startedOn: run.StartedOn,
    completedOn: run.CompletedOn,
    overdue: {
      runningSeconds: detail.ended?.durationSeconds ?? detail.runningSeconds,
      limitSeconds: detail.limitSeconds,
      limitSource: detail.limitSource,
      usualSeconds: detail.usualSeconds,
    },
    ...(settings.account ? { account: settings.account } : {}),
    links: runLinks(settings, run.Name, run.WorkflowRunId),
  };
}

export function missedAlert(detail: RunMissedDetail, settings: AlertSettings): MissedRunAlert {
  return {
    kind: AlertKind.Missed,
    workflowName: detail.workflowName,
    triggerName: detail.triggerName,
    schedule: detail.schedule,
    slot: detail.slot,
    graceMinutes: detail.graceMinutes,
    lastStartedOn: detail.lastStartedOn,
    ...(settings.account ? { account: settings.account } : {}),
    links: {
      glueConsole: glueConsoleWorkflowUrl(settings.region, detail.workflowName),
      ...(switchRoleUrl(settings.account) ? { switchRole: switchRoleUrl(settings.account) } : {}),
      tracker: settings.trackerBaseUrl
        ? trackerWorkflowUrl(settings.trackerBaseUrl, detail.workflowName, settings.account)
        : undefined,
    },
  };
}

/** The headline both channels use. */
export function insightHeadline(alert: RunAlert | MissedRunAlert): string {
  const where = accountTag(alert.account);
  if (alert.kind === AlertKind.Missed) return `Glue workflow run missed${where}: ${alert.workflowName}`;
  const o = alert.overdue;
  if (alert.kind === AlertKind.OverdueEnded && o) {
    return `Overdue Glue workflow run ended ${alert.outcome} after ${formatSeconds(o.runningSeconds)}${where}: ${alert.workflowName}`;
  }
  return `Glue workflow run overdue (${formatSeconds(o?.runningSeconds ?? 0)})${where}: ${alert.workflowName}`;
}

/** The lines both channels show, label and value. */
export function insightFacts(alert: RunAlert | MissedRunAlert): [string, string][] {
  const account: [string, string][] = alert.account ? [["Account", accountLine(alert.account)]] : [];
  if (alert.kind === AlertKind.Missed) {
    return [
      ["Workflow", alert.workflowName],
      ...account,
      ["Missed slot", `${alert.slot} (UTC)`],
      ["Schedule", `${alert.schedule} (trigger ${alert.triggerName})`],
      ["Grace", `${alert.graceMinutes} min`],
      ["Last run started", alert.lastStartedOn ?? "none known"],
    ];
  }
  const o = alert.overdue;
  const facts: [string, string][] = [["Workflow", alert.workflowName], ...account, ["Run ID", alert.runId]];
  if (o) {
    facts.push([
      alert.kind === AlertKind.OverdueEnded ? "Finished after" : "Running for",
      formatSeconds(o.runningSeconds),
    ]);
    facts.push([
      "Limit",
      `${formatSeconds(o.limitSeconds)} (${o.limitSource === "configured" ? "configured" : "p95 of recent successful runs × factor"})`,
    ]);
    facts.push([
      "Usual duration (p95)",
      o.usualSeconds === undefined ? "not known yet" : formatSeconds(o.usualSeconds),
    ]);
  }
  if (alert.kind === AlertKind.OverdueEnded) facts.push(["Outcome", `${alert.outcome} (Glue status ${alert.status})`]);
  if (alert.startedOn) facts.push(["Started", alert.startedOn]);
  return facts;
}

const EMOJI: Record<string, string> = {
  [AlertKind.Overdue]: "⏰",
  [AlertKind.OverdueEnded]: "🏁",
  [AlertKind.Missed]: "📭",
};

export function insightSlackMessage(alert: RunAlert | MissedRunAlert): SlackPayload {
  const headline = insightHeadline(alert);
  const fields: SlackText[] = insightFacts(alert).map(([label, value]) => ({
    type: "mrkdwn",
    text: `*${label}*\n${fitSlack(oneLine(value), 1900)}`,
  }));
  const buttons = [
    ...(alert.links.switchRole
      ? [{ label: "Switch role to account", url: alert.links.switchRole, id: "switch-role" }]
      : []),
    { label: "Open in Glue console", url: alert.links.glueConsole, id: "glue-console" },
    ...(alert.links.tracker
      ? [
          {
            label: alert.kind === AlertKind.Missed ? "View workflow in tracker" : "View run in tracker",
            url: alert.links.tracker,
            id: "tracker",
          },
        ]
      : []),
  ];
  const blocks: SlackBlock[] = [
    {
      type: "header",
      text: { type: "plain_text", text: fitSlack(`${EMOJI[alert.kind] ?? ""} ${headline}`.trim(), 150), emoji: true },
    },
    // Slack shows at most 10 fields per section.
    { type: "section", fields: fields.slice(0, 10) },
    {
      type: "actions",
      elements: buttons.map((b) => ({
        type: "button" as const,
        text: { type: "plain_text" as const, text: b.label, emoji: true },
        url: b.url,
        action_id: b.id,
      })),
    },
  ];
  return { text: fitSlack(headline, 3000), blocks };
}

export function insightSnsBody(alert: RunAlert | MissedRunAlert): string {
  const facts = insightFacts(alert);
  const width = Math.max(...facts.map(([label]) => label.length)) + 2;
  const lines = [
    insightHeadline(alert),
    "",
    ...facts.map(([label, value]) => `${`${label}:`.padEnd(width)}${oneLine(value)}`),
  ];
  lines.push("", `Glue console: ${alert.links.glueConsole}`);
  if (alert.links.switchRole) lines.push(`Switch role:  ${alert.links.switchRole} (then open the console link)`);
  if (alert.links.tracker) lines.push(`Tracker:      ${alert.links.tracker}`);
  return lines.join("\n");
}

/** The SNS message of an insight alert (Subject, body, the usual attributes; outcome "MISSED" for missed slots). */
export function insightSnsMessage(alert: RunAlert | MissedRunAlert, subject: string): SnsAlertMessage {
  return {
    Subject: subject,
    Message: insightSnsBody(alert),
    MessageAttributes: {
      workflowName: { DataType: "String", StringValue: alert.workflowName },
      outcome: { DataType: "String", StringValue: alert.kind === AlertKind.Missed ? "MISSED" : alert.outcome },
      alertKind: { DataType: "String", StringValue: alert.kind },
    },
  };
}
