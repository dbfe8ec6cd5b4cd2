/**
 * What every configuration name accepts, checked once at start-up (each function's
 * init, `npm start`, the stacks at synth). Names come from config.ts; this file says
 * what a valid value looks like, in the words of the one-line error a person reads.
 * See docs/decisions/operability-config-schema.md.
 *
 * Adding a name: one line in `Settings` (and the name in config.ts).
 */
import { GlueErrorCode } from "@glue-run-tracker/glue-model";
import * as z from "zod";
import { ACCOUNT_ID, REGION } from "./accounts/account.ts";
import { ConfigName, type Env, LocalConfigName } from "./config.ts";
import { TrackerError } from "./errors.ts";
import { WEBHOOK_NAME } from "./insights/settings.ts";

/** A setting: the check of its (trimmed, non-blank) value and what a valid value is. */
export interface Setting<T = unknown> {
  expected: string;
  schema: z.ZodType<T, string>;
  /** Never print the value (tokens, secret URLs): the error says how long it was instead. */
  secret?: boolean;
}

function setting<T>(expected: string, schema: z.ZodType<T, string>, options: { secret?: boolean } = {}): Setting<T> {
  return { expected, schema, ...options };
}

const wholeNumber = (min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().min(min).max(max));
const decimal = (ok: (n: number) => boolean) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$|^\.\d+$/)
    .transform(Number)
    .refine(ok);
const boolean = z.stringbool({ truthy: ["true", "1", "yes", "on"], falsy: ["false", "0", "no", "off"] });

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
const isHttp = (url: URL | undefined) => url?.protocol === "http:" || url?.protocol === "https:";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const httpUrl = z.string().refine((value) => isHttp(parseUrl(value)));
/** Slack's own host only (docs/decisions/operability-config-schema.md); loopback http for local receivers. */
const slackWebhook = z.string().refine((value) => {
  const url = parseUrl(value);
  if (url?.protocol === "https:") return url.hostname === "hooks.slack.com" && url.pathname.length > 1;
  return url?.protocol === "http:" && LOOPBACK.has(url.hostname);
});
/**
 * Named webhooks: a JSON object of webhook name → Slack webhook URL. Problems name
 * the webhook, never its URL (a secret).
 */
/** A JSON setting's value; undefined when it is not JSON. */
function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const slackWebhookMap = z.string().transform((text, ctx) => {
  const parsed = jsonOf(text);
  if (!isJsonObject(parsed)) {
    ctx.addIssue({
      code: "custom",
      message: 'expected a JSON object such as {"data-team": "https://hooks.slack.com/…"}',
    });
    return z.NEVER;
  }
  const webhooks: Record<string, string> = {};
  for (const [name, url] of Object.entries(parsed)) {
    if (name === "default") {
      ctx.addIssue({ code: "custom", message: 'webhook "default" is reserved: it is SLACK_WEBHOOK_URL' });
    } else if (!WEBHOOK_NAME.test(name)) {
      ctx.addIssue({
        code: "custom",
        message: `webhook name ${JSON.stringify(name.slice(0, 70))} is not 1–64 letters, digits, _ or -`,
      });
    } else if (typeof url !== "string" || !slackWebhook.safeParse(url.trim()).success) {
      ctx.addIssue({
        code: "custom",
        message: `webhook "${name}" is not a Slack incoming-webhook URL (https://hooks.slack.com/…)`,
      });
    } else webhooks[name] = url.trim();
  }
  return webhooks;
});
const origin = z.string().refine((value) => {
  const url = parseUrl(value);
  return isHttp(url) && url?.origin === value;
});
const regexLines = z.string().transform((text, ctx) => {
  const patterns: RegExp[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const source = line.trim();
    if (!source) return;
    try {
      patterns.push(new RegExp(source, "i"));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      ctx.addIssue({ code: "custom", message: `line ${index + 1} is not a valid regular expression (${detail})` });
    }
  });
  return patterns;
});
const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
});
/**
 * TRACKER_API_ACCOUNT_TOKENS: token → the account ids it may see. Problems quote the
 * expected shape, never a token (a secret).
 */
