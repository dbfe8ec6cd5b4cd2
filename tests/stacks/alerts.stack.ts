import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import {
  failedRunPattern,
  recoveredRunPattern,
  resumeCandidatePattern,
  resumeFailedPattern,
} from "../../packages/core/src/events/patterns.ts";
import { DEFAULT_TRANSIENT_PATTERNS } from "../../packages/core/src/resume/policy.ts";
import { ruleRoutes } from "../../packages/core/src/topology.ts";
import { Alerts, AlertsSettings } from "../../stacks/Alerts.ts";
import { Api } from "../../stacks/Api.ts";
import { Ingest } from "../../stacks/Ingest.ts";
import { Operations } from "../../stacks/Operations.ts";
import { Storage } from "../../stacks/Storage.ts";
import { templateOf } from "../support/synth.ts";

type Resource = { Type: string; Properties: Record<string, unknown> };

let template: Template;

// One synth of the real app (sst.config.ts, every handler bundled): seconds alone, minutes on a busy machine.
beforeAll(async () => {
  template = await templateOf(Alerts);
}, 600_000);

/** The Lambda function whose handler path contains `handler`, with its logical id. */
function lambda(handlerPath: string): { id: string; resource: Resource } {
  const functions = Object.entries(template.findResources("AWS::Lambda::Function") as Record<string, Resource>);
  const found = functions.find(
    ([, resource]) =>
      JSON.stringify(resource.Properties.Environment ?? {}).length > 0 &&
      JSON.stringify(resource).includes(handlerPath),
  );
  if (!found) throw new Error(`no function for ${handlerPath}`);
  return { id: found[0], resource: found[1] };
}

