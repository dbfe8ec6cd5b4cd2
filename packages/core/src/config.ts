/**
 * Every configuration name the tracker reads, defined once. The stacks set these
 * as Lambda environment variables (or SST Config bindings for secrets); the local
 * runtime sets the same names for the same handlers.
 */
export const ConfigName = {
  /** DynamoDB table holding runs, timelines, the workflow catalog and indexes. */
  TableName: "TRACKER_TABLE_NAME",
  /** EventBridge bus that carries the tracker's own events. */
  TrackerBusName: "TRACKER_BUS_NAME",
  /** SQS queue the ingest function consumes (re-checks are sent here). */
  IngestQueueUrl: "INGEST_QUEUE_URL",
  /** Queue of delayed auto-resume attempts. */
  ResumeQueueUrl: "RESUME_QUEUE_URL",
  /** The consuming function's own DLQ: records that can never succeed are sent there at once. */
  DeadLetterQueueUrl: "DEAD_LETTER_QUEUE_URL",
  /** Days to keep runs after completion; unset or 0 = keep forever. */
  RunRetentionDays: "RUN_RETENTION_DAYS",
  /** HMAC key that makes pagination tokens tamper-evident. */
  PaginationSecret: "PAGINATION_SECRET",
  /** On AWS: ARN of the Secrets Manager secret holding the pagination key (read at cold start; rotated). */
  PaginationSecretArn: "PAGINATION_SECRET_ARN",
  /** SNS topic for failure alerts. */
  AlertTopicArn: "ALERT_TOPIC_ARN",
  /** Slack incoming-webhook URL (secret; optional). */
  SlackWebhookUrl: "SLACK_WEBHOOK_URL",
  /** Named Slack webhooks, JSON `{"<name>": "https://hooks.slack.com/…"}` (secret; optional): a workflow's settings.SlackWebhook picks one. */
  SlackWebhooks: "SLACK_WEBHOOKS",
  /** Deploy: bind the SLACK_WEBHOOKS secret to the alerts function (set the secret first; default false). */
  SlackWebhooksSecret: "SLACK_WEBHOOKS_SECRET",
  /** Also alert on STOPPED runs (default false). */
  AlertOnStopped: "ALERT_ON_STOPPED",
  /** Public base URL of the tracker API/dashboard, for links in alerts. */
  TrackerBaseUrl: "TRACKER_BASE_URL",
  /** Local only: bearer token required by the API when set. */
  ApiToken: "TRACKER_API_TOKEN",
  /** Local only: bearer tokens limited to accounts, JSON `{"<token>": ["222222222222"]}` (secret; docs/decisions/accounts-api.md). */
  ApiAccountTokens: "TRACKER_API_ACCOUNT_TOKENS",
  /** How long the API waits for one Glue call before answering 504 (ms; default 8000). */
  ApiGlueTimeoutMs: "API_GLUE_TIMEOUT_MS",
  /** Origin allowed to call the API from a browser (the dashboard); unset = no CORS. */
  DashboardOrigin: "DASHBOARD_ORIGIN",
  /** Deploy time: the dashboard's own host name on CloudFront (with DASHBOARD_CERTIFICATE_ARN); unset = *.cloudfront.net. */
  DashboardDomainName: "DASHBOARD_DOMAIN_NAME",
  /** Deploy time: ACM certificate (us-east-1) for DASHBOARD_DOMAIN_NAME; lets CloudFront require TLS 1.2. */
  DashboardCertificateArn: "DASHBOARD_CERTIFICATE_ARN",
  /** Deploy time: ARN of a WAF web ACL (CLOUDFRONT scope) to put in front of the dashboard; unset = none. */
  DashboardWebAclArn: "DASHBOARD_WEB_ACL_ARN",
  /** Deploy time: the Cognito hosted-UI domain prefix (globally unique per region); default <app>-<stage>. */
  DashboardSignInPrefix: "DASHBOARD_SIGN_IN_PREFIX",
  /** Deploy time: limits the commands and resume-worker roles to Glue workflows whose name starts with this. */
  CommandWorkflowPrefix: "COMMAND_WORKFLOW_PREFIX",
  /** Deploy time: `key=value`; the commands and resume-worker roles act only on workflows with this tag. */
  CommandResourceTag: "COMMAND_RESOURCE_TAG",
  /** Deploy time: ARN of a customer-managed KMS key to encrypt the table with (default: AWS-owned key). */
  TableKmsKeyArn: "TABLE_KMS_KEY_ARN",
  AutoResumeEnabled: "AUTO_RESUME_ENABLED",
  AutoResumeMaxAttempts: "AUTO_RESUME_MAX_ATTEMPTS",
  AutoResumeBackoffSeconds: "AUTO_RESUME_BACKOFF_SECONDS",
  AutoResumeTransientPatterns: "AUTO_RESUME_TRANSIENT_PATTERNS",
  /** Glue list price per DPU-hour, STANDARD execution class (default 0.44, us-east-1; docs/decisions/insights-cost-and-settings.md). */
  GluePricePerDpuHour: "GLUE_PRICE_PER_DPU_HOUR",
  /** Glue price per DPU-hour, FLEX execution class (default 0.29, us-east-1). */
  GlueFlexPricePerDpuHour: "GLUE_FLEX_PRICE_PER_DPU_HOUR",
  /** Currency of the two prices above (ISO 4217, default USD). */
  GluePriceCurrency: "GLUE_PRICE_CURRENCY",
  /** Deploy: an existing SNS topic for the operations alarms (default: the stack creates one). */
  OpsTopicArn: "OPS_TOPIC_ARN",
  /** Deploy: e-mail addresses (comma-separated) subscribed to the operations topic. */
  OpsAlertEmails: "OPS_ALERT_EMAILS",
  /** Deploy: an existing EventBridge bus (ARN) for the tracker's own events (default: the stack creates one). */
  TrackerExistingBusArn: "TRACKER_EXISTING_BUS_ARN",
  /** Deploy: minutes without an ingested Glue event, while Glue runs exist, before the alarm fires (default 60). */
  IngestSilenceMinutes: "INGEST_SILENCE_MINUTES",
  /** The daily digest's time zone (IANA name, e.g. Europe/Paris; default UTC): its day and its hour are local there. */
  DigestTimeZone: "DIGEST_TIME_ZONE",
  /** The hour (0–23, in DIGEST_TIME_ZONE) the daily digest is sent; it covers the 24 local hours before (default 8). */
  DigestHour: "DIGEST_HOUR",
  /** The tracker's own AWS account id (12 digits; the stacks set it): its runs keep today's keys (docs/decisions/accounts-run-identity.md). */
  TrackerHomeAccount: "TRACKER_HOME_ACCOUNT",
  /** A short name for the home account in alerts and the dashboard (optional). */
  TrackerHomeAlias: "TRACKER_HOME_ALIAS",
  /** Member accounts, JSON `[{"AccountId":"…","Region":"eu-west-1","Alias":"analytics"}]` (optional; unset = single-account). */
  TrackerMemberAccounts: "TRACKER_MEMBER_ACCOUNTS",
  /** The external id the member roles' trust requires (sts:ExternalId); set the same value in the member stacks. */
  TrackerExternalId: "TRACKER_EXTERNAL_ID",
  /** Deploy: which app `sst deploy` builds: "central" (default, the tracker) or "member" (a member account's forwarding rule and roles). */
  TrackerDeploy: "TRACKER_DEPLOY",
  /** Deploy (member stack): the central tracker bus's ARN, where the member's Glue events are forwarded. */
  TrackerCentralBusArn: "TRACKER_CENTRAL_BUS_ARN",
  /** Deploy (member stack): the central account whose tracker functions may assume the member roles (default: the bus ARN's account). */
  TrackerCentralAccount: "TRACKER_CENTRAL_ACCOUNT",
  /** Member deploy: central-account roles (comma-separated ARNs) that may also assume the read role — for `npm run backfill` run by a person. */
  TrackerOperatorRoleArns: "TRACKER_OPERATOR_ROLE_ARNS",
  /** Endpoint overrides (local runtime, tests). Unset on AWS. */
  GlueEndpoint: "GLUE_ENDPOINT",
  DynamoDbEndpoint: "DYNAMODB_ENDPOINT",
  EventsEndpoint: "EVENTS_ENDPOINT",
  SqsEndpoint: "SQS_ENDPOINT",
  StsEndpoint: "STS_ENDPOINT",
} as const;
export type ConfigName = (typeof ConfigName)[keyof typeof ConfigName];

