/**
 * Security settings of the synthesized app (issue 12, points 6–9): TLS-only queues,
 * rule targets with a DLQ and retry policy, log retention on every function, the
 * tracker bus's resource policy, the command scope, the table's KMS option.
 */
import { App as CdkApp, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as iam from "aws-cdk-lib/aws-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { Alerts } from "../../stacks/Alerts.ts";
import { Api } from "../../stacks/Api.ts";
import { TRACKER_BUS_STATEMENT_ID } from "../../stacks/bus-policy.ts";
import { commandScopeFromEnv, commandScopeStatement } from "../../stacks/command-scope.ts";
import { LOG_RETENTION } from "../../stacks/guardrails.ts";
import { Ingest } from "../../stacks/Ingest.ts";
import { RULE_TARGET_RETRY } from "../../stacks/queues.ts";
import { Storage } from "../../stacks/Storage.ts";
import { synthApp, templateOf } from "../support/synth.ts";

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
type Resources = Record<string, { Type: string; Properties: any }>;

let templates: Record<string, Template>;

beforeAll(async () => {
  templates = {
    Storage: await templateOf(Storage),
    Ingest: await templateOf(Ingest),
    Api: await templateOf(Api),
    Alerts: await templateOf(Alerts),
  };
}, 600_000);

const resourcesOf = (template: Template) => template.toJSON().Resources as Resources;
const ofType = (type: string) =>
  Object.entries(templates).flatMap(([stack, template]) =>
    Object.entries(resourcesOf(template))
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => ({ stack, id, resource: r })),
  );

describe("security settings", () => {
  it("makes every queue refuse requests not made over TLS", () => {
    const queues = ofType("AWS::SQS::Queue");
    const policies = ofType("AWS::SQS::QueuePolicy");

    expect(queues.length).toBeGreaterThanOrEqual(9);
    for (const queue of queues) {
      const policy = policies.find(
        (p) => p.stack === queue.stack && JSON.stringify(p.resource.Properties.Queues).includes(`"${queue.id}"`),
      );
      expect(policy?.resource.Properties.PolicyDocument.Statement, `${queue.stack}/${queue.id}`).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: "Deny",
            Action: "sqs:*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      );
    }
  });

  it("gives every EventBridge rule target a DLQ and a retry policy", () => {
    const targets = ofType("AWS::Events::Rule").flatMap((rule) =>
      (rule.resource.Properties.Targets as object[]).map((target) => ({ rule: `${rule.stack}/${rule.id}`, target })),
    );

    expect(targets.length).toBeGreaterThanOrEqual(6);
    for (const { rule, target } of targets) {
      expect(target, rule).toMatchObject({
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [expect.stringMatching(/^RuleTargetDlq/), "Arn"] } },
        RetryPolicy: {
          MaximumRetryAttempts: RULE_TARGET_RETRY.attempts,
          MaximumEventAgeInSeconds: RULE_TARGET_RETRY.maxEventAgeHours * 3600,
        },
      });
    }
  });

  it("sends every function's logs to its own log group, kept for LOG_RETENTION days", () => {
    const functions = ofType("AWS::Lambda::Function");

    expect(functions.length).toBeGreaterThanOrEqual(11);
    for (const fn of functions) {
      const ref = fn.resource.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
      const group = ref ? resourcesOf(templates[fn.stack] as Template)[ref] : undefined;
      expect(group?.Type, `${fn.stack}/${fn.id}`).toBe("AWS::Logs::LogGroup");
      expect(group?.Properties.RetentionInDays, `${fn.stack}/${fn.id}`).toBe(LOG_RETENTION);
    }
  });

  it("lets only the tracker's four publishing function roles put events on the tracker bus", () => {
    // Prepare
    const [policy] = ofType("AWS::Events::EventBusPolicy");
    const roleOf = (stack: string, prefix: string) => {
      const fn = Object.entries(resourcesOf(templates[stack] as Template)).find(
        ([id, r]) => r.Type === "AWS::Lambda::Function" && id.startsWith(prefix),
      );
      return fn?.[1].Properties.Role["Fn::GetAtt"][0] as string;
    };

    // Act
    const statement = policy?.resource.Properties.Statement;
    const allowed = JSON.stringify(statement?.Condition?.ArnNotEquals?.["aws:PrincipalArn"]);

    // Assess
    expect(statement).toMatchObject({
      Sid: TRACKER_BUS_STATEMENT_ID,
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "events:PutEvents",
    });
    expect(statement.Condition.ArnNotEquals["aws:PrincipalArn"]).toHaveLength(4);
    for (const [stack, prefix] of [
      ["Ingest", "IngestFunction"],
      ["Ingest", "ReconcilerJobReconciler"],
      ["Api", "ApiCommands"],
      ["Alerts", "ResumeWorkerFunction"],
    ] as const) {
      expect(allowed, prefix).toContain(roleOf(stack, prefix));
    }
    expect(allowed).not.toContain(roleOf("Alerts", "AlertsFunction"));
    expect(allowed).not.toContain(roleOf("Api", "ApiRead"));
  });

  it("lets the commands and resume-worker roles act on every workflow by default", () => {
    const glueStatements = ofType("AWS::IAM::Policy")
      .filter((p) => p.id.startsWith("ApiCommands") || p.id.startsWith("ResumeWorkerFunction"))
      .flatMap((p) => p.resource.Properties.PolicyDocument.Statement)
      .filter((s) => JSON.stringify(s.Action).includes("glue:ResumeWorkflowRun"));

    expect(glueStatements).toHaveLength(2);
    for (const statement of glueStatements) {
      expect(JSON.stringify(statement.Resource)).toMatch(/:workflow\/\*"/);
      expect(statement.Condition).toBeUndefined();
    }
  });
});

