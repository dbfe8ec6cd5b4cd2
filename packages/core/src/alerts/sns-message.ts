/**
 * The SNS rendering of an alert: a one-line Subject (email subscribers see it), a
 * plain-text body, and message attributes that subscription filter policies match.
 */
import type { MessageAttributeValue } from "@aws-sdk/client-sns";
import { digestSnsMessage } from "../insights/digest/render.ts";
import { accountLine, accountTag, describeDecision, failedActionCount } from "./describe.ts";
import { insightSnsMessage } from "./insight-alerts.ts";
import { costSentence, formatDuration, oneLine, truncate } from "./text.ts";
import { type Alert, AlertKind, type DigestAlert, type RunAlert } from "./types.ts";

export interface SnsAlertMessage {
  Subject: string;
  Message: string;
  /** The digest, about no single workflow, carries alertKind only. */
  MessageAttributes: Record<"alertKind", MessageAttributeValue> &
    Partial<Record<"workflowName" | "outcome", MessageAttributeValue>>;
}

/** SNS wants a Subject under 100 characters, without line breaks or control characters. */
export const SNS_SUBJECT_MAX = 99;
/** Failed nodes listed in the body before the rest are counted (the body stays far below 256 KB). */
const MAX_LISTED_NODES = 100;
const NODE_ERROR_MAX = 1000;

/** What the Subject and title say instead of the outcome. */
const LABELS: Partial<Record<AlertKind, string>> = {
  [AlertKind.Recovered]: "RECOVERED",
  [AlertKind.ResumeFailed]: "AUTO-RESUME FAILED",
  [AlertKind.Closed]: "CLOSED (end unknown)",
  [AlertKind.Overdue]: "RUN OVERDUE",
  [AlertKind.OverdueEnded]: "OVERDUE RUN ENDED",
  [AlertKind.Missed]: "RUN MISSED",
};

/**
 * @example
 * const { Subject, Message, MessageAttributes } = snsMessage(alert);
 * await sns.send(new PublishCommand({ TopicArn, Subject, Message, MessageAttributes }));
 */
export function snsMessage(alert: Alert): SnsAlertMessage {
  if (alert.kind === AlertKind.Digest) return digestSnsMessage(alert.digest);
  if (alert.kind === AlertKind.Missed || alert.kind === AlertKind.Overdue || alert.kind === AlertKind.OverdueEnded) {
    return insightSnsMessage(alert, snsSubject(alert));
  }
  return {
    Subject: snsSubject(alert),
    Message: body(alert),
    MessageAttributes: {
      workflowName: { DataType: "String", StringValue: alert.workflowName },
      outcome: { DataType: "String", StringValue: alert.outcome },
      alertKind: { DataType: "String", StringValue: alert.kind },
    },
  };
}

/**
 * The Subject: printable ASCII only (email subjects; SNS rewrites others), at most
 * 99 characters, the outcome first so a long workflow name is what gets cut.
 *
 * @example
 * snsSubject(alert); // "Glue workflow FAILED: nightly-etl"
 */
export function snsSubject(alert: Exclude<Alert, DigestAlert>): string {
  const label = LABELS[alert.kind] ?? (alert.kind === AlertKind.Missed ? "RUN MISSED" : alert.outcome);
  // The account before the name: a long workflow name is what gets cut.
  return truncate(
    toPrintableAscii(`Glue workflow ${label}${accountTag(alert.account)}: ${alert.workflowName}`),
    SNS_SUBJECT_MAX,
    "...",
  );
}

function body(alert: RunAlert): string {
  const title = `Glue workflow run ${LABELS[alert.kind] ?? alert.outcome}`;
  const lines = [
    title,
    "",
    `Workflow:     ${alert.workflowName}`,
    ...(alert.account ? [`Account:      ${accountLine(alert.account)}`] : []),
    `Run ID:       ${alert.runId}`,
    `Outcome:      ${alert.outcome} (Glue status ${alert.status})`,
  ];
  if (alert.previousRunId) lines.push(`Previous run: ${alert.previousRunId}`);
  if (alert.startedOn) lines.push(`Started:      ${alert.startedOn}`);
  if (alert.completedOn) lines.push(`Completed:    ${alert.completedOn}`);
  lines.push(`Duration:     ${formatDuration(alert.startedOn, alert.completedOn) ?? "unknown"}`);
  if (alert.kind !== AlertKind.Recovered && alert.statistics?.TotalActions !== undefined) {
    lines.push(`Failed:       ${failedActionCount(alert.statistics)} of ${alert.statistics.TotalActions} actions`);
  }
  if (alert.cost) lines.push(`Cost:         ${costSentence(alert.cost, alert.kind === AlertKind.Failure)}`);
  if (alert.closedReason) {
    lines.push(
      "",
      `Closed: ${oneLine(alert.closedReason)}`,
      "  How it ended is unknown; the tracker no longer polls it.",
    );
  }
  if (alert.errorMessage) lines.push("", `Glue error: ${oneLine(alert.errorMessage)}`);
  if (alert.failedNodes.length > 0) {
    lines.push("", `Failed nodes (${alert.failedNodes.length}):`);
    for (const node of alert.failedNodes.slice(0, MAX_LISTED_NODES)) {
      const error = node.ErrorMessage ? truncate(oneLine(node.ErrorMessage), NODE_ERROR_MAX) : "no error message";
      lines.push(`  - ${node.Name} (${node.Type}) ${node.State}: ${error}`);
    }
    const rest = alert.failedNodes.length - MAX_LISTED_NODES;
    if (rest > 0) lines.push(`  … and ${rest} more failed nodes`);
  }
  if (alert.autoResume) {
    lines.push("", `Auto-resume: ${describeDecision(alert.autoResume)}`, `  ${oneLine(alert.autoResume.reason)}`);
  }
  if (alert.recovery) {
    lines.push(
      "",
      `Recovered after ${alert.recovery.attempts} auto-resume attempt(s): resumed from run ${alert.recovery.resumedFromRunId}.`,
    );
  }
  lines.push("", `Glue console: ${alert.links.glueConsole}`);
  if (alert.links.switchRole) lines.push(`Switch role:  ${alert.links.switchRole} (then open the console link)`);
  if (alert.links.tracker) lines.push(`Tracker:      ${alert.links.tracker}`);
  return lines.join("\n");
}

function toPrintableAscii(text: string): string {
  return oneLine(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "?");
}