/**
 * Names only the local runtime (`npm start`) reads: its ports and glue-local's clock
 * and faults (glue-local's own GlueLocalEnv holds the same strings; a test keeps them equal).
 */
export const LocalConfigName = {
  ApiPort: "PORT",
  GluePort: "GLUE_PORT",
  DynamoDbPort: "DYNAMODB_PORT",
  EventsPort: "EVENTS_PORT",
  /** The second glue-local, standing in for the member account 222222222222 (docs/decisions/accounts-local.md). */
  GlueMemberPort: "GLUE_MEMBER_PORT",
  /** The local STS stand-in the functions assume member roles with (STS_ENDPOINT points at it). */
  StsPort: "STS_PORT",
  GlueLocalTimeScale: "GLUE_LOCAL_TIME_SCALE",
  GlueLocalThrottleRate: "GLUE_LOCAL_THROTTLE_RATE",
  GlueLocalLatencyMs: "GLUE_LOCAL_LATENCY_MS",
  GlueLocalRetentionSeconds: "GLUE_LOCAL_RETENTION_SECONDS",
  /** The functions' log level in `npm start`'s output (docs/decisions/reliability-local-loggers.md). */
  LogLevel: "LOG_LEVEL",
} as const;
export type LocalConfigName = (typeof LocalConfigName)[keyof typeof LocalConfigName];

export type Env = Readonly<Record<string, string | undefined>>;

/** Reads a required setting, naming it when it is missing. */
export function required(env: Env, name: ConfigName): string {
  const value = env[name];
  if (value === undefined || value === "") throw new Error(`Missing configuration ${name}`);
  return value;
}
