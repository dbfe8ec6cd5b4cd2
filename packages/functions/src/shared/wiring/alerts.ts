/**
 * The alerts function's wiring. On AWS the Slack webhook URL is the SST secret
 * SLACK_WEBHOOK_URL, and the named webhooks the SST secret SLACK_WEBHOOKS (when the
 * stack binds it), both read through `sst/node/config`; locally they are the
 * environment variables of the same names. None set → SNS only.
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
import { deliveryLedger, runStore, runStoreFor, type Wiring, wiringFor } from "./builders.ts";
import { perAccount } from "./per-account.ts";

/** The SST binding of the secret (set by `bind`); its presence means "ask sst/node/config". */
const sstBinding = (name: SlackSecretName) => `SST_Secret_value_${name}`;

type SlackSecretName = typeof ConfigName.SlackWebhookUrl | typeof ConfigName.SlackWebhooks;

export type WarnLogger = Pick<Logger, "warn">;

export interface LocalAlertOptions {
  /** The local runtime's sink (its JSONL file): receives the SNS and the Slack rendering of every alert. */
  sink?: Alerts.AlertSink;
}

/**
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
  const { publishers, webhookNames } = await alertPublishers(w, logger, local);
  const accounts = perAccount(w, (account) => ({ store: runStoreFor(w, account) }));
  return {
    store: runStore(w),
    // Each run's alert reads (and keeps its deliveries in) its own account's store.
    ...(accounts.registry.multiAccount ? { accounts } : {}),
    policy: lenientResumePolicy(env, logger),
    publishers,
    settings: Alerts.alertSettingsFromEnv(env),
    ledger: deliveryLedger(w),
    slackRouting: { webhookNames, warn: (message, extra) => logger?.warn(message, extra) },
  };
}

/**
 * The channels, for the alerts and the digest alike: SNS when ALERT_TOPIC_ARN is set,
 * the local sink when given, Slack when a webhook URL is configured (any combination).
 * `webhookNames`: the SLACK_WEBHOOKS names a workflow's settings may pick.
 */
export async function alertPublishers(
  w: Wiring,
  logger?: WarnLogger,
  local: LocalAlertOptions = {},
): Promise<{ publishers: Alerts.AlertPublisher[]; webhookNames: string[] }> {
  const publishers: Alerts.AlertPublisher[] = [];
  const topicArn = w.config[ConfigName.AlertTopicArn];
  if (topicArn) publishers.push(Alerts.createSnsPublisher({ client: createSnsClient(w.env), topicArn }));
  if (local.sink) {
    publishers.push(Alerts.createSinkPublisher(local.sink, Alerts.AlertChannel.Sns));
    publishers.push(Alerts.createSinkPublisher(local.sink, Alerts.AlertChannel.Slack));
  }
  const webhookUrl = await slackWebhookUrl(w.env, logger);
  const webhooks = await slackWebhooks(w.env, logger);
  if (webhookUrl || Object.keys(webhooks).length > 0)
    publishers.push(Alerts.createSlackPublisher({ webhookUrl, webhooks }));
  return { publishers, webhookNames: Object.keys(webhooks) };
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
  const value = await slackSecret(env, ConfigName.SlackWebhookUrl, logger);
  return value === undefined ? undefined : checked(ConfigName.SlackWebhookUrl, value);
}

/** The named webhooks (SLACK_WEBHOOKS): name → URL; empty when not configured. */
export async function slackWebhooks(env: Env, logger?: WarnLogger): Promise<Record<string, string>> {
  const value = await slackSecret(env, ConfigName.SlackWebhooks, logger);
  return value === undefined ? {} : checked(ConfigName.SlackWebhooks, value);
}

/** The environment variable (local runtime), else the bound SST secret; undefined when neither is set. */
async function slackSecret(env: Env, name: SlackSecretName, logger?: WarnLogger): Promise<string | undefined> {
  const fromEnv = env[name]?.trim();
  if (fromEnv) return fromEnv;
  if (!env[sstBinding(name)]) return undefined;
  try {
    const { Config } = await import("sst/node/config");
    return (Config as Record<string, string | undefined>)[name]?.trim() || undefined;
  } catch (error) {
    logger?.warn("Slack webhook secret is not set; alerts go to SNS only", {
      secret: name,
      reason: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

/** Only Slack's host (or a loopback receiver) gets the alerts: a typo'd or hostile URL fails the start. */
function checked<K extends SlackSecretName>(name: K, value: string) {
  const result = checkSetting(name, value);
  if (result instanceof ConfigError) throw result;
  return result;
}
