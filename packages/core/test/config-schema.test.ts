import { describe, expect, it } from "vitest";
import { ConfigName, LocalConfigName } from "../src/config.ts";
import { ConfigError, checkConfig, checkSetting, type SettingName, Settings } from "../src/config-schema.ts";

/** One bad value per name: a value a person could plausibly type. */
const BAD: Record<SettingName, string> = {
  TRACKER_TABLE_NAME: "my table",
  TRACKER_BUS_NAME: "bus with spaces",
  INGEST_QUEUE_URL: "ingest-queue",
  RESUME_QUEUE_URL: "ftp://queue",
  RUN_RETENTION_DAYS: "-5",
  PAGINATION_SECRET: "short",
  ALERT_TOPIC_ARN: "alerts-topic",
  SLACK_WEBHOOK_URL: "https://evil.example.com/services/T000/B000/XXXX",
  SLACK_WEBHOOKS: '{"data-team": "https://evil.example.com/services/T000/B000/XXXX"}',
  SLACK_WEBHOOKS_SECRET: "bound",
  ALERT_ON_STOPPED: "sometimes",
  TRACKER_BASE_URL: "nope",
  TRACKER_API_TOKEN: "two words",
  TRACKER_API_ACCOUNT_TOKENS: '{"limited-token": ["2222"]}',
  API_GLUE_TIMEOUT_MS: "0",
  DASHBOARD_ORIGIN: "https://tracker.example.com/ui/",
  AUTO_RESUME_ENABLED: "maybe",
  AUTO_RESUME_MAX_ATTEMPTS: "three",
  AUTO_RESUME_BACKOFF_SECONDS: "2m",
  AUTO_RESUME_TRANSIENT_PATTERNS: "Throttl\n(unclosed",
  GLUE_PRICE_PER_DPU_HOUR: "$0.44",
  GLUE_FLEX_PRICE_PER_DPU_HOUR: "-0.29",
  GLUE_PRICE_CURRENCY: "usd",
  OPS_TOPIC_ARN: "ops-topic",
  OPS_ALERT_EMAILS: "ops@example.com, not-an-address",
  INGEST_SILENCE_MINUTES: "1",
  DIGEST_TIME_ZONE: "Mars/Olympus_Mons",
  DIGEST_HOUR: "24",
  TRACKER_EXISTING_BUS_ARN: "central-bus",
  GLUE_ENDPOINT: "127.0.0.1:4571",
  DYNAMODB_ENDPOINT: "localhost",
  EVENTS_ENDPOINT: "tcp://127.0.0.1:4573",
  SQS_ENDPOINT: "nope",
  STS_ENDPOINT: "sts.local",
  TRACKER_HOME_ACCOUNT: "1234",
  TRACKER_HOME_ALIAS: "prod/main",
  TRACKER_MEMBER_ACCOUNTS: '[{"AccountId":"222222222222","Region":"Ireland"}]',
  TRACKER_EXTERNAL_ID: "x",
  TRACKER_DEPLOY: "members",
  TRACKER_CENTRAL_BUS_ARN: "arn:aws:events:us-east-1:111111111111:rule/tracker",
  TRACKER_CENTRAL_ACCOUNT: "11111111111a",
  TRACKER_OPERATOR_ROLE_ARNS: "arn:aws:iam::111111111111:user/alice",
  PORT: "abc",
  GLUE_PORT: "70000",
  DYNAMODB_PORT: "-1",
  EVENTS_PORT: "45.5",
  GLUE_MEMBER_PORT: "4904x",
  STS_PORT: "65536",
  GLUE_LOCAL_TIME_SCALE: "0",
  GLUE_LOCAL_THROTTLE_RATE: "1.5",
  GLUE_LOCAL_LATENCY_MS: "-10",
  GLUE_LOCAL_RETENTION_SECONDS: "0",
  DEAD_LETTER_QUEUE_URL: "ingest-dlq",
  DASHBOARD_DOMAIN_NAME: "https://tracker.example.com",
  DASHBOARD_CERTIFICATE_ARN: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
  DASHBOARD_WEB_ACL_ARN: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1",
  DASHBOARD_SIGN_IN_PREFIX: "Tracker_Prod",
  LOG_LEVEL: "verbose",
  COMMAND_WORKFLOW_PREFIX: "etl *",
  COMMAND_RESOURCE_TAG: "tracker",
  TABLE_KMS_KEY_ARN: "alias/tracker",
  PAGINATION_SECRET_ARN: "pagination-secret",
};

