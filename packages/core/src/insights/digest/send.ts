/**
 * Making and sending the digest: its periods from the configured hour and time zone,
 * its figures from the store, one message per channel — each channel at most once per
 * period through the alerts' delivery ledger, so a retried schedule does not repeat it.
 */
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { DeliveryLedger } from "../../alerts/ledger.ts";
import { AlertChannel, type AlertSink } from "../../alerts/publishers.ts";
import { type SendSlackOptions, sendSlack } from "../../alerts/slack-webhook.ts";
import { buildDigest, type Digest, type DigestDeps } from "./compute.ts";
import { type DigestSchedule, digestPeriods, rollingPeriods } from "./period.ts";
import { digestSlackMessage, digestSnsMessage } from "./render.ts";

export interface DigestChannel {
  readonly channel: string;
  publish(digest: Digest): Promise<void>;
}

export function createSnsDigestChannel(options: { client: Pick<SNSClient, "send">; topicArn: string }): DigestChannel {
  return {
    channel: AlertChannel.Sns,
    async publish(digest) {
      await options.client.send(new PublishCommand({ TopicArn: options.topicArn, ...digestSnsMessage(digest) }));
    },
  };
}

export function createSlackDigestChannel(options: { webhookUrl: string; send?: SendSlackOptions }): DigestChannel {
  return {
    channel: AlertChannel.Slack,
    async publish(digest) {
      await sendSlack(options.webhookUrl, digestSlackMessage(digest), options.send);
    },
  };
}

/** The local runtime's alerts sink: what Slack or SNS would have been sent. */
export function createSinkDigestChannel(sink: AlertSink, channel: AlertChannel): DigestChannel {
  return {
    channel: `sink:${channel}`,
    async publish(digest) {
      const payload = channel === AlertChannel.Slack ? digestSlackMessage(digest) : digestSnsMessage(digest);
      await sink.write({ channel, payload });
    },
  };
}

export interface SendDigestDeps extends DigestDeps {
  channels: DigestChannel[];
  /** Remembers which channel took which period's digest (createDynamoDeliveryLedger on AWS). */
  ledger: DeliveryLedger;
  now?: () => Date;
}

export interface SendDigestResult {
  digest: Digest;
  /** Channels that took it in this call (the others had it already). */
  channels: string[];
}

/**
 * @example
 * const { digest, channels } = await sendDigest(deps, { timeZone: "Europe/Paris", hour: 8 });
 */
export async function sendDigest(
  deps: SendDigestDeps,
  schedule: DigestSchedule,
  options: { rolling?: boolean } = {},
): Promise<SendDigestResult> {
  const now = (deps.now ?? (() => new Date()))();
  // Scheduled: the local day that ended at the digest hour. On demand: the 24 hours to now.
  const periods = options.rolling ? rollingPeriods(now, schedule.timeZone) : digestPeriods(now, schedule);
  const digest = await buildDigest(deps, { ...periods, timeZone: schedule.timeZone });
  const results = await Promise.allSettled(
    deps.channels.map((channel) =>
      deps.ledger.once({ kind: "digest", detail: [digest.current.end], channel: channel.channel }, () =>
        channel.publish(digest),
      ),
    ),
  );
  const failed = results.flatMap((r, i) => (r.status === "rejected" ? [{ i, reason: r.reason as unknown }] : []));
  if (failed.length > 0) {
    const names = failed.map(({ i }) => deps.channels[i]?.channel).join(", ");
    throw new Error(`The digest was not delivered to ${names}`, { cause: failed[0]?.reason });
  }
  const took = deps.channels.filter((_, i) => (results[i] as PromiseFulfilledResult<boolean>).value);
  return { digest, channels: took.map((c) => c.channel) };
}