const accountTokens = z.string().transform((text, ctx) => {
  const parsed = jsonOf(text);
  if (!isJsonObject(parsed)) {
    ctx.addIssue({ code: "custom" });
    return z.NEVER;
  }
  const tokens: Record<string, string[]> = {};
  for (const [token, accounts] of Object.entries(parsed)) {
    const ids = z.array(z.string().regex(ACCOUNT_ID)).safeParse(accounts);
    if (!/^\S+$/.test(token) || !ids.success) {
      ctx.addIssue({ code: "custom" });
      return z.NEVER;
    }
    tokens[token] = ids.data;
  }
  return tokens;
});

/** TRACKER_MEMBER_ACCOUNTS: problems name the entry and its field (accounts/registry.ts uses the result). */
const memberAccounts = z.string().transform((text, ctx) => {
  const parsed = jsonOf(text);
  if (parsed === undefined) {
    ctx.addIssue({
      code: "custom",
      message: 'expected a JSON array such as [{"AccountId":"222222222222","Region":"eu-west-1"}]',
    });
    return z.NEVER;
  }
  const result = z.array(memberAccount).safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    ctx.addIssue({ code: "custom", message: `${issue?.path.join(".") || "value"}: ${issue?.message ?? "invalid"}` });
    return z.NEVER;
  }
  const seen = new Set<string>();
  for (const [index, member] of result.data.entries()) {
    const key = `${member.AccountId} ${member.Region}`;
    if (seen.has(key)) ctx.addIssue({ code: "custom", message: `entry ${index} repeats account ${key}` });
    seen.add(key);
  }
  return result.data;
});
const roleArn = z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, "expected an IAM role ARN");
const memberAccount = z.strictObject({
  AccountId: z.string().regex(ACCOUNT_ID, "expected 12 digits"),
  Region: z.string().regex(REGION, "expected a region such as eu-west-1"),
  Alias: z
    .string()
    .regex(/^[\w .@-]{1,64}$/, "expected 1–64 letters, digits, spaces or . @ - _")
    .optional(),
  ReadRoleArn: roleArn.optional(),
  OperateRoleArn: roleArn.optional(),
  /** The role people switch to in the console (alerts link the switch-role page; docs/decisions/accounts-flows.md). */
  ConsoleRoleName: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, "expected an IAM role name (1–64 letters, digits or + = , . @ - _)")
    .optional(),
  GlueEndpoint: z
    .string()
    .refine((value) => isHttp(parseUrl(value)), "expected an http(s) URL")
    .optional(),
});
const port = setting("a port number (0–65535; 0 picks a free one)", wholeNumber(0, 65_535));

