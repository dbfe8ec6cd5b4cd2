/**
 * The Slack rendering of an alert: an incoming-webhook payload in Block Kit, within
 * Slack's limits (header 150 characters, section text 3000, field 2000, button text
 * 75) and with `& < >` escaped in every piece of text taken from a run.
 */
import { digestSlackMessage } from "../insights/digest/render.ts";
import { accountLine, accountName, accountTag, describeDecision, failedActionCount } from "./describe.ts";
import { insightSlackMessage } from "./insight-alerts.ts";
import { costSentence, escapeSlack, fitSlack, formatDuration, oneLine } from "./text.ts";
import { type Alert, AlertKind, type RunAlert } from "./types.ts";

export interface SlackText {
  type: "plain_text" | "mrkdwn";
  text: string;
  emoji?: boolean;
}

export type SlackBlock =
  | { type: "header"; text: SlackText }
  | { type: "section"; text?: SlackText; fields?: SlackText[] }
  | { type: "context"; elements: SlackText[] }
  | { type: "actions"; elements: { type: "button"; text: SlackText; url: string; action_id: string }[] };

/** An incoming-webhook message: `text` is the notification and screen-reader fallback. */
export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
}

export const SlackLimit = {
  header: 150,
  sectionText: 3000,
  field: 2000,
  buttonText: 75,
  /** Our cap per error message, so one node cannot crowd out the others. */
  nodeError: 500,
  fallbackText: 3000,
} as const;

/**
 * Renders an alert as a Block Kit payload.
 *
 * @example
 * const payload = slackMessage(alert);
 * await sendSlack(webhookUrl, payload);
 */
export function slackMessage(alert: Alert): SlackPayload {
  if (alert.kind === AlertKind.Digest) return digestSlackMessage(alert.digest);
  if (alert.kind === AlertKind.Missed || alert.kind === AlertKind.Overdue || alert.kind === AlertKind.OverdueEnded) {
    return insightSlackMessage(alert);
  }
  const blocks: SlackBlock[] = [
    { type: "header", text: plain(headerText(alert), SlackLimit.header) },
    { type: "section", fields: summaryFields(alert) },
  ];
  if (alert.kind === AlertKind.Closed) {
    const text = `*Closed:* ${oneLine(alert.closedReason ?? "Glue no longer knows this run.")} How it ended is unknown; the tracker no longer polls it.`;
    blocks.push(section(fitSlack(text, SlackLimit.sectionText)));
  } else if (alert.kind !== AlertKind.Recovered) {
    if (alert.failedNodes.length > 0) blocks.push(section(failedNodesText(alert)));
    if (alert.errorMessage) {
      blocks.push(section(`*Glue error*\n${fitSlack(oneLine(alert.errorMessage), SlackLimit.sectionText - 20)}`));
    }
    if (alert.autoResume) {
      const text = `*Auto-resume:* ${describeDecision(alert.autoResume)}\n${oneLine(alert.autoResume.reason)}`;
      blocks.push(section(fitSlack(text, SlackLimit.sectionText)));
    }
  } else if (alert.recovery) {
    const { attempts, resumedFromRunId } = alert.recovery;
    const text = `Recovered after ${attempts} auto-resume attempt(s): resumed from run ${resumedFromRunId}.`;
    blocks.push(section(fitSlack(text, SlackLimit.sectionText)));
  }
  const times = [
    alert.startedOn && `Started ${alert.startedOn}`,
    alert.completedOn && `Completed ${alert.completedOn}`,
  ];
  const context = times.filter((part): part is string => Boolean(part)).join(" · ");
  if (context) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: fitSlack(context, 2000) }] });
  blocks.push({ type: "actions", elements: linkButtons(alert) });
  return { text: fitSlack(fallbackText(alert), SlackLimit.fallbackText), blocks };
}

function headerText(alert: RunAlert): string {
  const where = accountTag(alert.account);
  if (alert.kind === AlertKind.Recovered) return `✅ Glue workflow recovered${where}: ${alert.workflowName}`;
  if (alert.kind === AlertKind.ResumeFailed) return `⚠️ Auto-resume failed${where}: ${alert.workflowName}`;
  if (alert.kind === AlertKind.Closed) return `❔ Glue workflow run closed, end unknown${where}: ${alert.workflowName}`;
  return `🚨 Glue workflow ${alert.outcome}${where}: ${alert.workflowName}`;
}

