/**
 * Operations: alarms that reach someone, and a dashboard of the tracker itself.
 *
 * Two stacks, because of CloudFormation's export direction:
 * - `Operations` (right after Storage): the operations SNS topic (or an existing one,
 *   OPS_TOPIC_ARN), e-mail subscriptions (OPS_ALERT_EMAILS), the alarms on the
 *   tracker's own metrics (namespace GlueRunTracker), and an aspect that makes the
 *   topic the action of EVERY alarm in the app — the DLQ alarms of Ingest and Alerts
 *   included — so no alarm is added without someone hearing it.
 * - `OperationsDashboard` (last): what needs the queues and functions of the other
 *   stacks — the ingest queue's oldest-message alarm and the CloudWatch dashboard.
 * See docs/decisions/operability-alarms.md.
 */
import { Aspects, Duration, type IAspect, Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";
import { type StackContext, use } from "sst/constructs";
import { AlertChannel } from "../packages/core/src/alerts/publishers.ts";
import { ConfigName } from "../packages/core/src/config.ts";
import { checkConfig } from "../packages/core/src/config-schema.ts";
import { METRIC_NAMESPACE, Metric, type MetricDimensions } from "../packages/core/src/metrics.ts";
import { Alerts } from "./Alerts.ts";
import { Ingest } from "./Ingest.ts";

export const OperationsSettings = {
  /** Default for INGEST_SILENCE_MINUTES. */
  ingestSilenceMinutes: 60,
  /** The oldest ingest message older than this: ingest is stuck or far behind. */
  ingestOldestMessageSeconds: 15 * 60,
  /** Ingest errors per 5 minutes, 3 periods in a row (throttling retries alone stay below). */
  ingestErrorsPer5Minutes: 10,
} as const;

/** A tracker metric (core's Metric) as CloudWatch sees it. */
export function trackerMetric(
  metric: Metric,
  options: { dimensions?: MetricDimensions; statistic?: string; period?: Duration; label?: string } = {},
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRIC_NAMESPACE,
    metricName: metric.name,
    dimensionsMap: options.dimensions ? { ...options.dimensions } : undefined,
    statistic: options.statistic ?? "Sum",
    period: options.period ?? Duration.minutes(5),
    label: options.label,
  });
}

