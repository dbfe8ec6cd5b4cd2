/** Alert settings from configuration. */
import { ConfigName, type Env } from "../config.ts";
import { type ConfigError, checkConfig, type TrackerConfig } from "../config-schema.ts";
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
  let config: TrackerConfig;
  try {
    config = checkConfig(env, { only: [ConfigName.TrackerBaseUrl, ConfigName.AlertOnStopped] });
  } catch (error) {
    throw new AlertConfigError((error as ConfigError).message);
  }
  return {
    alertOnStopped: config[ConfigName.AlertOnStopped] ?? false,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    trackerBaseUrl: config[ConfigName.TrackerBaseUrl],
  };
}
