import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { METRIC_NAMESPACE, Metric } from "../../packages/core/src/metrics.ts";
import { Alerts } from "../../stacks/Alerts.ts";
import { Api } from "../../stacks/Api.ts";
import { Ingest } from "../../stacks/Ingest.ts";
import { Operations, OperationsDashboard } from "../../stacks/Operations.ts";
import { Storage } from "../../stacks/Storage.ts";
import { TEST_DEPLOY_ENV, templateOf } from "../support/synth.ts";

type Resource = { Type: string; Properties: Record<string, unknown> };

let ops: Template;
let dashboardStack: Template;
let all: Template[];

beforeAll(async () => {
  ops = await templateOf(Operations);
  dashboardStack = await templateOf(OperationsDashboard);
  all = [ops, dashboardStack, await templateOf(Ingest), await templateOf(Alerts), await templateOf(Api)];
}, 600_000);

function resources(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type) as Record<string, Resource>);
}

function opsTopicId(): string {
  const [topic] = resources(ops, "AWS::SNS::Topic");
  if (!topic) throw new Error("no operations topic");
  return topic[0];
}

describe("Operations stack", () => {
  it("creates a KMS-encrypted topic that refuses non-TLS publishing, with the configured e-mail subscription", () => {
    // Assess
    const [[, topic] = []] = resources(ops, "AWS::SNS::Topic");
    expect(topic?.Properties.KmsMasterKeyId).toBeDefined();
    const policies = JSON.stringify(resources(ops, "AWS::SNS::TopicPolicy"));
    expect(policies).toContain('"aws:SecureTransport":"false"');
    expect(resources(ops, "AWS::SNS::Subscription").map(([, s]) => s.Properties)).toEqual([
      expect.objectContaining({ Protocol: "email", Endpoint: TEST_DEPLOY_ENV.OPS_ALERT_EMAILS }),
    ]);
    const key = JSON.stringify(resources(ops, "AWS::KMS::Key"));
    expect(key).toContain("cloudwatch.amazonaws.com");
  });

  it("gives EVERY alarm of the app the operations topic as its action (every DLQ's alarm included)", () => {
    // Assess
    const alarms = all.flatMap((template) => resources(template, "AWS::CloudWatch::Alarm"));
    expect(alarms.length).toBeGreaterThanOrEqual(4 + 3 + 1);
    for (const [id, alarm] of alarms) {
      const actions = JSON.stringify(alarm.Properties.AlarmActions ?? []);
      expect(actions, id).toMatch(new RegExp(`${opsTopicId()}|OpsTopic`));
    }
    const dlqAlarms = alarms.filter(([id]) => id.includes("DlqAlarm"));
    const dlqs = all.flatMap((template) => resources(template, "AWS::SQS::Queue")).filter(([id]) => id.includes("Dlq"));
    // The four consumer DLQs and one rule-target DLQ per stack with rules (Ingest, Alerts).
    expect(dlqs.length).toBeGreaterThanOrEqual(6);
    expect(dlqAlarms).toHaveLength(dlqs.length);
  });

  it("alarms on ingest errors, alert delivery failures and silence while Glue runs exist, in the tracker's namespace", () => {
    // Assess
    const alarms = Object.fromEntries(resources(ops, "AWS::CloudWatch::Alarm"));
    const byId = (part: string) => Object.entries(alarms).find(([id]) => id.includes(part))?.[1];
    expect(byId("IngestErrorsAlarm")?.Properties).toMatchObject({
      Namespace: METRIC_NAMESPACE,
      MetricName: Metric.IngestErrors.name,
    });
    const delivery = JSON.stringify(byId("AlertDeliveryFailedAlarm")?.Properties.Metrics);
    expect(delivery).toContain(Metric.AlertsFailed.name);
    expect(delivery).toContain('"Value":"slack"');
    expect(delivery).toContain('"Value":"sns"');
    const silence = byId("NoEventIngestedAlarm")?.Properties;
    expect(JSON.stringify(silence?.Metrics)).toContain(Metric.GlueRunsSeen.name);
    expect(JSON.stringify(silence?.Metrics)).toContain(Metric.EventsIngested.name);
    expect(JSON.stringify(silence?.Metrics)).toContain(`"Namespace":"${METRIC_NAMESPACE}"`);
    expect(JSON.stringify(silence?.Metrics)).toContain('"Period":3600');
  });

  it("alarms on the age of the oldest ingest message and draws a dashboard of the tracker's metrics", () => {
    // Assess
    const [[, age] = []] = resources(dashboardStack, "AWS::CloudWatch::Alarm");
    expect(age?.Properties).toMatchObject({
      MetricName: "ApproximateAgeOfOldestMessage",
      Namespace: "AWS/SQS",
      Threshold: 900,
    });
    const [[, dashboard] = []] = resources(dashboardStack, "AWS::CloudWatch::Dashboard");
    expect(dashboard?.Properties.DashboardName).toBe("test-glue-run-tracker");
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const metric of Object.values(Metric).filter((m) => m !== Metric.DlqRedrives && m !== Metric.GlueRunsSeen)) {
      expect(body, metric.name).toContain(metric.name);
    }
    expect(body).toContain(METRIC_NAMESPACE);
    expect(JSON.stringify(dashboardStack.toJSON().Outputs)).toContain("#dashboards:name=test-glue-run-tracker");
  });

  it("turns on active tracing for every tracker function", () => {
    // Assess
    const functions = all.flatMap((template) => resources(template, "AWS::Lambda::Function"));
    // The tracker's own functions (CDK's custom-resource helpers are not ours to trace).
    const tracked = functions.filter(([, fn]) =>
      JSON.stringify(fn.Properties.Environment ?? {}).includes("TRACKER_TABLE_NAME"),
    );
    expect(tracked.length).toBeGreaterThanOrEqual(7);
    for (const [id, fn] of tracked) expect(fn.Properties.TracingConfig, id).toEqual({ Mode: "Active" });
  });
});

describe("Ingest stack with TRACKER_EXISTING_BUS_ARN", () => {
  const existing = "arn:aws:events:us-east-1:123456789012:event-bus/central";

  it("creates no bus, gives the functions the existing one, and leaves its policy to its owner", async () => {
    // Prepare: the stacks up to Alerts, synthesized with the setting
    const withExistingBus = (app: import("sst/constructs").App) => {
      process.env.TRACKER_EXISTING_BUS_ARN = existing;
      try {
        app.stack(Storage).stack(Operations).stack(Ingest).stack(Api).stack(Alerts);
      } finally {
        delete process.env.TRACKER_EXISTING_BUS_ARN;
      }
    };

    // Act
    const template = await templateOf(Ingest, { stage: "existingbus", stacks: withExistingBus });
    const alerts = await templateOf(Alerts, { stage: "existingbus", stacks: withExistingBus });

    // Assess
    expect(resources(template, "AWS::Events::EventBus")).toEqual([]);
    const environments = resources(template, "AWS::Lambda::Function").map(([, fn]) =>
      JSON.stringify(fn.Properties.Environment ?? {}),
    );
    expect(environments.filter((env) => env.includes('"TRACKER_BUS_NAME":"central"'))).toHaveLength(2);
    const policies = JSON.stringify(resources(template, "AWS::IAM::Policy"));
    expect(policies).toContain(existing);
    // A Deny-all-but-us policy on a shared bus would lock its other publishers out.
    expect(resources(alerts, "AWS::Events::EventBusPolicy")).toEqual([]);
  }, 600_000);
});
