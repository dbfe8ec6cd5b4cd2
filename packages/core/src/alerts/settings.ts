/** Alert settings from configuration. */
import { ConfigName, type Env } from "../config.ts";
import { parseBooleanSetting } from "../resume/policy.ts";
import { AlertConfigError } from "./errors.ts";

export interface AlertSettings {
  /** Also alert on STOPPED runs (ALERT_ON_STOPPED, default false). */
  alertOnStopped: boolean;
  /** The region of the Glue console links (AWS_REGION). */
  region: string;
  /** Where the dashboard is served, for run links to its /ui/ run pages (TRACKER_BASE_URL, optional). */
  trackerBaseUrl?: string;
}

/**
 * @example
 * const settings = alertSettingsFromEnv({ AWS_REGION: "eu-west-1", TRACKER_BASE_URL: "https://tracker.example.com" });
 */
export function alertSettingsFromEnv(env: Env = process.env): AlertSettings {
  const baseUrl = env[ConfigName.TrackerBaseUrl]?.trim() || undefined;
  if (baseUrl && !/^https?:\/\/[^\s]+$/i.test(baseUrl)) {
    throw new AlertConfigError(
      `Invalid ${ConfigName.TrackerBaseUrl}: expected an http(s) URL, got ${JSON.stringify(baseUrl)}`,
    );
  }
  let alertOnStopped: boolean;
  try {
    alertOnStopped = parseBooleanSetting(env, ConfigName.AlertOnStopped, false);
  } catch (error) {
    throw new AlertConfigError(error instanceof Error ? error.message : String(error));
  }
  return {
    alertOnStopped,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    trackerBaseUrl: baseUrl,
  };
}
