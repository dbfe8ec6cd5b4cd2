/**
 * The digest function's wiring: the store, the missed-slot marks, the delivery ledger, and
 * the channels (SNS when ALERT_TOPIC_ARN is set, Slack when a webhook is configured, the
 * local sink when given) — the alerts function's channels, rendered as a digest.
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import { Alerts, ConfigName, createSnsClient, Digest, type Env, Store } from "@glue-run-tracker/core";
import { slackWebhookUrl } from "./alerts.ts";
import { deliveryLedger, need, runStore, wiringFor } from "./builders.ts";

export interface DigestHandlerDeps {
  digest: Digest.SendDigestDeps;
  schedule: Digest.DigestSchedule;
}

/**
 * @example
 * const deps = await digestDepsFromEnv(process.env, logger); // on AWS
 * const local = await digestDepsFromEnv(env, logger, { sink }); // npm run digest
 */
export async function digestDepsFromEnv(
  env: Env = process.env,
  logger?: Pick<Logger, "warn">,
  local: { sink?: Alerts.AlertSink } = {},
): Promise<DigestHandlerDeps> {
  const w = wiringFor(env, "digest");
  const channels: Digest.DigestChannel[] = [];
  const topicArn = w.config[ConfigName.AlertTopicArn];
  if (topicArn) channels.push(Digest.createSnsDigestChannel({ client: createSnsClient(env), topicArn }));
  if (local.sink) {
    channels.push(Digest.createSinkDigestChannel(local.sink, Alerts.AlertChannel.Sns));
    channels.push(Digest.createSinkDigestChannel(local.sink, Alerts.AlertChannel.Slack));
  }
  const webhookUrl = await slackWebhookUrl(env, logger);
  if (webhookUrl) channels.push(Digest.createSlackDigestChannel({ webhookUrl }));
  return {
    digest: {
      store: runStore(w),
      marks: Store.createOverdueMarks({ client: w.dynamo(), tableName: need(w, ConfigName.TableName) }),
      ledger: deliveryLedger(w),
      channels,
    },
    schedule: Digest.digestScheduleFromEnv(env),
  };
}
