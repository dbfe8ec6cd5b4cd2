/**
 * The auto-resume policy (docs/architecture.md#auto-resume-policy), read from configuration: environment
 * variables locally, SST parameters (passed to the functions as the same variables)
 * on AWS.
 */
import { ConfigName, type Env } from "../config.ts";
import { ConfigError, checkConfig, checkSetting, ResumeSettingNames, type TrackerConfig } from "../config-schema.ts";
import { ResumeConfigError } from "./errors.ts";

export interface ResumePolicy {
  enabled: boolean;
  /** Resume attempts allowed per lineage (the original run and the runs resumed from it). */
  maxAttempts: number;
  /** Delay before the first attempt; doubled for each further attempt. */
  backoffSeconds: number;
  /** A failed node's error is transient when any of these matches it. */
  transientPatterns: RegExp[];
  /** Why `enabled` is false, when not the global AUTO_RESUME_ENABLED (a workflow's settings). */
  disabledReason?: string;
}

/**
 * The policy for one workflow: its settings' `autoResume: false` turns auto-resume
 * off for its runs (unset or true: the global policy applies).
 *
 * @example
 * workflowPolicy(policy, await store.getWorkflowSettings("nightly-etl")).enabled; // false when AutoResume is false
 */
export function workflowPolicy(policy: ResumePolicy, settings: { autoResume?: boolean | undefined }): ResumePolicy {
  if (!policy.enabled || settings.autoResume !== false) return policy;
  return {
    ...policy,
    enabled: false,
    disabledReason: "Auto-resume is turned off for this workflow (its settings' AutoResume is false).",
  };
}

/**
 * Error messages Glue and the services jobs talk to use for failures that go away
 * by themselves. Matched case-insensitively anywhere in the message.
 */
export const DEFAULT_TRANSIENT_PATTERNS: readonly string[] = [
  "throttl", // ThrottlingException, "Request was throttled"
  "rate exceeded|too many requests|slow ?down|reduce your request rate",
  "concurrent runs exceeded|ConcurrentRunsExceeded",
  "(insufficient|not enough|no) (\\w+ )?capacity|capacity (is )?(currently |temporarily )?unavailable",
  "resources? (is |are )?(currently |temporarily )?unavailable|ResourceUnavailable|service unavailable",
  "internal (service|server) error|InternalServiceException|InternalFailure",
  "connection (was )?reset|ECONNRESET|socket hang up|broken pipe",
  "(connect|connection|read|socket|request) ?(timed out|timeout)|ETIMEDOUT",
];

export const DEFAULT_RESUME_POLICY: Readonly<Omit<ResumePolicy, "transientPatterns">> = {
  enabled: true,
  maxAttempts: 2,
  backoffSeconds: 120,
};

/** SQS refuses a DelaySeconds above 15 minutes; longer waits are re-queued by the worker. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/**
 * Reads the policy from AUTO_RESUME_ENABLED, AUTO_RESUME_MAX_ATTEMPTS,
 * AUTO_RESUME_BACKOFF_SECONDS and AUTO_RESUME_TRANSIENT_PATTERNS (one regular
 * expression per line; replaces the defaults when set). Throws ResumeConfigError
 * naming the setting when a value is invalid.
 *
 * @example
 * const policy = resumePolicyFromEnv({ AUTO_RESUME_MAX_ATTEMPTS: "3" });
 * policy.maxAttempts; // 3
 * policy.transientPatterns.some((p) => p.test("ThrottlingException: Rate exceeded")); // true
 */
export function resumePolicyFromEnv(env: Env = process.env): ResumePolicy {
  let config: TrackerConfig;
  try {
    config = checkConfig(env, { only: ResumeSettingNames });
  } catch (error) {
    const { setting, message } = error as ConfigError;
    throw new ResumeConfigError(setting, message.replace(`Invalid ${setting}: `, ""), { cause: error });
  }
  return {
    enabled: config[ConfigName.AutoResumeEnabled] ?? DEFAULT_RESUME_POLICY.enabled,
    maxAttempts: config[ConfigName.AutoResumeMaxAttempts] ?? DEFAULT_RESUME_POLICY.maxAttempts,
    backoffSeconds: config[ConfigName.AutoResumeBackoffSeconds] ?? DEFAULT_RESUME_POLICY.backoffSeconds,
    transientPatterns: config[ConfigName.AutoResumeTransientPatterns] ?? compileTransientPatterns(undefined),
  };
}

/**
 * Compiles one regular expression per non-blank line (case-insensitive); the
 * defaults when `text` is unset or blank.
 *
 * @example
 * compileTransientPatterns("Throttl\nSlowDown").length; // 2
 */
export function compileTransientPatterns(text: string | undefined): RegExp[] {
  if (!text?.trim()) return DEFAULT_TRANSIENT_PATTERNS.map((source) => new RegExp(source, "i"));
  const checked = checkSetting(ConfigName.AutoResumeTransientPatterns, text);
  if (checked instanceof ConfigError) {
    throw new ResumeConfigError(
      ConfigName.AutoResumeTransientPatterns,
      checked.message.replace(`Invalid ${ConfigName.AutoResumeTransientPatterns}: `, ""),
      { cause: checked },
    );
  }
  return checked;
}

/**
 * Seconds to wait before the attempt that follows `attemptsSoFar` earlier attempts
 * of the lineage: backoff × 2^attemptsSoFar.
 *
 * @example
 * backoffSeconds({ backoffSeconds: 120 }, 0); // 120
 * backoffSeconds({ backoffSeconds: 120 }, 1); // 240
 */
export function backoffSeconds(policy: Pick<ResumePolicy, "backoffSeconds">, attemptsSoFar: number): number {
  return policy.backoffSeconds * 2 ** Math.max(0, attemptsSoFar);
}

/**
 * Reads a boolean setting (true/false, 1/0, yes/no, on/off); `fallback` when unset.
 *
 * @example
 * parseBooleanSetting({ ALERT_ON_STOPPED: "yes" }, ConfigName.AlertOnStopped, false); // true
 */
export function parseBooleanSetting(
  env: Env,
  name: typeof ConfigName.AlertOnStopped | typeof ConfigName.AutoResumeEnabled,
  fallback: boolean,
): boolean {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const checked = checkSetting(name, raw);
  if (checked instanceof ConfigError)
    throw new ResumeConfigError(name, checked.message.replace(`Invalid ${name}: `, ""));
  return checked;
}