/** Every name the tracker reads, and what it accepts. */
export const Settings = {
  [ConfigName.TableName]: setting(
    "a DynamoDB table name (3–255 letters, digits, _ . -)",
    z.string().regex(/^[\w.-]{3,255}$/),
  ),
  [ConfigName.TrackerBusName]: setting("an EventBridge bus name or ARN", z.string().regex(/^[\w.\-/:]{1,1600}$/)),
  [ConfigName.IngestQueueUrl]: setting("an SQS queue URL (http(s)://…)", httpUrl),
  [ConfigName.ResumeQueueUrl]: setting("an SQS queue URL (http(s)://…)", httpUrl),
  [ConfigName.RunRetentionDays]: setting("a whole number of days ≥ 0 (0 = keep forever)", wholeNumber(0)),
  [ConfigName.PaginationSecret]: setting("a secret of at least 16 characters", z.string().min(16), { secret: true }),
  [ConfigName.AlertTopicArn]: setting(
    "an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)",
    z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}(\.fifo)?$/),
  ),
  [ConfigName.SlackWebhookUrl]: setting("a Slack incoming-webhook URL (https://hooks.slack.com/…)", slackWebhook, {
    secret: true,
  }),
  [ConfigName.SlackWebhooks]: setting(
    'a JSON object of webhook name → Slack incoming-webhook URL ({"data-team": "https://hooks.slack.com/…"})',
    slackWebhookMap,
    { secret: true },
  ),
  [ConfigName.SlackWebhooksSecret]: setting("true or false (1/0, yes/no, on/off)", boolean),
  [ConfigName.AlertOnStopped]: setting("true or false (1/0, yes/no, on/off)", boolean),
  [ConfigName.TrackerBaseUrl]: setting("an http(s) URL", httpUrl),
  [ConfigName.ApiToken]: setting("a token without spaces", z.string().regex(/^\S+$/), { secret: true }),
  [ConfigName.ApiAccountTokens]: setting(
    'a JSON object of bearer token → account ids ({"<token>": ["222222222222"]})',
    accountTokens,
    { secret: true },
  ),
  [ConfigName.ApiGlueTimeoutMs]: setting("a whole number of milliseconds from 1 to 900000", wholeNumber(1, 900_000)),
  [ConfigName.DashboardOrigin]: setting("an origin such as https://tracker.example.com (no path)", origin),
  [ConfigName.AutoResumeEnabled]: setting("true or false (1/0, yes/no, on/off)", boolean),
  [ConfigName.AutoResumeMaxAttempts]: setting("a whole number ≥ 0", wholeNumber(0)),
  [ConfigName.AutoResumeBackoffSeconds]: setting("a whole number ≥ 0 (seconds)", wholeNumber(0)),
  [ConfigName.AutoResumeTransientPatterns]: setting("regular expressions, one per line", regexLines),
  [ConfigName.GluePricePerDpuHour]: setting(
    "a price per DPU-hour such as 0.44 (0 to 1000)",
    decimal((n) => n <= 1000),
  ),
  [ConfigName.GlueFlexPricePerDpuHour]: setting(
    "a price per DPU-hour such as 0.29 (0 to 1000)",
    decimal((n) => n <= 1000),
  ),
  [ConfigName.GluePriceCurrency]: setting("a currency code such as USD (ISO 4217)", z.string().regex(/^[A-Z]{3}$/)),
  [ConfigName.OpsTopicArn]: setting(
    "an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)",
    z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/),
  ),
  [ConfigName.OpsAlertEmails]: setting(
    "e-mail addresses separated by commas",
    z
      .string()
      .transform((text) => text.split(",").map((address) => address.trim()))
      .pipe(z.array(z.email()).min(1)),
  ),
  [ConfigName.TrackerExistingBusArn]: setting(
    "an EventBridge bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME)",
    z.string().regex(/^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[\w.\-/]{1,256}$/),
  ),
  [ConfigName.DigestTimeZone]: setting("an IANA time zone such as Europe/Paris or UTC", timeZone),
  [ConfigName.DigestHour]: setting("a whole hour from 0 to 23", wholeNumber(0, 23)),
  [ConfigName.IngestSilenceMinutes]: setting("a whole number of minutes from 5 to 1440", wholeNumber(5, 1440)),
  [ConfigName.DeadLetterQueueUrl]: setting("an SQS queue URL (http(s)://…)", httpUrl),
  [ConfigName.DashboardDomainName]: setting(
    "a lower-case host name such as tracker.example.com (not a URL)",
    z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/),
  ),
  [ConfigName.DashboardCertificateArn]: setting(
    "an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:ACCOUNT:certificate/ID)",
    z.string().regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/),
  ),
  [ConfigName.DashboardWebAclArn]: setting(
    "a WAFv2 web ACL ARN of CLOUDFRONT scope (arn:aws:wafv2:us-east-1:ACCOUNT:global/webacl/NAME/ID)",
    z.string().regex(/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/),
  ),
  [ConfigName.DashboardSignInPrefix]: setting(
    "a Cognito domain prefix (lower-case letters, digits and hyphens, 1–63)",
    z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
  ),
  [ConfigName.CommandWorkflowPrefix]: setting(
    "a Glue workflow name prefix (1–200 letters, digits, _ . -)",
    z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/),
  ),
  [ConfigName.CommandResourceTag]: setting(
    "key=value (a Glue tag)",
    z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/+\-@]{1,128}=[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u),
  ),
  [ConfigName.TableKmsKeyArn]: setting(
    "a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)",
    z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/),
  ),
  [ConfigName.PaginationSecretArn]: setting(
    "a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)",
    z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/),
  ),
  [ConfigName.TrackerHomeAccount]: setting("a 12-digit AWS account id", z.string().regex(ACCOUNT_ID)),
  [ConfigName.TrackerHomeAlias]: setting(
    "1–64 letters, digits, spaces or . @ - _",
    z.string().regex(/^[\w .@-]{1,64}$/),
  ),
  [ConfigName.TrackerMemberAccounts]: setting(
    'a JSON array of member accounts ([{"AccountId":"222222222222","Region":"eu-west-1","Alias":"analytics"}])',
    memberAccounts,
  ),
  [ConfigName.TrackerExternalId]: setting(
    "2–1224 characters of letters, digits and +=,.@:/-",
    z.string().regex(/^[\w+=,.@:/-]{2,1224}$/),
    { secret: true },
  ),
  [ConfigName.TrackerDeploy]: setting('"central" or "member"', z.string().regex(/^(central|member)$/)),
  [ConfigName.TrackerCentralBusArn]: setting(
    "an EventBridge bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME)",
    z.string().regex(/^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[\w.\-/]{1,256}$/),
  ),
  [ConfigName.TrackerCentralAccount]: setting("a 12-digit AWS account id", z.string().regex(ACCOUNT_ID)),
  [ConfigName.TrackerOperatorRoleArns]: setting(
    "IAM role ARNs, comma-separated (arn:aws:iam::111111111111:role/data-platform-oncall)",
    z
      .string()
      .transform((text) => text.split(",").map((arn) => arn.trim()))
      .pipe(z.array(roleArn).min(1)),
  ),
  [ConfigName.StsEndpoint]: setting("an http(s) URL", httpUrl),
  [ConfigName.GlueEndpoint]: setting("an http(s) URL", httpUrl),
  [ConfigName.DynamoDbEndpoint]: setting("an http(s) URL", httpUrl),
  [ConfigName.EventsEndpoint]: setting("an http(s) URL", httpUrl),
  [ConfigName.SqsEndpoint]: setting("an http(s) URL", httpUrl),
  [LocalConfigName.ApiPort]: port,
  [LocalConfigName.GluePort]: port,
  [LocalConfigName.DynamoDbPort]: port,
  [LocalConfigName.EventsPort]: port,
  [LocalConfigName.GlueMemberPort]: port,
  [LocalConfigName.StsPort]: port,
  [LocalConfigName.GlueLocalTimeScale]: setting(
    "a number greater than 0",
    decimal((n) => n > 0),
  ),
  [LocalConfigName.GlueLocalThrottleRate]: setting(
    "a number from 0 to 1",
    decimal((n) => n <= 1),
  ),
  [LocalConfigName.GlueLocalLatencyMs]: setting(
    "a number of milliseconds ≥ 0",
    decimal(() => true),
  ),
  [LocalConfigName.GlueLocalRetentionSeconds]: setting(
    "a number of seconds greater than 0",
    decimal((n) => n > 0),
  ),
  [LocalConfigName.LogLevel]: setting(
    "a log level: TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL or SILENT",
    z.string().regex(/^(trace|debug|info|warn|error|critical|silent)$/i),
  ),
} satisfies Record<ConfigName | LocalConfigName, Setting>;

