/**
 * Which Slack webhook a workflow's alerts go to: the one its settings name
 * (settings.SlackWebhook, a NAME from SLACK_WEBHOOKS), else the default one
 * (SLACK_WEBHOOK_URL). A name that is not configured falls back to the default with
 * a warning naming the workflow and the name — never a URL (a secret).
 * docs/decisions/insights-cost-and-settings.md (Update: per-workflow webhooks).
 */
import type { WorkflowSettings } from "../insights/settings.ts";

/** The name the default webhook goes by in routes and sink records. */
export const DEFAULT_SLACK_WEBHOOK = "default";

/** Where one alert goes, beyond the channels every alert takes. */
export interface AlertRoute {
  /** The configured webhook's name, or DEFAULT_SLACK_WEBHOOK. */
  slackWebhook: string;
}

export interface SlackRouting {
  /** The names configured in SLACK_WEBHOOKS (not their URLs). */
  webhookNames: readonly string[];
  warn?: (message: string, extra: Record<string, unknown>) => void;
}

/**
 * @example
 * alertRoute({ webhookNames: ["data-team"] }, "nightly", { slackWebhook: "data-team" }); // { slackWebhook: "data-team" }
 * alertRoute({ webhookNames: [] }, "nightly", { slackWebhook: "data-team" }); // { slackWebhook: "default" }, and a warning
 */
export function alertRoute(
  routing: SlackRouting | undefined,
  workflowName: string | undefined,
  settings: Pick<WorkflowSettings, "slackWebhook">,
): AlertRoute {
  const name = settings.slackWebhook;
  if (!name) return { slackWebhook: DEFAULT_SLACK_WEBHOOK };
  // Own names only: "constructor" and friends are not webhooks.
  if (routing?.webhookNames.includes(name)) return { slackWebhook: name };
  routing?.warn?.("workflow names a Slack webhook that is not configured in SLACK_WEBHOOKS; using the default one", {
    workflowName,
    slackWebhook: name,
  });
  return { slackWebhook: DEFAULT_SLACK_WEBHOOK };
}
