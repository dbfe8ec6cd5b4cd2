/**
 * Ingest: Glue's events (default bus; members' forwarded ones on the tracker bus) → rules → SQS queue (+ DLQ and its alarm) →
 * ingest function → the table and the tracker's own bus; a scheduled reconciler.
 *
 * Least privilege, per function: only the Glue read actions it calls, on Glue's
 * job / trigger / workflow ARNs (ListWorkflows has no resource type: "*" is the
 * only form IAM accepts, and only the reconciler has it); item-level DynamoDB
 * actions on the table and its indexes; PutEvents on the tracker bus only;
 * SendMessage on the ingest queue only (re-checks). No `bind` (it grants
 * dynamodb:* / events:*): the stack sets the environment itself.
 */
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import { NagSuppressions } from "cdk-nag";
import { Cron, EventBus, Queue, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { ConfigName } from "../packages/core/src/config.ts";
import { checkConfig } from "../packages/core/src/config-schema.ts";
import type { EventPattern } from "../packages/core/src/events/patterns.ts";
import { priceEnvironment } from "../packages/core/src/insights/prices.ts";
import { Queues, ruleConstructId, ruleRoutes, visibilityTimeoutSeconds } from "../packages/core/src/topology.ts";
import { glueStatements } from "./glue-grants.ts";
import { trackAccounts } from "./member-access.ts";
import { RULE_TARGET_RETRY, ruleTargetDlq, ruleTargetRetryProps, secureQueueProps } from "./queues.ts";
import { Storage, tableKeyAccess } from "./Storage.ts";

const ingestQueue = Queues.ingest;

/** Settings of the ingest pipeline: the queue's from core's Topology (the local runtime uses the same). */
export const IngestSettings = {
  batchSize: ingestQueue.batchSize,
  maxBatchingWindowSeconds: ingestQueue.maximumBatchingWindowSeconds,
  /** Concurrent ingest invocations: caps the Glue read rate (≈ 10 calls/s per invocation at most). */
  maxConcurrency: ingestQueue.maxConcurrency,
  functionTimeoutSeconds: ingestQueue.functionTimeoutSeconds,
  /** AWS advice: at least 6 × the function timeout, so a slow batch is not redelivered mid-flight. */
  visibilityTimeoutSeconds: visibilityTimeoutSeconds(ingestQueue),
  /** Throttling is expected and retried by redelivery; only poison messages should exhaust this. */
  maxReceiveCount: ingestQueue.maxReceiveCount,
  dlqRetentionDays: 14,
  reconcileSchedule: "rate(5 minutes)",
  reconcileTimeoutSeconds: 300,
  /** EventBridge's delivery to a rule target: retried this long, then kept in the stack's rule DLQ. */
  ruleTargetRetry: RULE_TARGET_RETRY,
} as const;

const ITEM_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:Query",
  "dynamodb:BatchWriteItem",
];

/** The rule pattern in CDK's shape (`detail-type` → detailType), from the one definition in core. */
export function cdkEventPattern(pattern: EventPattern): events.EventPattern {
  const { "detail-type": detailType, ...rest } = pattern as Record<string, unknown>;
  return { ...rest, ...(detailType ? { detailType } : {}) } as events.EventPattern;
}

/**
 * A consumer's one write to its own DLQ: SendMessage of a record no retry can mend
 * (packages/functions/src/shared/sqs-batch.ts). ChangeMessageVisibility on its queue
 * (the per-message backoff) is in the event source's consume grant already.
 */
export function sendPoisonTo(dlq: Queue): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [dlq.queueArn] });
}