function environmentOf(handlerPath: string): Record<string, unknown> {
  return (lambda(handlerPath).resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

/** Every IAM action granted to the role of the function with this handler. */
function actionsOf(handlerPath: string): string[] {
  const role = (lambda(handlerPath).resource.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  const policies = Object.values(template.findResources("AWS::IAM::Policy") as Record<string, Resource>).filter(
    (policy) => JSON.stringify(policy.Properties.Roles).includes(role),
  );
  return policies.flatMap((policy) =>
    (policy.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement.flatMap(
      (statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]),
    ),
  );
}

describe("Alerts stack", () => {
  it("routes the tracker bus with core's patterns: failures, recoveries and refused resumes to alerts, candidates to resume", () => {
    const rules = Object.values(template.findResources("AWS::Events::Rule") as Record<string, Resource>);
    const patterns = rules.map((rule) => rule.Properties.EventPattern);
    expect(patterns).toEqual(
      expect.arrayContaining([
        failedRunPattern({ includeStopped: false }),
        recoveredRunPattern,
        resumeFailedPattern,
        resumeCandidatePattern,
      ]),
    );
    // The same routes the local runtime builds from core's topology.
    // (Members' forwarded Glue events go to ingest: the Ingest stack's rule on the same bus.)
    const trackerRoutes = ruleRoutes({ alertOnStopped: false }).filter(
      (route) => route.bus === "tracker" && route.queue !== "ingest",
    );
    expect(patterns).toEqual(expect.arrayContaining(trackerRoutes.map((route) => route.pattern)));
    expect(rules).toHaveLength(trackerRoutes.length);
    for (const rule of rules) {
      // On the tracker's bus (imported from the Ingest stack), never the default bus.
      expect(rule.Properties.EventBusName).toBeDefined();
      expect(JSON.stringify(rule.Properties.Targets)).toMatch(/Queue/);
    }
  });

  it("gives every queue a DLQ and consumes it with partial batch responses", () => {
    const queues = Object.values(template.findResources("AWS::SQS::Queue") as Record<string, Resource>);
    const withRedrive = queues.filter((queue) => queue.Properties.RedrivePolicy);
    expect(withRedrive).toHaveLength(3);
    for (const queue of withRedrive) {
      expect(queue.Properties.RedrivePolicy).toMatchObject({ maxReceiveCount: AlertsSettings.maxReceiveCount });
    }
    template.resourceCountIs("AWS::Lambda::EventSourceMapping", 3);
    template.allResourcesProperties("AWS::Lambda::EventSourceMapping", {
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    // One per queue's DLQ, one on the rule DLQ.
    template.resourceCountIs("AWS::CloudWatch::Alarm", 4);
  });

  it("encrypts the alert topic with a rotating KMS key and lets only the alerts function publish", () => {
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
    expect(actionsOf("alerts/handler")).toEqual(expect.arrayContaining(["sns:Publish", "kms:GenerateDataKey*"]));
    expect(actionsOf("resume/handler")).not.toContain("sns:Publish");
    expect(actionsOf("resume/worker")).not.toContain("sns:Publish");
  });

  it("binds the Slack webhook secret to the alerts function only", () => {
    expect(environmentOf("alerts/handler")).toMatchObject({
      SST_Secret_value_SLACK_WEBHOOK_URL: "__FETCH_FROM_SSM__",
      ALERT_TOPIC_ARN: expect.anything(),
    });
    expect(environmentOf("resume/handler")).not.toHaveProperty("SST_Secret_value_SLACK_WEBHOOK_URL");
    expect(environmentOf("resume/worker")).not.toHaveProperty("SST_Secret_value_SLACK_WEBHOOK_URL");
    expect(JSON.stringify(environmentOf("alerts/handler"))).not.toMatch(/hooks\.slack\.com/);
    // The named webhooks are bound only on request (SLACK_WEBHOOKS_SECRET=true): SST fails to load
    // every secret of a function when one bound secret is unset.
    expect(environmentOf("alerts/handler")).not.toHaveProperty("SST_Secret_value_SLACK_WEBHOOKS");
  });

  it("stores the resume policy as SST parameters with the documented defaults and passes them to the functions", () => {
    const parameters = Object.values(template.findResources("AWS::SSM::Parameter") as Record<string, Resource>);
    const byName = Object.fromEntries(
      parameters.map((parameter) => [String(parameter.Properties.Name).split("/").at(-2), parameter.Properties.Value]),
    );
    expect(byName).toMatchObject({
      AUTO_RESUME_ENABLED: "true",
      AUTO_RESUME_MAX_ATTEMPTS: "2",
      AUTO_RESUME_BACKOFF_SECONDS: "120",
      AUTO_RESUME_TRANSIENT_PATTERNS: DEFAULT_TRANSIENT_PATTERNS.join("\n"),
      ALERT_ON_STOPPED: "false",
    });
    for (const handler of ["alerts/handler", "resume/handler"]) {
      expect(environmentOf(handler)).toMatchObject({
        AUTO_RESUME_ENABLED: "true",
        AUTO_RESUME_MAX_ATTEMPTS: "2",
        AUTO_RESUME_BACKOFF_SECONDS: "120",
        AUTO_RESUME_TRANSIENT_PATTERNS: DEFAULT_TRANSIENT_PATTERNS.join("\n"),
      });
    }
  });

  it("gives each function only the table actions it uses", () => {
    const tableActions = (handler: string) => actionsOf(handler).filter((action) => action.startsWith("dynamodb:"));
    expect(tableActions("alerts/handler")).toEqual(["dynamodb:GetItem", "dynamodb:UpdateItem"]);
    expect(tableActions("resume/handler")).toEqual(["dynamodb:GetItem", "dynamodb:UpdateItem"]);
    expect(tableActions("resume/worker")).toEqual(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]);
  });

  it("allows the resume worker only glue:ResumeWorkflowRun and glue:GetWorkflowRun, on workflows", () => {
    const glueActions = (handler: string) => actionsOf(handler).filter((action) => action.startsWith("glue:"));
    expect(glueActions("resume/worker").sort()).toEqual(["glue:GetWorkflowRun", "glue:ResumeWorkflowRun"]);
    expect(glueActions("resume/handler")).toEqual([]);
    expect(glueActions("alerts/handler")).toEqual([]);
    const policies = JSON.stringify(template.findResources("AWS::IAM::Policy"));
    expect(policies).not.toMatch(/"glue:\*"|"dynamodb:\*"|"events:\*"/);
    template.hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ["glue:ResumeWorkflowRun", "glue:GetWorkflowRun"],
            Resource: { "Fn::Join": ["", Match.arrayWith([Match.stringLikeRegexp(":workflow/\\*$")])] },
          }),
        ]),
      },
    });
  });
});

describe("Alerts stack with SLACK_WEBHOOKS_SECRET=true", () => {
  it("binds the named webhooks' secret to the alerts function (and its SSM read), not the digest", async () => {
    // Prepare: the stacks up to Alerts, synthesized with the opt-in
    const withNamedWebhooks = (app: import("sst/constructs").App) => {
      process.env.SLACK_WEBHOOKS_SECRET = "true";
      try {
        app.stack(Storage).stack(Operations).stack(Ingest).stack(Api).stack(Alerts);
      } finally {
        delete process.env.SLACK_WEBHOOKS_SECRET;
      }
    };

    // Act
    const alerts = await templateOf(Alerts, { stage: "namedhooks", stacks: withNamedWebhooks });

    // Assess
    const functions = Object.values(alerts.findResources("AWS::Lambda::Function") as Record<string, Resource>);
    const variables = (path: string) => {
      const fn = functions.find((resource) => JSON.stringify(resource).includes(path));
      if (!fn) throw new Error(`no function for ${path}`);
      return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    };
    expect(variables("alerts/handler")).toMatchObject({
      SST_Secret_value_SLACK_WEBHOOK_URL: "__FETCH_FROM_SSM__",
      SST_Secret_value_SLACK_WEBHOOKS: "__FETCH_FROM_SSM__",
    });
    expect(variables("digest/handler")).not.toHaveProperty("SST_Secret_value_SLACK_WEBHOOKS");
    expect(JSON.stringify(alerts.findResources("AWS::IAM::Policy"))).toContain("Secret/SLACK_WEBHOOKS/value");
  }, 600_000);
});
