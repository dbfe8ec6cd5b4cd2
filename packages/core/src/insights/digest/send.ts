/**
 * Making and sending the digest: its periods from the configured hour and time zone,
 * its figures from the store, then one more alert (kind "digest") through the alert
 * publishers — each channel at most once per period through the alerts' delivery
 * ledger, so a retried schedule does not repeat it.
 */
import { type AlertDeps, deliver } from "../../alerts/notify.ts";
import { AlertKind } from "../../alerts/types.ts";
import { type AccountsDigestDeps, buildDigest, type Digest } from "./compute.ts";
import { type DigestSchedule, digestPeriods, rollingPeriods } from "./period.ts";

export interface SendDigestDeps extends AccountsDigestDeps, Pick<AlertDeps, "publishers" | "ledger"> {
  now?: () => Date;
}

export interface SendDigestResult {
  digest: Digest;
  /** Channels that took it in this call (the others had it already). */
  channels: string[];
}

/**
 * Throws AlertDeliveryError naming the channels that did not take it (the others are
 * remembered, so a retry sends only to those).
 *
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
  const alert = { kind: AlertKind.Digest, digest };
  const { channels } = await deliver(deps, alert, { kind: AlertKind.Digest, detail: [digest.current.end] });
  return { digest, channels };
}
