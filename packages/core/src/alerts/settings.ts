/** Alert settings from configuration. */

import type { TrackedAccount } from "../accounts/account.ts";
import { ConfigName, type Env } from "../config.ts";
import { type ConfigError, checkConfig, type TrackerConfig } from "../config-schema.ts";
import { AlertConfigError } from "./errors.ts";
import type { AlertAccount } from "./types.ts";

export interface AlertSettings {
  /** Also alert on STOPPED runs (ALERT_ON_STOPPED, default false). */
  alertOnStopped: boolean;
  /** The region of the Glue console links (AWS_REGION; the run's account's region when several are tracked). */
  region: string;
  /** Several accounts tracked: the run's account, named in the alert (alertSettingsFor). */
  account?: AlertAccount;
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

/**
 * The settings for one run's alert: the console links in the run's region and, when the
 * tracker follows several accounts, the account named (docs/decisions/accounts-flows.md).
 *
 * @example
 * alertSettingsFor(settings, registry.resolve({ accountId: "222222222222", region: "eu-west-1" }), true);
 */
export function alertSettingsFor(
  settings: AlertSettings,
  account: TrackedAccount | undefined,
  multiAccount: boolean,
): AlertSettings {
  if (!account?.region) return settings;
  const named: AlertAccount | undefined = multiAccount
    ? {
        accountId: account.accountId,
        region: account.region,
        home: account.home,
        ...(account.alias ? { alias: account.alias } : {}),
        ...(account.consoleRoleName ? { consoleRoleName: account.consoleRoleName } : {}),
      }
    : undefined;
  return { ...settings, region: account.region, ...(named ? { account: named } : {}) };
}