describe("command scope (COMMAND_WORKFLOW_PREFIX, COMMAND_RESOURCE_TAG)", () => {
  it("narrows the role to workflow/<prefix>* and to workflows carrying the tag", () => {
    // Prepare
    const stack = new Stack(new CdkApp(), "Scope", { env: { account: "123456789012", region: "eu-west-1" } });
    const scope = commandScopeFromEnv({ COMMAND_WORKFLOW_PREFIX: "etl-", COMMAND_RESOURCE_TAG: "tracker=managed" });

    // Act
    new iam.Role(stack, "Commands", { assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com") }).addToPolicy(
      commandScopeStatement(stack, ["glue:StartWorkflowRun"], scope),
    );

    // Assess
    Template.fromStack(stack).hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: {
        Statement: [
          {
            Action: "glue:StartWorkflowRun",
            Resource: {
              "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":glue:eu-west-1:123456789012:workflow/etl-*"]],
            },
            Condition: { StringEquals: { "aws:ResourceTag/tracker": "managed" } },
          },
        ],
      },
    });
  });

  it.each([
    [{ COMMAND_WORKFLOW_PREFIX: "etl*" }, /COMMAND_WORKFLOW_PREFIX must be/],
    [{ COMMAND_RESOURCE_TAG: "tracker" }, /COMMAND_RESOURCE_TAG must be key=value/],
    [{ COMMAND_RESOURCE_TAG: "=managed" }, /COMMAND_RESOURCE_TAG must be key=value/],
  ])("refuses a malformed setting at deploy time: %o", (env, message) => {
    expect(() => commandScopeFromEnv(env)).toThrow(message);
  });
});

describe("table encryption (TABLE_KMS_KEY_ARN)", () => {
  const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

  it("uses DynamoDB's AWS-owned key by default", () => {
    const [table] = ofType("AWS::DynamoDB::Table");

    expect(table?.resource.Properties.SSESpecification ?? {}).toEqual({ SSEEnabled: false });
  });

  it("encrypts the table with the configured customer-managed key", async () => {
    // Prepare: a synth of the Storage stack alone, with the setting in the deploying environment
    process.env.TABLE_KMS_KEY_ARN = KEY_ARN;
    let template: Template;
    try {
      const app = await synthApp({ stage: "kms", stacks: (a) => void a.stack(Storage) });
      template = Template.fromStack(app.node.findAll().find((c) => c.node.id.endsWith("-Storage")) as Stack);
    } finally {
      delete process.env.TABLE_KMS_KEY_ARN;
    }

    // Assess
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      SSESpecification: { SSEEnabled: true, SSEType: "KMS", KMSMasterKeyId: KEY_ARN },
    });
  });
});
