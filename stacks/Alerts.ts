/**
 * Alerts and auto-resume: rules on the tracker bus (core's patterns) → SQS queues
 * (each with a DLQ and an alarm) → the alerts function (SNS topic, optional Slack
 * webhook) and the resume function (decision + delayed message on the resume
 * queue) → the resume worker (ResumeWorkflowRun after the backoff).
 *
 * Settings: the Slack webhook URL is an SST secret (`npx sst secrets set
 * SLACK_WEBHOOK_URL …`; unset means SNS only), the named webhooks another
 * (SLACK_WEBHOOKS, bound when SLACK_WEBHOOKS_SECRET=true at deploy); the resume policy and
 * ALERT_ON_STOPPED are SST parameters whose values come from the deploying
 * environment (same names) or the defaults in docs/architecture.md#auto-resume-policy, passed to the functions as the
 * environment variables core reads. TRACKER_BASE_URL (optional) adds run links.
 *
 * Least privilege: no `bind` for the table, bus or queues (it grants dynamodb:* /
 * events:*); each function gets the item actions it uses. Only the worker calls
 * Glue, and only glue:ResumeWorkflowRun and glue:GetWorkflowRun on workflows.
 */
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import { NagSuppressions } from "cdk-nag";
import { Config, Queue, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { ConfigName } from "../packages/core/src/config.ts";
import { checkConfig } from "../packages/core/src/config-schema.ts";
import {
  DEFAULT_RESUME_POLICY,
  DEFAULT_TRANSIENT_PATTERNS,
  parseBooleanSetting,
  resumePolicyFromEnv,
} from "../packages/core/src/resume/policy.ts";
import {
  Queues,
  type RuleRoute,
  ruleConstructId,
  ruleRoutes,
  VISIBILITY_FACTOR,
} from "../packages/core/src/topology.ts";
import { Api } from "./Api.ts";
import { restrictBusPublishers } from "./bus-policy.ts";
import { commandScopeFromEnv, GLUE_WORKFLOW_RESOURCE, GLUE_WORKFLOW_WILDCARD_REASON } from "./command-scope.ts";
import { addDigest } from "./digest.ts";
import { glueCommandStatement } from "./glue-grants.ts";
import { cdkEventPattern, Ingest, sendPoisonTo } from "./Ingest.ts";
import { deployedAccounts, membersOf, trackAccounts } from "./member-access.ts";
import { ruleTargetDlq, ruleTargetRetryProps, secureQueueProps } from "./queues.ts";
import { Storage, tableKeyAccess } from "./Storage.ts";

/** Settings of the alerts and resume pipeline: from core's Topology (the local runtime uses the same). */
export const AlertsSettings = {
  /** Slack retries (4 attempts × 5 s timeout + backoff) fit well inside. */
  alertsTimeoutSeconds: Queues.alerts.functionTimeoutSeconds,
  resumeTimeoutSeconds: Queues.resumeEvents.functionTimeoutSeconds,
  workerTimeoutSeconds: Queues.resume.functionTimeoutSeconds,
  /** AWS advice: visibility ≥ 6 × the function timeout, so a slow batch is not redelivered mid-flight. */
  visibilityFactor: VISIBILITY_FACTOR,
  maxReceiveCount: Queues.alerts.maxReceiveCount,
  dlqRetentionDays: 14,
} as const;

/** The SST parameters, their environment variable, and the default (docs/architecture.md#auto-resume-policy). */
export const AlertParameters = {
  [ConfigName.AutoResumeEnabled]: String(DEFAULT_RESUME_POLICY.enabled),
  [ConfigName.AutoResumeMaxAttempts]: String(DEFAULT_RESUME_POLICY.maxAttempts),
  [ConfigName.AutoResumeBackoffSeconds]: String(DEFAULT_RESUME_POLICY.backoffSeconds),
  [ConfigName.AutoResumeTransientPatterns]: DEFAULT_TRANSIENT_PATTERNS.join("\n"),
  [ConfigName.AlertOnStopped]: "false",
} as const;

export function Alerts({ stack }: StackContext) {
  const { table, tableKey } = use(Storage);
  const { bus, ownsBus, ingest, reconciler } = use(Ingest);
  const { commands } = use(Api);
  const commandScope = commandScopeFromEnv(process.env);
  const tableArns = [table.tableArn, `${table.tableArn}/index/*`];

  // Settings: a secret for Slack, parameters for the policy (their values reach the functions as env).
  const slackWebhook = new Config.Secret(stack, ConfigName.SlackWebhookUrl);
  // Opt-in: SST fails to load every secret of a function when one bound secret is unset,
  // so the named webhooks are bound only when the deployment says the secret is set.
  const namedWebhooks = checkConfig(process.env, { only: [ConfigName.SlackWebhooksSecret] })[
    ConfigName.SlackWebhooksSecret
  ]
    ? [new Config.Secret(stack, ConfigName.SlackWebhooks)]
    : [];
  const settings: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(AlertParameters)) {
    settings[name] = new Config.Parameter(stack, name, { value: process.env[name] || fallback }).value;
  }
  // Refuse a bad setting at deploy time, with the reader the functions use.
  resumePolicyFromEnv(settings);
  const includeStopped = parseBooleanSetting(settings, ConfigName.AlertOnStopped, false);
  const baseUrl = process.env[ConfigName.TrackerBaseUrl];

  // The topic users subscribe to (email, chat, filter policies on workflowName / outcome).
  const topicKey = new kms.Key(stack, "AlertTopicKey", {
    description: "Encrypts the Glue Run Tracker alert topic",
    enableKeyRotation: true,
  });
  const topic = new sns.Topic(stack, "AlertTopic", {
    displayName: "Glue Run Tracker alerts",
    masterKey: topicKey,
    enforceSSL: true,
  });

  const alertsQueue = queueWithDlq("Alerts", AlertsSettings.alertsTimeoutSeconds);
  const resumeEventsQueue = queueWithDlq("ResumeEvents", AlertsSettings.resumeTimeoutSeconds);
  const resumeQueue = queueWithDlq("Resume", AlertsSettings.workerTimeoutSeconds);

  const policyEnv = Object.fromEntries(
    [
      ConfigName.AutoResumeEnabled,
      ConfigName.AutoResumeMaxAttempts,
      ConfigName.AutoResumeBackoffSeconds,
      ConfigName.AutoResumeTransientPatterns,
    ].map((name) => [name, settings[name] as string]),
  );

  const runRetentionDays = process.env[ConfigName.RunRetentionDays];
  const alerts = new SstFunction(stack, "AlertsFunction", {
    handler: "packages/functions/src/alerts/handler.handler",
    timeout: AlertsSettings.alertsTimeoutSeconds,
    environment: {
      [ConfigName.TableName]: table.tableName,
      [ConfigName.AlertTopicArn]: topic.topicArn,
      [ConfigName.AlertOnStopped]: settings[ConfigName.AlertOnStopped] as string,
      [ConfigName.DeadLetterQueueUrl]: alertsQueue.dlq.queueUrl,
      ...(baseUrl ? { [ConfigName.TrackerBaseUrl]: baseUrl } : {}),
      // Alert deliveries are kept beside their run and expire with it.
      ...(runRetentionDays ? { [ConfigName.RunRetentionDays]: runRetentionDays } : {}),
      ...policyEnv,
    },
    bind: [slackWebhook, ...namedWebhooks],
    // Reads the run (and its lineage); the delivery ledger's items are claimed and settled with UpdateItem.
    permissions: [
      new iam.PolicyStatement({ actions: ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources: tableArns }),
      sendPoisonTo(alertsQueue.dlq),
      ...tableKeyAccess(stack, tableKey, "write"),
    ],
  });
  topic.grantPublish(alerts);
  NagSuppressions.addResourceSuppressions(
    alerts,
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

  const resume = new SstFunction(stack, "ResumeFunction", {
    handler: "packages/functions/src/resume/handler.handler",
    timeout: AlertsSettings.resumeTimeoutSeconds,
    environment: {
      [ConfigName.TableName]: table.tableName,
      [ConfigName.ResumeQueueUrl]: resumeQueue.queue.queueUrl,
      [ConfigName.DeadLetterQueueUrl]: resumeEventsQueue.dlq.queueUrl,
      ...policyEnv,
    },
    permissions: [
      new iam.PolicyStatement({ actions: ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources: tableArns }),
      ...tableKeyAccess(stack, tableKey, "write"),
      new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [resumeQueue.queue.queueArn] }),
      sendPoisonTo(resumeEventsQueue.dlq),
    ],
  });

  const worker = new SstFunction(stack, "ResumeWorkerFunction", {
    handler: "packages/functions/src/resume/worker.handler",
    timeout: AlertsSettings.workerTimeoutSeconds,
    environment: {
      [ConfigName.TableName]: table.tableName,
      [ConfigName.TrackerBusName]: bus.eventBusName,
      [ConfigName.ResumeQueueUrl]: resumeQueue.queue.queueUrl,
      [ConfigName.DeadLetterQueueUrl]: resumeQueue.dlq.queueUrl,
    },
    permissions: [
      // The workflows in the deployment's command scope (COMMAND_WORKFLOW_PREFIX / COMMAND_RESOURCE_TAG).
      // Exactly the worker's calls (GlueCalls.resumeWorker in core/src/glue/calls.ts).
      glueCommandStatement(stack, "resumeWorker", commandScope),
      // Lineage, the decision's outcome, and the resumed run's first snapshot (recordSnapshot).
      new iam.PolicyStatement({
        actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
        resources: tableArns,
      }),
      ...tableKeyAccess(stack, tableKey, "write"),
      new iam.PolicyStatement({ actions: ["events:PutEvents"], resources: [bus.eventBusArn] }),
      // A message that arrives before its time (backoff > 15 min) is sent again for the rest.
      new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [resumeQueue.queue.queueArn] }),
      sendPoisonTo(resumeQueue.dlq),
    ],
  });

  NagSuppressions.addResourceSuppressions(
    worker,
    [
      {
        id: "AwsSolutions-IAM5",
        reason: GLUE_WORKFLOW_WILDCARD_REASON,
        appliesTo: [{ regex: GLUE_WORKFLOW_RESOURCE }],
      },
    ],
    true,
  );

  // Only the tracker's own functions may put events on its bus (forged events are refused). An
  // existing bus (TRACKER_EXISTING_BUS_ARN) has other publishers: a Deny here would lock them out,
  // and its policy is its owner's; the consumers still act only on the stored run.
  // The member accounts' forwarding rules may put their Glue events (TRACKER_MEMBER_ACCOUNTS).
  if (ownsBus) {
    const members = membersOf(deployedAccounts(stack));
    restrictBusPublishers(stack, bus.cdk.eventBus, [ingest, reconciler.jobFunction, commands, worker], members);
  }

  consume(alertsQueue.queue, alerts, Queues.alerts.batchSize);
  consume(resumeEventsQueue.queue, resume, Queues.resumeEvents.batchSize);
  consume(resumeQueue.queue, worker, Queues.resume.batchSize);

  // The tracker bus's rules, from core's topology (the local runtime builds the same ones).
  const targetQueues: Partial<Record<RuleRoute["queue"], Queue>> = {
    alerts: alertsQueue.queue,
    resumeEvents: resumeEventsQueue.queue,
  };
  const ruleDlq = ruleTargetDlq(stack);
  // (Forwarded Glue events go to ingest: the Ingest stack's rules.)
  for (const route of ruleRoutes({ alertOnStopped: includeStopped }).filter((r) => r.queue !== "ingest")) {
    const target = targetQueues[route.queue];
    if (!target) throw new Error(`The Alerts stack has no queue for the "${route.name}" route (${route.queue})`);
    new events.Rule(stack, ruleConstructId(route), {
      description: route.description,
      eventBus: bus.cdk.eventBus,
      eventPattern: cdkEventPattern(route.pattern),
      targets: [new targets.SqsQueue(target.cdk.queue, { deadLetterQueue: ruleDlq, ...ruleTargetRetryProps() })],
    });
  }

  // The daily digest goes to the same channels (stacks/digest.ts).
  const { digest } = addDigest(stack, {
    table,
    tableKeyAccess: tableKeyAccess(stack, tableKey, "write"),
    topic,
    slackWebhook,
    baseUrl,
  });

  // Several accounts: the accounts configuration; the worker gets the member roles' operate access.
  trackAccounts(alerts, "alerts");
  trackAccounts(resume, "resume");
  trackAccounts(worker, "resumeWorker");
  trackAccounts(digest, "digest");

  stack.addOutputs({
    AlertTopicArn: topic.topicArn,
    AlertsDlqUrl: alertsQueue.dlq.queueUrl,
    ResumeEventsDlqUrl: resumeEventsQueue.dlq.queueUrl,
    ResumeQueueUrl: resumeQueue.queue.queueUrl,
    ResumeDlqUrl: resumeQueue.dlq.queueUrl,
  });
  return { topic, slackWebhook, alerts, resume, worker, digest, alertsQueue, resumeEventsQueue, resumeQueue };

  function queueWithDlq(name: string, consumerTimeoutSeconds: number) {
    const dlq = new Queue(stack, `${name}Dlq`, {
      cdk: { queue: { ...secureQueueProps(), retentionPeriod: Duration.days(AlertsSettings.dlqRetentionDays) } },
    });
    NagSuppressions.addResourceSuppressions(dlq.cdk.queue, [
      {
        id: "Serverless-SQSRedrivePolicy",
        reason: `This is the ${name} queue's DLQ; \`npm run redrive\` moves its messages back.`,
      },
    ]);
    const queue = new Queue(stack, `${name}Queue`, {
      cdk: {
        queue: {
          ...secureQueueProps(),
          visibilityTimeout: Duration.seconds(consumerTimeoutSeconds * AlertsSettings.visibilityFactor),
          deadLetterQueue: { queue: dlq.cdk.queue, maxReceiveCount: AlertsSettings.maxReceiveCount },
        },
      },
    });
    new cloudwatch.Alarm(stack, `${name}DlqAlarm`, {
      alarmDescription: `${name} messages failed every retry and wait in the DLQ (npm run redrive moves them back)`,
      metric: dlq.cdk.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: "Maximum",
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    return { queue, dlq };
  }

  function consume(queue: Queue, fn: SstFunction, batchSize: number) {
    queue.addConsumer(stack, { cdk: { function: fn, eventSource: { batchSize, reportBatchItemFailures: true } } });
  }
}
