/**
 * The daily digest (docs/decisions/insights-daily-digest.md): a function the EventBridge
 * Scheduler invokes once a day at DIGEST_HOUR in DIGEST_TIME_ZONE (the scheduler keeps
 * the local hour across daylight-saving changes). Least privilege: it reads runs,
 * workflows and missed-slot items (Query/GetItem), claims its delivery in the alerts
 * ledger (UpdateItem), publishes to the alert topic; the scheduler's role may invoke
 * only this function, for this account.
 */
import { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import type * as sns from "aws-cdk-lib/aws-sns";
import { NagSuppressions } from "cdk-nag";
import { type Config, Function as SstFunction } from "sst/constructs";
import { ConfigName } from "../packages/core/src/config.ts";
import { digestScheduleFromEnv } from "../packages/core/src/insights/digest/from-env.ts";

export const DigestSettings = { timeoutSeconds: 120 } as const;

export function addDigest(
  stack: Stack,
  deps: {
    table: { tableName: string; tableArn: string };
    tableKeyAccess: iam.PolicyStatement[];
    topic: sns.Topic;
    slackWebhook: Config.Secret;
    baseUrl?: string;
  },
) {
  // Refuse a bad DIGEST_* setting at deploy time, with the reader the function uses.
  const schedule = digestScheduleFromEnv(process.env);
  const digest = new SstFunction(stack, "DigestFunction", {
    handler: "packages/functions/src/digest/handler.handler",
    timeout: DigestSettings.timeoutSeconds,
    environment: {
      [ConfigName.TableName]: deps.table.tableName,
      [ConfigName.AlertTopicArn]: deps.topic.topicArn,
      [ConfigName.DigestTimeZone]: schedule.timeZone,
      [ConfigName.DigestHour]: String(schedule.hour),
      ...(deps.baseUrl ? { [ConfigName.TrackerBaseUrl]: deps.baseUrl } : {}),
    },
    bind: [deps.slackWebhook],
    permissions: [
      new iam.PolicyStatement({
        actions: ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem"],
        resources: [deps.table.tableArn, `${deps.table.tableArn}/index/*`],
      }),
      ...deps.tableKeyAccess,
    ],
  });
  deps.topic.grantPublish(digest);
  NagSuppressions.addResourceSuppressions(
    digest,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "Publishing to the KMS-encrypted topic needs kms:GenerateDataKey* on its key (CDK's grantPublish), only that key.",
        appliesTo: ["Action::kms:GenerateDataKey*"],
      },
    ],
    true,
  );

  const role = new iam.Role(stack, "DigestSchedulerRole", {
    description: "EventBridge Scheduler invokes the daily digest function",
    assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
      conditions: { StringEquals: { "aws:SourceAccount": Stack.of(stack).account } },
    }),
  });
  role.addToPolicy(new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [digest.functionArn] }));
  new scheduler.CfnSchedule(stack, "DigestSchedule", {
    description: `Glue Run Tracker daily digest at ${schedule.hour}:00 ${schedule.timeZone}`,
    scheduleExpression: `cron(0 ${schedule.hour} * * ? *)`,
    scheduleExpressionTimezone: schedule.timeZone,
    flexibleTimeWindow: { mode: "OFF" },
    target: { arn: digest.functionArn, roleArn: role.roleArn, retryPolicy: { maximumRetryAttempts: 2 } },
  });
  return { digest };
}
