import { GlueErrorCode } from "@glue-run-tracker/glue-model";
import { TrackerError } from "../errors.ts";

/** Alerts' base error: an alert was not (fully) delivered, or its settings are wrong. */
export class AlertsError extends TrackerError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, GlueErrorCode.InternalService, options);
    this.name = "AlertsError";
  }
}

/**
 * Some channels did not take the alert. The channels that did are remembered, so a
 * retry of the same message sends only to the ones that failed.
 */
export class AlertDeliveryError extends AlertsError {
  readonly failedChannels: string[];

  constructor(failures: { channel: string; error: unknown }[]) {
    const reasons = failures.map(
      ({ channel, error }) => `${channel}: ${error instanceof Error ? error.message : String(error)}`,
    );
    super(`Alert not delivered to ${failures.length} channel(s) (${reasons.join("; ")})`);
    this.name = "AlertDeliveryError";
    this.failedChannels = failures.map((failure) => failure.channel);
  }
}

/** Another alerts container is delivering this alert right now; the message is retried later. */
export class AlertInProgressError extends AlertsError {
  constructor(key: string) {
    super(`Another invocation is delivering this alert (${key.replaceAll("\u0000", " ")}); retried later`);
    this.name = "AlertInProgressError";
  }
}

/** An alert setting (TRACKER_BASE_URL, ALERT_ON_STOPPED) is invalid. */
export class AlertConfigError extends AlertsError {
  constructor(message: string) {
    super(message);
    this.name = "AlertConfigError";
  }
}