export type SettingName = keyof typeof Settings;
/** The checked settings; a name is absent when unset or blank. */
export type TrackerConfig = { readonly [K in SettingName]?: z.output<(typeof Settings)[K]["schema"]> };

/** The auto-resume settings: alerts read them leniently (a bad one must not stop alerts). */
export const ResumeSettingNames = [
  ConfigName.AutoResumeEnabled,
  ConfigName.AutoResumeMaxAttempts,
  ConfigName.AutoResumeBackoffSeconds,
  ConfigName.AutoResumeTransientPatterns,
] as const satisfies readonly SettingName[];

/**
 * A setting is missing or invalid. The message is one line: the name, the value
 * (secrets hidden) and what is expected.
 */
export class ConfigError extends TrackerError {
  readonly setting: SettingName;

  constructor(setting: SettingName, message: string) {
    super(message, GlueErrorCode.InternalService);
    this.name = "ConfigError";
    this.setting = setting;
  }
}

export interface CheckConfigOptions {
  /** Names that must be set (default none). */
  required?: readonly SettingName[];
  /** Names to check (default every name). */
  only?: readonly SettingName[];
  /** Names not to check here (e.g. the resume settings in the alerts function). */
  skip?: readonly SettingName[];
}

/**
 * Checks the environment against `Settings` and returns the typed values. Throws one
 * ConfigError for the first bad name (the message counts any others).
 *
 * @example
 * const config = checkConfig(process.env, { required: [ConfigName.TableName] });
 * config.RUN_RETENTION_DAYS; // number | undefined
 * checkConfig({ PORT: "abc" }); // ConfigError: Invalid PORT: expected a port number (0–65535; 0 picks a free one), got "abc"
 */
