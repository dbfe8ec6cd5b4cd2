/**
 * Where alerts go. Each channel is an AlertPublisher: SNS (the topic users
 * subscribe to), Slack (an incoming webhook), or a sink the local runtime provides
 * (its JSONL file), which receives exactly what SNS or Slack would have been sent.
 */
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import { slackMessage } from "./slack-message.ts";
import { type SendSlackOptions, sendSlack } from "./slack-webhook.ts";
import { snsMessage } from "./sns-message.ts";
import type { Alert } from "./types.ts";

export const AlertChannel = { Sns: "sns", Slack: "slack" } as const;
export type AlertChannel = (typeof AlertChannel)[keyof typeof AlertChannel];

export interface AlertPublisher {
  /** A stable name, used to remember which channels already took an alert. */
  readonly channel: string;
  /** Resolves once the channel accepted the alert; throws otherwise. */
  publish(alert: Alert): Promise<void>;
}

/** What a local sink receives: the channel and the exact payload that channel gets. */
export interface AlertSinkRecord {
  channel: AlertChannel;
  payload: unknown;
}

/** The local runtime's sink (e.g. its JSONL file). */
export interface AlertSink {
  write(record: AlertSinkRecord): Promise<void> | void;
}

/**
 * Publishes to an SNS topic (PublishCommand with Subject, Message and the
 * workflowName / outcome message attributes).
 *
 * @example
 * const sns = createSnsPublisher({ client: createSnsClient(), topicArn: required(env, ConfigName.AlertTopicArn) });
 */
export function createSnsPublisher(options: { client: Pick<SNSClient, "send">; topicArn: string }): AlertPublisher {
  return {
    channel: AlertChannel.Sns,
    async publish(alert) {
      await options.client.send(new PublishCommand({ TopicArn: options.topicArn, ...snsMessage(alert) }));
    },
  };
}

/**
 * Posts to a Slack incoming webhook (Block Kit), with sendSlack's retries.
 *
 * @example
 * const slack = createSlackPublisher({ webhookUrl });
 */
export function createSlackPublisher(options: { webhookUrl: string; send?: SendSlackOptions }): AlertPublisher {
  return {
    channel: AlertChannel.Slack,
    async publish(alert) {
      await sendSlack(options.webhookUrl, slackMessage(alert), options.send);
    },
  };
}

/**
 * Renders the alert as `channel` would receive it and hands it to a sink. The
 * publisher's name is "sink:<channel>", so it never shadows a real channel.
 *
 * @example
 * const publishers = [createSinkPublisher(jsonlSink, "sns"), createSinkPublisher(jsonlSink, "slack")];
 */
export function createSinkPublisher(sink: AlertSink, channel: AlertChannel): AlertPublisher {
  return {
    channel: `sink:${channel}`,
    async publish(alert) {
      const payload = channel === AlertChannel.Slack ? slackMessage(alert) : snsMessage(alert);
      await sink.write({ channel, payload });
    },
  };
}
