/**
 * Each function checks its configuration once, when Lambda loads it (init), so a
 * bad setting fails the deploy's first invocation with one line naming it instead
 * of failing every event. See docs/decisions/operability-config-schema.md.
 */
import {
  type CheckConfigOptions,
  ConfigName,
  checkConfig,
  type Env,
  ResumeSettingNames,
  type TrackerConfig,
} from "@glue-run-tracker/core";

/** What each function needs set, and what it must not refuse to start over. */
export const FunctionConfig = {
  ingest: { required: [ConfigName.TableName, ConfigName.TrackerBusName, ConfigName.IngestQueueUrl] },
  reconciler: { required: [ConfigName.TableName, ConfigName.TrackerBusName] },
  // A bad resume setting must not stop alerts (the alert says it did not resume).
  alerts: { required: [ConfigName.TableName], skip: ResumeSettingNames },
  resume: { required: [ConfigName.TableName, ConfigName.ResumeQueueUrl] },
  resumeWorker: { required: [ConfigName.TableName, ConfigName.TrackerBusName, ConfigName.ResumeQueueUrl] },
  // On AWS the read function gets the pagination secret's ARN, never its value (docs/decisions/security-pagination-key.md).
  read: { required: [ConfigName.TableName, ConfigName.PaginationSecretArn] },
  commands: { required: [ConfigName.TableName, ConfigName.TrackerBusName] },
  digest: { required: [ConfigName.TableName], skip: ResumeSettingNames },
} as const satisfies Record<string, CheckConfigOptions>;
export type FunctionName = keyof typeof FunctionConfig;

/**
 * Checks every setting's format; on Lambda (AWS_LAMBDA_FUNCTION_NAME set) also that
 * the function's required names are set. Elsewhere (tests, the local runtime) the
 * env given to the deps builders carries those, so only formats are checked here.
 * Throws ConfigError (one line) — at module load, that fails the function's init.
 *
 * @example
 * checkStartupConfig(process.env, "ingest"); // at the top of the handler module
 */
export function checkStartupConfig(env: Env, fn: FunctionName): TrackerConfig {
  const { required, ...rest } = FunctionConfig[fn] as CheckConfigOptions;
  return checkConfig(env, { ...rest, required: env.AWS_LAMBDA_FUNCTION_NAME ? required : [] });
}