export function checkConfig(env: Env, options: CheckConfigOptions = {}): TrackerConfig {
  const names = (options.only ?? (Object.keys(Settings) as SettingName[])).filter(
    (name) => !options.skip?.includes(name),
  );
  const values: Record<string, unknown> = {};
  const problems: ConfigError[] = [];
  for (const name of names) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") {
      if (options.required?.includes(name)) problems.push(missing(name));
      continue;
    }
    const result = checkSetting(name, raw);
    if (result instanceof ConfigError) problems.push(result);
    else values[name] = result;
  }
  const [first, ...others] = problems;
  if (first) {
    if (others.length > 0) first.message += ` (also invalid or missing: ${others.map((p) => p.setting).join(", ")})`;
    throw first;
  }
  return values as TrackerConfig;
}

/**
 * One setting's value, or its ConfigError (returned, not thrown).
 *
 * @example
 * checkSetting("AUTO_RESUME_MAX_ATTEMPTS", "3"); // 3
 */
export function checkSetting<K extends SettingName>(
  name: K,
  raw: string,
): z.output<(typeof Settings)[K]["schema"]> | ConfigError {
  const rule: Setting = Settings[name];
  const result = rule.schema.safeParse(raw.trim());
  if (result.success) return result.data as z.output<(typeof Settings)[K]["schema"]>;
  const custom = result.error.issues.find((issue) => issue.code === "custom" && issue.message !== "Invalid input");
  const what = custom ? custom.message : `expected ${rule.expected}`;
  return new ConfigError(name, `Invalid ${name}: ${what}, got ${shown(rule, raw)}`);
}

function missing(name: SettingName): ConfigError {
  return new ConfigError(name, `Missing configuration ${name}: expected ${Settings[name].expected}`);
}

function shown(rule: Setting, raw: string): string {
  if (!rule.secret) return JSON.stringify(raw);
  const url = parseUrl(raw.trim());
  // A URL's origin is not the secret part; the path (the webhook's key) is.
  return url && isHttp(url)
    ? `${JSON.stringify(`${url.origin}/…`)} (path hidden)`
    : `a hidden value of ${raw.length} characters`;
}