/** One good value per name, parsed. */
const GOOD: Record<SettingName, [string, unknown]> = {
  TRACKER_TABLE_NAME: ["glue-run-tracker", "glue-run-tracker"],
  TRACKER_BUS_NAME: ["arn:aws:events:eu-west-1:123456789012:event-bus/tracker", expect.any(String)],
  INGEST_QUEUE_URL: ["https://sqs.eu-west-1.amazonaws.com/123456789012/ingest", expect.any(String)],
  RESUME_QUEUE_URL: ["http://127.0.0.1:4573/000000000000/resume", expect.any(String)],
  RUN_RETENTION_DAYS: [" 400 ", 400],
  PAGINATION_SECRET: ["0123456789abcdef", "0123456789abcdef"],
  ALERT_TOPIC_ARN: ["arn:aws:sns:eu-west-1:123456789012:alerts", expect.any(String)],
  SLACK_WEBHOOK_URL: ["https://hooks.slack.com/services/T000/B000/XXXX", expect.any(String)],
  SLACK_WEBHOOKS: [
    '{"data-team": "https://hooks.slack.com/services/T000/B000/XXXX", "ops_2": "http://127.0.0.1:9/hook"}',
    { "data-team": "https://hooks.slack.com/services/T000/B000/XXXX", ops_2: "http://127.0.0.1:9/hook" },
  ],
  SLACK_WEBHOOKS_SECRET: ["true", true],
  ALERT_ON_STOPPED: ["Yes", true],
  TRACKER_BASE_URL: ["https://tracker.example.com", "https://tracker.example.com"],
  TRACKER_API_TOKEN: ["e2e-token-9f2c", "e2e-token-9f2c"],
  TRACKER_API_ACCOUNT_TOKENS: ['{"limited-token": ["222222222222"]}', { "limited-token": ["222222222222"] }],
  API_GLUE_TIMEOUT_MS: ["8000", 8000],
  DASHBOARD_ORIGIN: ["https://tracker.example.com", "https://tracker.example.com"],
  AUTO_RESUME_ENABLED: ["off", false],
  AUTO_RESUME_MAX_ATTEMPTS: ["0", 0],
  AUTO_RESUME_BACKOFF_SECONDS: ["30", 30],
  AUTO_RESUME_TRANSIENT_PATTERNS: ["SlowDown\n\nflaky", [/SlowDown/i, /flaky/i]],
  GLUE_PRICE_PER_DPU_HOUR: ["0.44", 0.44],
  GLUE_FLEX_PRICE_PER_DPU_HOUR: [".29", 0.29],
  GLUE_PRICE_CURRENCY: ["EUR", "EUR"],
  OPS_TOPIC_ARN: ["arn:aws:sns:eu-west-1:123456789012:ops", expect.any(String)],
  OPS_ALERT_EMAILS: ["ops@example.com, oncall@example.com", ["ops@example.com", "oncall@example.com"]],
  INGEST_SILENCE_MINUTES: ["60", 60],
  DIGEST_TIME_ZONE: ["Europe/Paris", "Europe/Paris"],
  DIGEST_HOUR: ["7", 7],
  TRACKER_EXISTING_BUS_ARN: ["arn:aws:events:eu-west-1:123456789012:event-bus/central", expect.any(String)],
  GLUE_ENDPOINT: ["http://127.0.0.1:4571", expect.any(String)],
  DYNAMODB_ENDPOINT: ["http://127.0.0.1:4572", expect.any(String)],
  EVENTS_ENDPOINT: ["http://127.0.0.1:4573", expect.any(String)],
  SQS_ENDPOINT: ["https://sqs.eu-west-1.amazonaws.com", expect.any(String)],
  STS_ENDPOINT: ["http://127.0.0.1:4905", expect.any(String)],
  TRACKER_HOME_ACCOUNT: ["111111111111", "111111111111"],
  TRACKER_HOME_ALIAS: ["platform prod", "platform prod"],
  TRACKER_MEMBER_ACCOUNTS: [
    '[{"AccountId":"222222222222","Region":"eu-west-1","Alias":"analytics"}]',
    [{ AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" }],
  ],
  TRACKER_EXTERNAL_ID: ["glue-tracker-7f3a", "glue-tracker-7f3a"],
  TRACKER_DEPLOY: ["member", "member"],
  TRACKER_CENTRAL_BUS_ARN: [
    "arn:aws:events:us-east-1:111111111111:event-bus/prod-glue-run-tracker-TrackerBus",
    "arn:aws:events:us-east-1:111111111111:event-bus/prod-glue-run-tracker-TrackerBus",
  ],
  TRACKER_CENTRAL_ACCOUNT: ["111111111111", "111111111111"],
  TRACKER_OPERATOR_ROLE_ARNS: [
    "arn:aws:iam::111111111111:role/oncall, arn:aws:iam::111111111111:role/ops/backfill",
    ["arn:aws:iam::111111111111:role/oncall", "arn:aws:iam::111111111111:role/ops/backfill"],
  ],
  PORT: ["0", 0],
  GLUE_PORT: ["4571", 4571],
  DYNAMODB_PORT: ["65535", 65535],
  EVENTS_PORT: ["3163", 3163],
  GLUE_MEMBER_PORT: ["4904", 4904],
  STS_PORT: ["0", 0],
  GLUE_LOCAL_TIME_SCALE: ["60", 60],
  GLUE_LOCAL_THROTTLE_RATE: ["0.25", 0.25],
  GLUE_LOCAL_LATENCY_MS: ["0", 0],
  GLUE_LOCAL_RETENTION_SECONDS: ["3600", 3600],
  DEAD_LETTER_QUEUE_URL: ["https://sqs.eu-west-1.amazonaws.com/123456789012/ingest-dlq", expect.any(String)],
  DASHBOARD_DOMAIN_NAME: ["tracker.example.com", "tracker.example.com"],
  DASHBOARD_CERTIFICATE_ARN: ["arn:aws:acm:us-east-1:123456789012:certificate/0a1b-2c3d", expect.any(String)],
  DASHBOARD_WEB_ACL_ARN: ["arn:aws:wafv2:us-east-1:123456789012:global/webacl/tracker/a1b2-c3", expect.any(String)],
  DASHBOARD_SIGN_IN_PREFIX: ["glue-run-tracker-prod", "glue-run-tracker-prod"],
  LOG_LEVEL: ["info", "info"],
  COMMAND_WORKFLOW_PREFIX: ["etl-", "etl-"],
  COMMAND_RESOURCE_TAG: ["tracker=managed", "tracker=managed"],
  TABLE_KMS_KEY_ARN: [
    "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    expect.any(String),
  ],
  PAGINATION_SECRET_ARN: ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:pagination-AbCdEf", expect.any(String)],
};

describe("the configuration schema", () => {
  it("covers every name in config.ts and the local ones", () => {
    // Assess
    expect(Object.keys(Settings).sort()).toEqual(
      [...Object.values(ConfigName), ...Object.values(LocalConfigName)].sort(),
    );
  });

  it.each(Object.entries(BAD) as [SettingName, string][])(
    "refuses %s=%j in one line that names it, the value and what is expected",
    (name, value) => {
      // Act
      const read = () => checkConfig({ [name]: value });

      // Assess
      expect(read).toThrow(ConfigError);
      const error = catchError(read);
      expect(error.setting).toBe(name);
      expect(error.message).not.toContain("\n");
      expect(error.message).toMatch(new RegExp(`^Invalid ${name}: `));
      const secret = Settings[name] as { secret?: boolean };
      if (!secret.secret) expect(error.message).toContain(`got ${JSON.stringify(value)}`);
      // Custom messages name the line or webhook at fault instead.
      if (!/line 2|webhook "|\d+\.\w+: /.test(error.message))
        expect(error.message).toContain(`expected ${Settings[name].expected}`);
    },
  );

  it.each(Object.entries(GOOD) as [SettingName, [string, unknown]][])("accepts %s=%j", (name, [value, parsed]) => {
    // Act
    const config = checkConfig({ [name]: value });

    // Assess
    expect(config[name]).toEqual(parsed);
  });

  it("hides secrets: a token's length, a webhook URL's origin only", () => {
    // Act
    const token = catchError(() => checkConfig({ TRACKER_API_TOKEN: "my secret token" }));
    const slack = catchError(() => checkConfig({ SLACK_WEBHOOK_URL: BAD.SLACK_WEBHOOK_URL }));

    // Assess
    expect(token.message).toBe(
      "Invalid TRACKER_API_TOKEN: expected a token without spaces, got a hidden value of 15 characters",
    );
    expect(slack.message).not.toContain("XXXX");
    expect(slack.message).toContain('"https://evil.example.com/…"');
  });

  it("names the bad webhook of SLACK_WEBHOOKS, never its URL", () => {
    // Act
    const badUrl = catchError(() => checkConfig({ SLACK_WEBHOOKS: BAD.SLACK_WEBHOOKS }));
    const badName = checkSetting(ConfigName.SlackWebhooks, '{"data team": "https://hooks.slack.com/services/T/B/X"}');
    const notObject = checkSetting(ConfigName.SlackWebhooks, '["https://hooks.slack.com/services/T/B/X"]');

    // Assess
    expect(badUrl.message).toBe(
      'Invalid SLACK_WEBHOOKS: webhook "data-team" is not a Slack incoming-webhook URL (https://hooks.slack.com/…), got a hidden value of 65 characters',
    );
    expect((badName as ConfigError).message).toContain('webhook name "data team" is not 1–64 letters, digits, _ or -');
    expect((notObject as ConfigError).message).toContain("expected a JSON object");
    for (const error of [badUrl, badName, notObject])
      expect((error as ConfigError).message).not.toContain("services/T");
  });

  it("accepts a loopback http webhook (local receivers) and refuses Slack over http", () => {
    expect(checkSetting(ConfigName.SlackWebhookUrl, "http://127.0.0.1:9/hook")).toBe("http://127.0.0.1:9/hook");
    expect(checkSetting(ConfigName.SlackWebhookUrl, "http://hooks.slack.com/services/T/B/X")).toBeInstanceOf(
      ConfigError,
    );
  });

  it("names a missing required setting, treats blank as unset and reports further bad names in the same line", () => {
    // Act
    const missing = catchError(() => checkConfig({ TRACKER_TABLE_NAME: "  " }, { required: ["TRACKER_TABLE_NAME"] }));
    const several = catchError(() => checkConfig({ PORT: "abc", GLUE_PORT: "x", RUN_RETENTION_DAYS: "-1" }));

    // Assess
    expect(missing.message).toMatch(/^Missing configuration TRACKER_TABLE_NAME: expected a DynamoDB table name/);
    expect(several.setting).toBe("RUN_RETENTION_DAYS");
    expect(several.message).toMatch(/\(also invalid or missing: PORT, GLUE_PORT\)$/);
  });

  it("checks only the names asked for, and skips the ones left to someone else", () => {
    // Act + Assess
    expect(checkConfig({ PORT: "abc", RUN_RETENTION_DAYS: "7" }, { only: ["RUN_RETENTION_DAYS"] })).toEqual({
      RUN_RETENTION_DAYS: 7,
    });
    expect(checkConfig({ AUTO_RESUME_MAX_ATTEMPTS: "-1" }, { skip: ["AUTO_RESUME_MAX_ATTEMPTS"] })).toEqual({});
  });
});

function catchError(act: () => unknown): ConfigError {
  try {
    act();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}
