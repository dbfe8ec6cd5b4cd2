/**
 * The alerts function's wiring. On AWS the Slack webhook URL is the SST secret
 * SLACK_WEBHOOK_URL (read through `sst/node/config`); locally it is the environment
 * variable of the same name. Neither set → SNS only.
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import {
  Alerts,
  ConfigError,
  ConfigName,
  checkSetting,
  createSnsClient,
  type Env,
  Resume,
} from "@glue-run-tracker/core";
import { deliveryLedger, runStore, wiringFor } from "./builders.ts";

/** The SST binding of the secret (set by `bind`); its presence means "ask sst/node/config". */
const SST_SECRET_BINDING = `SST_Secret_value_${ConfigName.SlackWebhookUrl}`;

export type WarnLogger = Pick<Logger, "warn">;

export interface LocalAlertOptions {
  /** The local runtime's sink (its JSONL file): receives the SNS and the Slack rendering of every alert. */
  sink?: Alerts.AlertSink;
}

/**
 * SNS when ALERT_TOPIC_ARN is set, the local sink when given, Slack when a webhook
 * URL is configured (any combination).
 *
 * @example
 * const deps = await alertsDepsFromEnv(process.env); // on AWS
 * const local = await alertsDepsFromEnv(env, logger, { sink: new JsonlAlertSink(".tracker-data/alerts.jsonl") });
 */
export async function alertsDepsFromEnv(
  env: Env = process.env,
  logger?: WarnLogger,
  local: LocalAlertOptions = {},
): Promise<Alerts.AlertDeps> {
  const w = wiringFor(env, "alerts");
  const publishers: Alerts.AlertPublisher[] = [];
  const topicArn = w.config[ConfigName.AlertTopicArn];
  if (topicArn) publishers.push(Alerts.createSnsPublisher({ client: createSnsClient(env), topicArn }));
  if (local.sink) {
    publishers.push(Alerts.createSinkPublisher(local.sink, Alerts.AlertChannel.Sns));
    publishers.push(Alerts.createSinkPublisher(local.sink, Alerts.AlertChannel.Slack));
  }
  const webhookUrl = await slackWebhookUrl(env, logger);
  if (webhookUrl) publishers.push(Alerts.createSlackPublisher({ webhookUrl }));
  return {
    store: runStore(w),
    policy: lenientResumePolicy(env, logger),
    publishers,
    settings: Alerts.alertSettingsFromEnv(env),
    ledger: deliveryLedger(w),
  };
}

/**
 * The resume policy, or its configuration error: alerts still go out when an
 * AUTO_RESUME_* setting is bad, and say that the run was not resumed because of it.
 */
function lenientResumePolicy(env: Env, logger?: WarnLogger): Resume.ResumePolicy | Resume.ResumeConfigError {
  try {
    return Resume.resumePolicyFromEnv(env);
  } catch (error) {
    if (!(error instanceof Resume.ResumeConfigError)) throw error;
    logger?.warn("auto-resume settings are invalid; alerts say so and nothing is resumed", { reason: error.message });
    return error;
  }
}

/**
 * The webhook URL, or undefined when Slack is not configured. A bound but unset SST
 * secret makes `sst/node/config` throw on import; that means "no Slack", not an error.
 */
export async function slackWebhookUrl(env: Env, logger?: WarnLogger): Promise<string | undefined> {
  const fromEnv = env[ConfigName.SlackWebhookUrl]?.trim();
  if (fromEnv) return checkedWebhook(fromEnv);
  if (!env[SST_SECRET_BINDING]) return undefined;
  try {
    const { Config } = await import("sst/node/config");
    const value = (Config as Record<string, string | undefined>)[ConfigName.SlackWebhookUrl]?.trim();
    return value ? checkedWebhook(value) : undefined;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    logger?.warn("Slack webhook secret is not set; alerts go to SNS only", {
      reason: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

/** Only Slack's host (or a loopback receiver) gets the alerts: a typo'd or hostile URL fails the start. */
function checkedWebhook(url: string): string {
  const checked = checkSetting(ConfigName.SlackWebhookUrl, url);
  if (checked instanceof ConfigError) throw checked;
  return checked;
}
