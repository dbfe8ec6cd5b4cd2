/**
 * Where alerts go. Each channel is an AlertPublisher: SNS (the topic users
 * subscribe to), Slack (an incoming webhook), or a sink the local runtime provides
 * (its JSONL file), which receives exactly what SNS or Slack would have been sent.
 */
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import { slackMessage } from "./slack-message.ts";
import { type AlertRoute, DEFAULT_SLACK_WEBHOOK } from "./slack-routing.ts";
import { type SendSlackOptions, sendSlack } from "./slack-webhook.ts";
import { snsMessage } from "./sns-message.ts";
import type { Alert } from "./types.ts";

export const AlertChannel = { Sns: "sns", Slack: "slack" } as const;
export type AlertChannel = (typeof AlertChannel)[keyof typeof AlertChannel];

export interface AlertPublisher {
  /** A stable name, used to remember which channels already took an alert. */
  readonly channel: string;
  /** Resolves once the channel accepted the alert; throws otherwise. `route`: the workflow's webhook (default: the default one). */
  publish(alert: Alert, route?: AlertRoute): Promise<void>;
  /** False when this channel has nowhere to send an alert on `route` (it is then skipped); default true. */
  takes?(route: AlertRoute): boolean;
}

/** What a local sink receives: the channel and the exact payload that channel gets. */
export interface AlertSinkRecord {
  channel: AlertChannel;
  payload: unknown;
  /** Slack: the webhook, by name, the alert would have gone to (DEFAULT_SLACK_WEBHOOK or a SLACK_WEBHOOKS name). */
  webhook?: string;
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
 * Posts to a Slack incoming webhook (Block Kit), with sendSlack's retries: the
 * route's named webhook (SLACK_WEBHOOKS), or the default one (SLACK_WEBHOOK_URL).
 * A route with no URL (no default configured) is not taken.
 *
 * @example
 * const slack = createSlackPublisher({ webhookUrl, webhooks: { "data-team": dataTeamUrl } });
 */
export function createSlackPublisher(options: {
  webhookUrl?: string;
  webhooks?: Readonly<Record<string, string>>;
  send?: SendSlackOptions;
}): AlertPublisher {
  const urlFor = (route: AlertRoute | undefined): string | undefined => {
    const name = route?.slackWebhook ?? DEFAULT_SLACK_WEBHOOK;
    if (name === DEFAULT_SLACK_WEBHOOK) return options.webhookUrl;
    return options.webhooks && Object.hasOwn(options.webhooks, name) ? options.webhooks[name] : options.webhookUrl;
  };
  return {
    channel: AlertChannel.Slack,
    takes: (route) => urlFor(route) !== undefined,
    async publish(alert, route) {
      const url = urlFor(route);
      if (url) await sendSlack(url, slackMessage(alert), options.send);
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
    async publish(alert, route) {
      if (channel === AlertChannel.Sns) return void (await sink.write({ channel, payload: snsMessage(alert) }));
      const webhook = route?.slackWebhook ?? DEFAULT_SLACK_WEBHOOK;
      await sink.write({ channel, payload: slackMessage(alert), webhook });
    },
  };
}
