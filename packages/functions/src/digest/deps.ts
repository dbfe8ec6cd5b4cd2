/**
 * The digest function's dependencies from the environment: the store, the missed-slot
 * marks, the alerts' delivery ledger, and the alert channels (SNS when ALERT_TOPIC_ARN
 * is set, Slack when a webhook is configured, the local sink when given).
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import {
  Alerts,
  ConfigName,
  createDocumentClient,
  createSnsClient,
  type Env,
  Insights,
  required,
  Store,
} from "@glue-run-tracker/core";
import { runStoreFromEnv, slackWebhookUrl } from "../alerts/deps.ts";

export interface DigestHandlerDeps {
  digest: Insights.Digest.SendDigestDeps;
  schedule: Insights.Digest.DigestSchedule;
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
  const channels: Insights.Digest.DigestChannel[] = [];
  const topicArn = env[ConfigName.AlertTopicArn];
  if (topicArn) channels.push(Insights.Digest.createSnsDigestChannel({ client: createSnsClient(env), topicArn }));
  if (local.sink) {
    channels.push(Insights.Digest.createSinkDigestChannel(local.sink, Alerts.AlertChannel.Sns));
    channels.push(Insights.Digest.createSinkDigestChannel(local.sink, Alerts.AlertChannel.Slack));
  }
  const webhookUrl = await slackWebhookUrl(env, logger);
  if (webhookUrl) channels.push(Insights.Digest.createSlackDigestChannel({ webhookUrl }));
  const client = createDocumentClient(env);
  const tableName = required(env, ConfigName.TableName);
  return {
    digest: {
      store: runStoreFromEnv(env, client),
      marks: Store.createOverdueMarks({ client, tableName }),
      ledger: Alerts.createDynamoDeliveryLedger({ client, tableName }),
      channels,
    },
    schedule: Insights.Digest.digestScheduleFromEnv(env),
  };
}
