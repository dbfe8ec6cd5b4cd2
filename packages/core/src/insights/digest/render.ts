/**
 * The digest as one message per channel, readable on a phone: a line of totals, then
 * two short lines per workflow, each figure with its change since the period before.
 * Slack: Block Kit within its limits (50 blocks, 3000 characters per section, `& < >`
 * escaped); SNS: a printable-ASCII Subject under 100 characters and a plain-text body.
 */
import type { SlackBlock, SlackPayload } from "../../alerts/slack-message.ts";
import type { SnsAlertMessage } from "../../alerts/sns-message.ts";
import { escapeSlack, fitSlack, formatSeconds, truncate } from "../../alerts/text.ts";
import type { Digest, PeriodFigures, WorkflowDigest } from "./compute.ts";

/** Workflow sections in one Slack message (50 blocks at most, 4 used by the header and totals). */
export const DIGEST_SLACK_WORKFLOWS = 45;

export function digestTitle(digest: Digest): string {
  return `Glue daily digest · ${digest.current.label}`;
}

/** "24 h to 08:00 Europe/Paris" (the period's local end, as configured). */
function periodLine(digest: Digest): string {
  const hours = Math.round((Date.parse(digest.current.end) - Date.parse(digest.current.start)) / 3_600_000);
  const n = digest.workflows.length;
  return `${hours} h to ${digest.current.end} (${digest.timeZone} day ${digest.current.label}) · ${n} workflow${n === 1 ? "" : "s"} with activity · changes vs the day before`;
}

function change(now: number, before: number): string {
  const delta = now - before;
  if (delta === 0) return "";
  return ` (${delta > 0 ? "+" : "−"}${Math.abs(delta)})`;
}

function money(cost: PeriodFigures["cost"]): string {
  if (!cost) return "";
  return `${cost.estimated ? "~" : ""}${cost.amount.toFixed(2)} ${cost.currency}`;
}

function costChange(now: PeriodFigures, before: PeriodFigures): string {
  if (!now.cost) return "";
  if (!before.cost || before.cost.currency !== now.cost.currency) return "";
  const delta = Math.round((now.cost.amount - before.cost.amount) * 100) / 100;
  if (delta === 0) return "";
  return ` (${delta > 0 ? "+" : "−"}${Math.abs(delta).toFixed(2)})`;
}

/** The figures in one line, e.g. "24 runs (+3) · 2 failed (−1) · 1 auto-resumed · 1 overdue · 0 missed". */
export function figuresLine(now: PeriodFigures, before: PeriodFigures): string {
  const parts = [
    `${now.runs} run${now.runs === 1 ? "" : "s"}${change(now.runs, before.runs)}`,
    `${now.failed} failed${change(now.failed, before.failed)}`,
    `${now.autoResumes} auto-resumed${change(now.autoResumes, before.autoResumes)}`,
    `${now.overdue} overdue${change(now.overdue, before.overdue)}`,
    `${now.missed} missed${change(now.missed, before.missed)}`,
  ];
  if (now.running > 0) parts.push(`${now.running} still running`);
  if (now.cost) parts.push(`cost ${money(now.cost)}${costChange(now, before)}`);
  return parts.join(" · ");
}

function slowestLine(workflow: WorkflowDigest): string | undefined {
  const s = workflow.slowest;
  // Glue's run ids are 67 characters: the start is enough to find the run on a phone.
  const id = s && s.runId.length > 16 ? `${s.runId.slice(0, 15)}…` : s?.runId;
  return s ? `slowest ${formatSeconds(s.seconds)} (run ${id}, ${s.outcome})` : undefined;
}

/**
 * @example
 * const payload = digestSlackMessage(digest); // slackMessage({ kind: "digest", digest }) renders it so
 */
export function digestSlackMessage(digest: Digest): SlackPayload {
  const blocks: SlackBlock[] = [
    { type: "header", text: { type: "plain_text", text: fitSlack(`📊 ${digestTitle(digest)}`, 150), emoji: true } },
    { type: "context", elements: [{ type: "mrkdwn", text: fitSlack(periodLine(digest), 2000) }] },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitSlack(`Totals: ${figuresLine(digest.totals.current, digest.totals.previous)}`, 3000),
      },
    },
  ];
  const shown = digest.workflows.slice(0, DIGEST_SLACK_WORKFLOWS);
  for (const workflow of shown) {
    const lines = [figuresLine(workflow.current, workflow.previous), slowestLine(workflow)].filter(Boolean);
    const text = `*${fitSlack(workflowTitle(workflow), 300)}*\n${lines.map((l) => escapeSlack(l as string)).join("\n")}`;
    blocks.push({ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000) } });
  }
  const notes: string[] = [];
  const hidden = digest.workflows.length - shown.length;
  if (hidden > 0) notes.push(`… and ${hidden} more workflow${hidden === 1 ? "" : "s"} (see the dashboard)`);
  if (digest.truncated.length > 0) notes.push(`Figures are partial for: ${digest.truncated.join(", ")}`);
  if (notes.length > 0)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: fitSlack(notes.join("\n"), 2000) }] });
  if (digest.workflows.length === 0) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: "No workflow ran or missed a run in this period." } });
  }
  const t = digest.totals.current;
  return {
    text: fitSlack(`${digestTitle(digest)}: ${t.runs} runs, ${t.failed} failed, ${t.missed} missed`, 3000),
    blocks,
  };
}

export function digestSnsMessage(digest: Digest): SnsAlertMessage {
  const t = digest.totals.current;
  const subject = `Glue digest ${digest.current.label}: ${t.runs} runs, ${t.failed} failed, ${t.overdue} overdue, ${t.missed} missed`;
  const lines = [digestTitle(digest), periodLine(digest), "", `Totals: ${figuresLine(t, digest.totals.previous)}`];
  for (const workflow of digest.workflows) {
    lines.push("", workflowTitle(workflow), `  ${figuresLine(workflow.current, workflow.previous)}`);
    const slow = slowestLine(workflow);
    if (slow) lines.push(`  ${slow}`);
  }
  if (digest.workflows.length === 0) lines.push("", "No workflow ran or missed a run in this period.");
  if (digest.truncated.length > 0) lines.push("", `Figures are partial for: ${digest.truncated.join(", ")}`);
  return {
    Subject: truncate(subject.replace(/[^\x20-\x7e]/g, "?"), 99, "..."),
    Message: lines.join("\n"),
    MessageAttributes: { alertKind: { DataType: "String", StringValue: "digest" } },
  };
}

/** "nightly", or "nightly — analytics (222222222222, eu-west-1)" when several accounts are tracked. */
function workflowTitle(workflow: WorkflowDigest): string {
  return workflow.account ? `${workflow.workflowName} — ${workflow.account}` : workflow.workflowName;
}