export function Operations({ stack, app }: StackContext) {
  const config = checkConfig(process.env, {
    only: [ConfigName.OpsTopicArn, ConfigName.OpsAlertEmails, ConfigName.IngestSilenceMinutes],
  });
  const existingTopicArn = config[ConfigName.OpsTopicArn];
  const topic = existingTopicArn ? sns.Topic.fromTopicArn(stack, "OpsTopic", existingTopicArn) : createdTopic(stack);
  for (const address of config[ConfigName.OpsAlertEmails] ?? []) {
    const subscription = topic.addSubscription(new subscriptions.EmailSubscription(address));
    NagSuppressions.addResourceSuppressions(subscription, [
      {
        id: "Serverless-SNSRedrivePolicy",
        reason:
          "An e-mail delivery that fails (bounced or unconfirmed address) is no message an operator would redrive; SNS counts it in NumberOfNotificationsFailed.",
      },
    ]);
  }
  const alarmAction = new actions.SnsAction(topic);
  Aspects.of(app).add(new EveryAlarmNotifies(alarmAction));

  const silence = Duration.minutes(config[ConfigName.IngestSilenceMinutes] ?? OperationsSettings.ingestSilenceMinutes);
  const alarms = [
    new cloudwatch.Alarm(stack, "IngestErrorsAlarm", {
      alarmDescription: "Ingest keeps failing messages (they are retried, then dead-lettered): see the ingest logs",
      metric: trackerMetric(Metric.IngestErrors),
      threshold: OperationsSettings.ingestErrorsPer5Minutes,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(stack, "AlertDeliveryFailedAlarm", {
      alarmDescription:
        "A failure alert was not delivered on a channel (retried, then dead-lettered): check SNS / Slack",
      metric: sumOfChannels(Metric.AlertsFailed),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(stack, "NoEventIngestedAlarm", {
      alarmDescription: `No Glue event ingested for ${silence.toMinutes()} minutes while the reconciler sees Glue runs: check the default-bus rule and the ingest queue`,
      metric: new cloudwatch.MathExpression({
        expression: "IF(FILL(seen, 0) > 0 AND FILL(ingested, 0) == 0, 1, 0)",
        usingMetrics: {
          seen: trackerMetric(Metric.GlueRunsSeen, { period: silence }),
          ingested: trackerMetric(Metric.EventsIngested, { period: silence }),
        },
        period: silence,
        label: "Glue runs seen without ingested events",
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  ];

  stack.addOutputs({ OpsTopicArn: topic.topicArn });
  return { topic, alarmAction, alarms };
}

export function OperationsDashboard({ stack }: StackContext) {
  const ingest = use(Ingest);
  const alerts = use(Alerts);
  const queues = {
    ingest: { queue: ingest.queue, dlq: ingest.dlq },
    alerts: alerts.alertsQueue,
    resumeEvents: alerts.resumeEventsQueue,
    resume: alerts.resumeQueue,
  };

  const oldestIngestMessage = new cloudwatch.Alarm(stack, "IngestOldestMessageAlarm", {
    alarmDescription: "The oldest message in the ingest queue is older than 15 minutes: ingest is stuck or far behind",
    metric: ingest.queue.cdk.queue.metricApproximateAgeOfOldestMessage({
      period: Duration.minutes(5),
      statistic: "Maximum",
    }),
    threshold: OperationsSettings.ingestOldestMessageSeconds,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });

  const search = (metric: Metric, dimensions: string, statistic = "Sum") =>
    new cloudwatch.MathExpression({
      expression: `SEARCH('{${METRIC_NAMESPACE},${dimensions}} MetricName="${metric.name}"', '${statistic}', 300)`,
      usingMetrics: {},
      period: Duration.minutes(5),
    });
  const dashboardName = `${stack.stage}-glue-run-tracker`;
  const dashboard = new cloudwatch.Dashboard(stack, "TrackerDashboard", {
    dashboardName,
    defaultInterval: Duration.hours(24),
    widgets: [
      [
        graph("Runs finished by workflow and Outcome", [search(Metric.RunsFinished, "Outcome,Workflow")]),
        graph("Run duration (s, average)", [search(Metric.RunDuration, "Workflow", "Average")]),
        graph("Ingest lag: Glue event → stored (ms)", [
          trackerMetric(Metric.IngestLag, { statistic: "p50", label: "p50" }),
          trackerMetric(Metric.IngestLag, { statistic: "p99", label: "p99" }),
        ]),
      ],
      [
        graph("Glue calls and throttles", [
          search(Metric.GlueCalls, "Operation"),
          search(Metric.GlueThrottles, "Operation"),
        ]),
        graph("Alerts sent / failed per channel", [
          search(Metric.AlertsSent, "Channel"),
          search(Metric.AlertsFailed, "Channel"),
        ]),
        graph("Auto-resume decisions and attempts", [search(Metric.ResumeAttempts, "Decision,Step")]),
      ],
      [
        graph(
          "Messages waiting in the DLQs",
          Object.entries(queues).map(([name, { dlq }]) =>
            dlq.cdk.queue.metricApproximateNumberOfMessagesVisible({ label: name, statistic: "Maximum" }),
          ),
        ),
        graph("Ingest: events, errors, oldest message (s)", [
          trackerMetric(Metric.EventsIngested, { label: "events ingested" }),
          trackerMetric(Metric.IngestErrors, { label: "ingest errors" }),
          // Several accounts (docs/decisions/accounts-flows.md): events dropped, accounts not swept.
          trackerMetric(Metric.UntrackedAccountEvents, { label: "untracked-account events" }),
          trackerMetric(Metric.AccountsNotReconciled, { label: "accounts not reconciled" }),
          ingest.queue.cdk.queue.metricApproximateAgeOfOldestMessage({ label: "oldest message (s)" }),
        ]),
        new cloudwatch.AlarmStatusWidget({
          title: "Tracker alarms",
          width: 8,
          alarms: [oldestIngestMessage, ingest.dlqAlarm],
        }),
      ],
    ],
  });

  const region = Stack.of(stack).region;
  stack.addOutputs({
    DashboardUrl: `https://console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${dashboardName}`,
  });
  return { dashboard, oldestIngestMessage };
}

/** Gives every CloudWatch alarm of the app the operations topic as its alarm action. */
class EveryAlarmNotifies implements IAspect {
  readonly #action: cloudwatch.IAlarmAction;
  readonly #done = new WeakSet<cloudwatch.Alarm>();

  constructor(action: cloudwatch.IAlarmAction) {
    this.#action = action;
  }

  visit(node: IConstruct): void {
    if (!(node instanceof cloudwatch.Alarm) || this.#done.has(node)) return;
    this.#done.add(node);
    node.addAlarmAction(this.#action);
  }
}

/** A KMS-encrypted, SSL-only topic that CloudWatch alarms may publish to. */
function createdTopic(stack: Stack): sns.ITopic {
  const key = new kms.Key(stack, "OpsTopicKey", {
    description: "Encrypts the Glue Run Tracker operations topic",
    enableKeyRotation: true,
  });
  // Alarms publish to an encrypted topic only if CloudWatch may use its key.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal("cloudwatch.amazonaws.com")],
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
      resources: ["*"],
    }),
  );
  return new sns.Topic(stack, "OpsTopic", {
    displayName: "Glue Run Tracker operations",
    masterKey: key,
    enforceSSL: true,
  });
}

/** One metric summed over the alert channels (alarms cannot use SEARCH). */
function sumOfChannels(metric: Metric): cloudwatch.MathExpression {
  const channels = [...Object.values(AlertChannel), "all"];
  const usingMetrics = Object.fromEntries(
    channels.map((channel) => [channel, trackerMetric(metric, { dimensions: { Channel: channel } })]),
  );
  return new cloudwatch.MathExpression({
    expression: channels.map((channel) => `FILL(${channel}, 0)`).join(" + "),
    usingMetrics,
    period: Duration.minutes(5),
    label: `${metric.name} (all channels)`,
  });
}

function graph(title: string, left: cloudwatch.IMetric[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left, width: 8, height: 6 });
}
