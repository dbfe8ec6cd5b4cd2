/**
 * The daily digest on AWS: an EventBridge Scheduler schedule at the configured local
 * hour and time zone, a role that may only invoke the digest function, and a function
 * that reads and claims in the table and publishes to the alert topic — nothing more.
 */
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { Alerts } from "../../stacks/Alerts.ts";
import { templateOf } from "../support/synth.ts";

type Resource = { Type: string; Properties: Record<string, unknown> };

let template: Template;

beforeAll(async () => {
  template = await templateOf(Alerts);
}, 600_000);

function resources(type: string): [string, Resource][] {
  return Object.entries(template.findResources(type) as Record<string, Resource>);
}

function digestFunction(): [string, Resource] {
  const found = resources("AWS::Lambda::Function").find(([, r]) =>
    JSON.stringify(r.Properties.Handler ?? "").includes("functions/src/digest/handler"),
  );
  if (!found) throw new Error("no digest function in the Alerts stack");
  return found;
}

/** Every action granted to the role named by `roleRef` (its inline policies). */
function actionsOf(roleId: string): string[] {
  return resources("AWS::IAM::Policy")
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

describe("daily digest stack", () => {
  it("schedules the digest function daily at DIGEST_HOUR in DIGEST_TIME_ZONE (defaults 8, UTC)", () => {
    // Act
    const schedules = resources("AWS::Scheduler::Schedule");
    const [fnId, fn] = digestFunction();

    // Assess
    expect(schedules).toHaveLength(1);
    const schedule = schedules[0]?.[1].Properties as Record<string, unknown>;
    expect(schedule.ScheduleExpression).toBe("cron(0 8 * * ? *)");
    expect(schedule.ScheduleExpressionTimezone).toBe("UTC");
    expect(JSON.stringify(schedule.Target)).toContain(fnId);
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env).toMatchObject({ DIGEST_TIME_ZONE: "UTC", DIGEST_HOUR: "8" });
    expect(Object.keys(env)).toEqual(expect.arrayContaining(["TRACKER_TABLE_NAME", "ALERT_TOPIC_ARN"]));
  });

  it("the scheduler's role is for the scheduler of this account and may only invoke the digest function", () => {
    // Prepare
    const [fnId] = digestFunction();
    const schedule = resources("AWS::Scheduler::Schedule")[0]?.[1].Properties as { Target: { RoleArn: unknown } };
    const roleId = JSON.stringify(schedule.Target.RoleArn).match(/"(DigestSchedulerRole[A-Za-z0-9]*)"/)?.[1] ?? "";
    const role = template.findResources("AWS::IAM::Role")[roleId] as Resource;

    // Act
    const trust = JSON.stringify(role.Properties.AssumeRolePolicyDocument);
    const policies = resources("AWS::IAM::Policy").filter(([, p]) =>
      JSON.stringify(p.Properties.Roles).includes(roleId),
    );

    // Assess
    expect(trust).toContain("scheduler.amazonaws.com");
    expect(trust).toContain("aws:SourceAccount");
    expect(actionsOf(roleId)).toEqual(["lambda:InvokeFunction"]);
    expect(JSON.stringify(policies)).toContain(fnId);
  });

  it("the digest function reads and claims in the table and publishes to the topic, nothing else", () => {
    // Prepare
    const [, fn] = digestFunction();
    const roleId = JSON.stringify(fn.Properties.Role).match(/"([A-Za-z0-9]+)"/)?.[1] ?? "";

    // Act
    const actions = new Set(actionsOf(roleId));

    // Assess
    for (const action of ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem", "sns:Publish"]) {
      expect(actions).toContain(action);
    }
    for (const action of actions) {
      expect(action).toMatch(/^(dynamodb:(Query|GetItem|UpdateItem)|sns:Publish|kms:.*|xray:.*|ssm:GetParameters?)$/);
    }
  });
});