function summaryFields(alert: RunAlert): SlackText[] {
  const fields: [string, string][] = [
    ["Workflow", alert.workflowName],
    ...(alert.account ? [["Account", accountLine(alert.account)] as [string, string]] : []),
    ["Run ID", alert.runId],
    ["Outcome", `${alert.outcome} (Glue status ${alert.status})`],
    ["Duration", formatDuration(alert.startedOn, alert.completedOn) ?? "unknown"],
  ];
  const stats = alert.statistics;
  if (alert.kind !== AlertKind.Recovered && stats?.TotalActions !== undefined) {
    fields.push(["Failed actions", `${failedActionCount(stats)} of ${stats.TotalActions}`]);
  }
  if (alert.previousRunId) fields.push(["Previous run", alert.previousRunId]);
  if (alert.cost) fields.push(["Cost", costSentence(alert.cost, alert.kind === AlertKind.Failure)]);
  return fields.map(([label, value]) => ({
    type: "mrkdwn",
    text: `*${label}*\n${fitSlack(oneLine(value), SlackLimit.field - label.length - 3)}`,
  }));
}

/** One line per failed node, cut to 3000 characters with the rest counted. */
function failedNodesText(alert: RunAlert): string {
  const nodes = alert.failedNodes;
  const title = `*Failed nodes (${nodes.length})*`;
  const lines = nodes.map((node) => {
    const error = node.ErrorMessage ? oneLine(node.ErrorMessage) : "no error message";
    const name = fitSlack(oneLine(node.Name), 255 + 40);
    return `• *${name}* (${node.Type.toLowerCase()}) — ${escapeSlack(node.State)}: ${fitSlack(error, SlackLimit.nodeError)}`;
  });
  let text = title;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const remaining = lines.length - index - 1;
    // Keep room for the "and N more" marker unless this is the last line.
    const reserve = remaining > 0 ? moreMarker(lines.length - index).length + 1 : 0;
    if (text.length + 1 + line.length + reserve > SlackLimit.sectionText) {
      return `${text}\n${moreMarker(lines.length - index)}`;
    }
    text += `\n${line}`;
  }
  return text;
}

function moreMarker(count: number): string {
  return `… and ${count} more failed node${count === 1 ? "" : "s"}`;
}

function linkButtons(alert: RunAlert) {
  const buttons = [{ label: "Open in Glue console", url: alert.links.glueConsole, id: "glue-console" }];
  // Switch into the member account first, then the console link opens there.
  if (alert.links.switchRole)
    buttons.unshift({ label: "Switch role to account", url: alert.links.switchRole, id: "switch-role" });
  if (alert.links.tracker)
    buttons.unshift({ label: "View run in tracker", url: alert.links.tracker, id: "tracker-run" });
  return buttons.map((button) => ({
    type: "button" as const,
    text: plain(button.label, SlackLimit.buttonText),
    url: button.url,
    action_id: button.id,
  }));
}

/** The notification text, led by the account when the alert names one (phones show only the start). */
function fallbackText(alert: RunAlert): string {
  const text = fallbackSentence(alert);
  return alert.account ? `[${accountName(alert.account)}] ${text}` : text;
}

function fallbackSentence(alert: RunAlert): string {
  if (alert.kind === AlertKind.Recovered) {
    return `Glue workflow ${alert.workflowName} recovered: run ${alert.runId} SUCCEEDED after auto-resume.`;
  }
  if (alert.kind === AlertKind.Closed) {
    return `Glue workflow ${alert.workflowName} run ${alert.runId} closed: ${oneLine(alert.closedReason ?? "Glue no longer knows this run.")}`;
  }
  if (alert.kind === AlertKind.ResumeFailed) {
    return `Auto-resume of Glue workflow ${alert.workflowName} run ${alert.runId} failed: ${oneLine(alert.autoResume?.reason ?? "Glue refused it.")}`;
  }
  const count = alert.failedNodes.length;
  const nodes = count > 0 ? ` ${count} failed node${count === 1 ? "" : "s"}.` : "";
  const resume = alert.autoResume ? ` Auto-resume: ${describeDecision(alert.autoResume)}.` : "";
  return `Glue workflow ${alert.workflowName} run ${alert.runId} ${alert.outcome}.${nodes}${resume}`;
}

function plain(text: string, max: number): SlackText {
  return { type: "plain_text", text: fitSlack(oneLine(text), max), emoji: true };
}

function section(text: string): SlackBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}
