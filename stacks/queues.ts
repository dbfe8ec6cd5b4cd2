/**
 * What every queue of the app gets, and the DLQ of EventBridge rule targets.
 *
 * - enforceSSL: the queue policy denies requests not made over TLS.
 * - A rule target (EventBridge → SQS) is retried by EventBridge for RULE_TARGET_RETRY,
 *   then kept in the stack's rule DLQ instead of being dropped (e.g. a queue policy
 *   broken by hand, a KMS key disabled). An alarm fires on its first message.
 */
import { Duration, type Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type { SqsQueueProps } from "aws-cdk-lib/aws-events-targets";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";

/** EventBridge's retry policy for rule targets (its maxima, stated rather than implied). */
export const RULE_TARGET_RETRY = { attempts: 185, maxEventAgeHours: 24 } as const;

/** Days a rule DLQ keeps what EventBridge could not deliver (SQS's maximum). */
export const RULE_DLQ_RETENTION_DAYS = 14;

/** Props every queue of the app takes. */
export function secureQueueProps(): Pick<sqs.QueueProps, "enforceSSL"> {
  return { enforceSSL: true };
}

/** The retry policy of a rule target. */
export function ruleTargetRetryProps(): Pick<SqsQueueProps, "retryAttempts" | "maxEventAge"> {
  return {
    retryAttempts: RULE_TARGET_RETRY.attempts,
    maxEventAge: Duration.hours(RULE_TARGET_RETRY.maxEventAgeHours),
  };
}

/**
 * The stack's DLQ for events its rules could not deliver, with an alarm on its depth.
 *
 * @example
 * const ruleDlq = ruleTargetDlq(stack);
 * new events.Rule(stack, "R", { targets: [new targets.SqsQueue(q, { deadLetterQueue: ruleDlq, ...ruleTargetRetryProps() })] });
 */
export function ruleTargetDlq(stack: Stack): sqs.Queue {
  const dlq = new sqs.Queue(stack, "RuleTargetDlq", {
    ...secureQueueProps(),
    retentionPeriod: Duration.days(RULE_DLQ_RETENTION_DAYS),
  });
  NagSuppressions.addResourceSuppressions(dlq, [
    { id: "Serverless-SQSRedrivePolicy", reason: "This is the DLQ of EventBridge rule targets; nothing consumes it." },
    {
      id: "AwsSolutions-SQS3",
      reason: "This is a DLQ: EventBridge rule targets name it (cdk-nag only recognizes SQS redrive policies).",
    },
  ]);
  new cloudwatch.Alarm(stack, "RuleTargetDlqAlarm", {
    alarmDescription: "EventBridge could not deliver events to a rule target; they wait in the rule DLQ",
    metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  return dlq;
}