export function Ingest({ stack }: StackContext) {
  const { table, tableKey } = use(Storage);
  const tableArns = [table.tableArn, `${table.tableArn}/index/*`];

  // TRACKER_EXISTING_BUS_ARN: the tracker's events go to a bus you already have (docs/decisions/operability-alarms.md).
  const { [ConfigName.TrackerExistingBusArn]: existingBusArn } = checkConfig(process.env, {
    only: [ConfigName.TrackerExistingBusArn],
  });
  const bus = new EventBus(
    stack,
    "TrackerBus",
    existingBusArn
      ? { cdk: { eventBus: events.EventBus.fromEventBusArn(stack, "ExistingTrackerBus", existingBusArn) } }
      : {},
  );

  const dlq = new Queue(stack, "IngestDlq", {
    cdk: { queue: { ...secureQueueProps(), retentionPeriod: Duration.days(IngestSettings.dlqRetentionDays) } },
  });
  NagSuppressions.addResourceSuppressions(dlq.cdk.queue, [
    {
      id: "Serverless-SQSRedrivePolicy",
      reason: "This is the ingest queue's DLQ; `npm run redrive` moves its messages back.",
    },
  ]);
  const queue = new Queue(stack, "IngestQueue", {
    cdk: {
      queue: {
        ...secureQueueProps(),
        visibilityTimeout: Duration.seconds(IngestSettings.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq.cdk.queue, maxReceiveCount: IngestSettings.maxReceiveCount },
      },
    },
  });

  const retentionDays = process.env[ConfigName.RunRetentionDays];
  const environment: Record<string, string> = {
    [ConfigName.TableName]: table.tableName,
    [ConfigName.TrackerBusName]: bus.eventBusName,
    // Runs written by ingest get the same TTL the store applies everywhere (unset = keep forever).
    ...(retentionDays ? { [ConfigName.RunRetentionDays]: retentionDays } : {}),
    // Runs are costed where they are stored (GLUE_*PRICE* set at deploy; unset = list prices).
    ...priceEnvironment(process.env),
  };
  const writeTable = new iam.PolicyStatement({ actions: ITEM_ACTIONS, resources: tableArns });
  const publishEvents = new iam.PolicyStatement({ actions: ["events:PutEvents"], resources: [bus.eventBusArn] });

  const ingest = new SstFunction(stack, "IngestFunction", {
    handler: "packages/functions/src/ingest/handler.handler",
    timeout: IngestSettings.functionTimeoutSeconds,
    memorySize: 512,
    environment: {
      ...environment,
      [ConfigName.IngestQueueUrl]: queue.queueUrl,
      [ConfigName.DeadLetterQueueUrl]: dlq.queueUrl,
    },
    permissions: [
      // Exactly the calls ingest makes (GlueCalls.ingest in core/src/glue/calls.ts).
      ...glueStatements(stack, "ingest"),
      writeTable,
      ...tableKeyAccess(stack, tableKey, "write"),
      publishEvents,
      new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [queue.queueArn] }),
      sendPoisonTo(dlq),
    ],
  });
  NagSuppressions.addResourceSuppressions(
    ingest,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "Glue read actions on the job, trigger and workflow ARNs of this account and region: the workflows to track are created by users after deployment.",
        appliesTo: [{ regex: "/^Resource::arn:<AWS::Partition>:glue:[^:]+:[0-9]+:(job|trigger|workflow)\\/\\*$/g" }],
      },
    ],
    true,
  );
  queue.addConsumer(stack, {
    cdk: {
      function: ingest,
      eventSource: {
        batchSize: IngestSettings.batchSize,
        maxBatchingWindow: Duration.seconds(IngestSettings.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: IngestSettings.maxConcurrency,
      },
    },
  });

  // Glue's events arrive on the default bus, members' forwarded ones on the tracker bus; the
  // routes are core's topology, shared with the local bus.
  const ruleDlq = ruleTargetDlq(stack);
  for (const route of ruleRoutes({ alertOnStopped: false }).filter((r) => r.queue === "ingest")) {
    new events.Rule(stack, ruleConstructId(route), {
      description: route.description,
      ...(route.bus === "tracker" ? { eventBus: bus.cdk.eventBus } : {}),
      eventPattern: cdkEventPattern(route.pattern),
      targets: [new targets.SqsQueue(queue.cdk.queue, { deadLetterQueue: ruleDlq, ...ruleTargetRetryProps() })],
    });
  }

  const dlqAlarm = new cloudwatch.Alarm(stack, "IngestDlqAlarm", {
    alarmDescription: "Ingest messages failed every retry and wait in the DLQ (npm run redrive moves them back)",
    metric: dlq.cdk.queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(1),
      statistic: "Maximum",
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });

  const reconciler = new Cron(stack, "Reconciler", {
    schedule: IngestSettings.reconcileSchedule,
    job: {
      function: {
        handler: "packages/functions/src/reconciler/handler.handler",
        timeout: IngestSettings.reconcileTimeoutSeconds,
        memorySize: 512,
        // One sweep at a time: the cursor item has a single writer.
        reservedConcurrentExecutions: 1,
        environment,
        permissions: [
          // GlueCalls.reconciler; ListWorkflows has no resource type (suppressed below, with X-Ray's "*").
          ...glueStatements(stack, "reconciler"),
          writeTable,
          // The overdue check drops a run from its watch list once its end is announced (core/src/store/overdue-marks.ts).
          new iam.PolicyStatement({ actions: ["dynamodb:DeleteItem"], resources: [table.tableArn] }),
          ...tableKeyAccess(stack, tableKey, "write"),
          publishEvents,
        ],
      },
      cdk: { target: { deadLetterQueue: ruleDlq, ...ruleTargetRetryProps() } },
    },
  });
  NagSuppressions.addResourceSuppressions(
    reconciler.jobFunction,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "glue:ListWorkflows and X-Ray's tracing actions have no resource type: '*' is the only form IAM accepts.",
        appliesTo: ["Resource::*"],
      },
      {
        id: "AwsSolutions-IAM5",
        reason: "The reconciler reads every workflow of this account and region (it discovers them).",
        appliesTo: [{ regex: "/^Resource::arn:<AWS::Partition>:glue:[^:]+:[0-9]+:workflow\\/\\*$/g" }],
      },
    ],
    true,
  );

  // Several accounts: the accounts configuration, and the member roles' read access (stacks/member-access.ts).
  trackAccounts(ingest, "ingest");
  trackAccounts(reconciler.jobFunction, "reconciler");

  stack.addOutputs({
    TrackerBusName: bus.eventBusName,
    // The member stacks forward to this bus (TRACKER_CENTRAL_BUS_ARN).
    TrackerBusArn: bus.eventBusArn,
    IngestQueueUrl: queue.queueUrl,
    IngestDlqUrl: dlq.queueUrl,
  });
  // An existing bus is shared with other publishers: its policy is its owner's (see Alerts).
  return { bus, ownsBus: !existingBusArn, queue, dlq, dlqAlarm, ingest, reconciler };
}
