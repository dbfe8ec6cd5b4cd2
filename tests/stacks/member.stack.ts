/**
 * The member stack (TRACKER_DEPLOY=member), synthesized offline from the real sst.config.ts
 * as a member account (123456789012) tracked by a central account (111111111111): the
 * forwarding rule (central pattern, central bus, PutEvents-only role), the read and operate
 * roles (trust, external id, exactly the derived Glue actions), cdk-nag, and the checks of
 * its settings at synth.
 */
import type { Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { App } from "sst/constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { glueStateChangePattern } from "../../packages/core/src/events/patterns.ts";
import { type GlueCaller, GlueCalls } from "../../packages/core/src/glue/calls.ts";
import { ruleRoutes } from "../../packages/core/src/topology.ts";
import config from "../../sst.config.ts";
import { FORWARDED_ROUTE, memberSettings } from "../../stacks/Member.ts";
import { FORWARD_RULE_NAME } from "../../stacks/member-access.ts";
import { formatFindings } from "../support/nag.ts";
import { nagFindingsOf, synthApp, TEST_ACCOUNT } from "../support/synth.ts";

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
type Resources = Record<string, { Type: string; Properties: any }>;

const CENTRAL = "111111111111";
const BUS_ARN = `arn:aws:events:eu-west-1:${CENTRAL}:event-bus/prod-glue-run-tracker-TrackerBus`;
const EXTERNAL_ID = "glue-tracker-7f3a";

/** The settings `TRACKER_DEPLOY=member npx sst deploy` reads, set only while the app is synthesized. */
async function synthMember(stage: string, env: Record<string, string>): Promise<App> {
  const settings: Record<string, string> = { TRACKER_DEPLOY: "member", ...env };
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  try {
    return await synthApp({ stage, stacks: (a) => config.stacks(a) });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const memberStackOf = (app: App) => app.node.tryFindChild(app.logicalPrefixedName("Member")) as Stack;
const MEMBER_ENV = { TRACKER_CENTRAL_BUS_ARN: BUS_ARN, TRACKER_EXTERNAL_ID: EXTERNAL_ID };

let app: App;
let resources: Resources;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

beforeAll(async () => {
  app = await synthMember("prod", MEMBER_ENV);
  resources = Template.fromStack(memberStackOf(app)).toJSON().Resources as Resources;
}, 300_000);

/** The member role of a purpose, and its policies' statements. */
function role(purpose: "Read" | "Operate") {
  const [id, resource] =
    ofType("AWS::IAM::Role").find(([, r]) => r.Properties.RoleName?.startsWith(`GlueRunTracker${purpose}-`)) ?? [];
  if (!id || !resource) throw new Error(`no ${purpose} role`);
  const statements = ofType("AWS::IAM::Policy")
    .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: id }]))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
  return { resource, statements };
}

/** What the core lists say the callers call, as IAM actions, sorted. */
const derivedActions = (callers: GlueCaller[]) =>
  [...new Set(callers.flatMap((caller) => GlueCalls[caller].map((op) => `glue:${op}`)))].sort();
const actionsIn = (statements: { Action: string | string[] }[]) => statements.flatMap((s) => [s.Action].flat()).sort();

describe("member stack (TRACKER_DEPLOY=member)", () => {
  it("holds only the member stack: no table, no function of the tracker", () => {
    // Assess
    expect(app.node.children.filter((c) => c.node.id.endsWith("-Storage"))).toEqual([]);
    // SST's own deploy-time handler (stack metadata) is in every SST stack.
    expect(ofType("AWS::Lambda::Function").map(([id]) => id)).toEqual([
      expect.stringMatching(/^CustomResourceHandler[0-9A-F]+$/),
    ]);
    expect(ofType("AWS::DynamoDB::Table")).toEqual([]);
  });

  it("forwards Glue's job and crawler events with the central route's pattern to the central bus", () => {
    // Prepare
    const central = ruleRoutes({ alertOnStopped: false }).find((r) => r.name === FORWARDED_ROUTE);

    // Act
    const [[, rule] = []] = ofType("AWS::Events::Rule");

    // Assess
    expect(rule?.Properties).toMatchObject({ Name: FORWARD_RULE_NAME, State: "ENABLED" });
    expect(rule?.Properties.EventBusName).toBeUndefined(); // the member's default bus
    expect(rule?.Properties.EventPattern).toEqual(central?.pattern);
    expect(rule?.Properties.EventPattern).toEqual(glueStateChangePattern);
    expect(rule?.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: BUS_ARN,
        RoleArn: expect.anything(),
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [expect.stringMatching(/^RuleTargetDlq/), "Arn"] } },
      }),
    ]);
  });

  it("gives the forwarding role events:PutEvents on the central bus and nothing else", () => {
    // Prepare
    const [[, rule] = []] = ofType("AWS::Events::Rule");
    const roleId = rule?.Properties.Targets[0].RoleArn["Fn::GetAtt"][0];

    // Act
    const statements = ofType("AWS::IAM::Policy")
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);

    // Assess
    expect(statements).toEqual([{ Effect: "Allow", Action: "events:PutEvents", Resource: BUS_ARN }]);
    expect(resources[roleId]?.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  it.each([
    ["Read", "read"],
    ["Operate", "operate"],
  ] as const)(
    "lets only the central %s functions of this stage assume the %s role, with the external id",
    (name, path) => {
      // Act
      const { resource } = role(name);

      // Assess
      expect(resource.Properties.RoleName).toBe(`GlueRunTracker${name}-us-east-1`);
      expect(resource.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Principal: { AWS: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, `:iam::${CENTRAL}:root`]] } },
          Condition: {
            ArnLike: {
              "aws:PrincipalArn": {
                "Fn::Join": [
                  "",
                  ["arn:", { Ref: "AWS::Partition" }, `:iam::${CENTRAL}:role/glue-run-tracker/prod/${path}/*`],
                ],
              },
            },
            StringEquals: { "sts:ExternalId": EXTERNAL_ID },
          },
        },
      ]);
    },
  );

  it("grants the read role exactly the Glue calls of ingest, the reconciler and backfill", () => {
    // Act
    const { statements } = role("Read");

    // Assess
    expect(actionsIn(statements)).toEqual(derivedActions(["ingest", "reconciler", "backfill"]));
    expect(actionsIn(statements).every((action) => /^glue:(Get|List)/.test(action))).toBe(true);
    for (const statement of statements) {
      const resource = JSON.stringify(statement.Resource);
      if ([statement.Action].flat().includes("glue:ListWorkflows")) expect(statement.Resource).toBe("*");
      else expect(resource).toMatch(new RegExp(`:glue:us-east-1:${TEST_ACCOUNT}:(job|trigger|workflow)/\\*"`));
    }
  });

  it("grants the operate role exactly the Glue calls of the commands and the resume worker, on workflows", () => {
    // Act
    const { statements } = role("Operate");

    // Assess
    expect(actionsIn(statements)).toEqual(derivedActions(["commands", "resumeWorker"]));
    expect(statements).toHaveLength(1);
    expect(JSON.stringify(statements[0]?.Resource)).toMatch(
      new RegExp(`:glue:us-east-1:${TEST_ACCOUNT}:workflow/\\*"`),
    );
  });

  it("passes cdk-nag (AwsSolutions, ServerlessChecks) with nothing unsuppressed", async () => {
    // Act
    const findings = await nagFindingsOf({ stage: "prod", stacks: (a) => config.stacks(a) });

    // Assess
    expect(findings.length, `cdk-nag findings:\n${formatFindings(findings)}`).toBe(0);
  });
});

describe("member stack settings", () => {
  it("drops the external id condition when TRACKER_EXTERNAL_ID is unset, and narrows operate to the command scope", async () => {
    // Act
    const bare = await synthMember("bare", {
      TRACKER_CENTRAL_BUS_ARN: BUS_ARN,
      COMMAND_WORKFLOW_PREFIX: "etl-",
      COMMAND_RESOURCE_TAG: "tracker=managed",
    });
    const template = Template.fromStack(memberStackOf(bare));

    // Assess
    const roles = Object.values(template.findResources("AWS::IAM::Role")).filter((r) =>
      String(r.Properties.RoleName).startsWith("GlueRunTracker"),
    );
    expect(roles).toHaveLength(2);
    for (const r of roles) {
      expect(Object.keys(r.Properties.AssumeRolePolicyDocument.Statement[0].Condition)).toEqual(["ArnLike"]);
    }
    const operate = Object.entries(template.findResources("AWS::IAM::Role")).find(([, r]) =>
      String(r.Properties.RoleName).startsWith("GlueRunTrackerOperate-"),
    )?.[0];
    const statements = Object.values(template.findResources("AWS::IAM::Policy"))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: operate }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toHaveLength(1);
    expect(actionsIn(statements)).toEqual(derivedActions(["commands", "resumeWorker"]));
    expect(JSON.stringify(statements[0].Resource)).toMatch(/:workflow\/etl-\*"/);
    expect(statements[0].Condition).toEqual({ StringEquals: { "aws:ResourceTag/tracker": "managed" } });
  });

  it.each([
    [{}, /^Missing configuration TRACKER_CENTRAL_BUS_ARN: /],
    [{ TRACKER_CENTRAL_BUS_ARN: "prod-glue-run-tracker-TrackerBus" }, /^Invalid TRACKER_CENTRAL_BUS_ARN: /],
    [{ TRACKER_CENTRAL_BUS_ARN: BUS_ARN, TRACKER_CENTRAL_ACCOUNT: "1111" }, /^Invalid TRACKER_CENTRAL_ACCOUNT: /],
    [{ TRACKER_CENTRAL_BUS_ARN: BUS_ARN, TRACKER_EXTERNAL_ID: "x" }, /^Invalid TRACKER_EXTERNAL_ID: /],
  ])("refuses bad settings at synth with a one-line error: %o", (env, message) => {
    expect(() => memberSettings(env)).toThrow(message);
  });

  it("lets the listed operator roles of the central account assume the read role only (npm run backfill by a person)", async () => {
    // Prepare
    const oncall = `arn:aws:iam::${CENTRAL}:role/data-platform-oncall`;

    // Act
    const template = Template.fromStack(
      memberStackOf(await synthMember("ops", { ...MEMBER_ENV, TRACKER_OPERATOR_ROLE_ARNS: oncall })),
    );

    // Assess
    const trustOf = (name: string) =>
      Object.values(template.findResources("AWS::IAM::Role")).find((r) =>
        String(r.Properties.RoleName).startsWith(name),
      )?.Properties.AssumeRolePolicyDocument.Statement[0].Condition.ArnLike["aws:PrincipalArn"];
    const read = trustOf("GlueRunTrackerRead-");
    expect(read).toHaveLength(2);
    expect(read[1]).toBe(oncall);
    expect(JSON.stringify(read[0])).toContain("glue-run-tracker/ops/read/*");
    expect(JSON.stringify(trustOf("GlueRunTrackerOperate-"))).not.toContain("oncall");
  });

  it("refuses an operator role of another account than the central one", () => {
    expect(() =>
      memberSettings({ ...MEMBER_ENV, TRACKER_OPERATOR_ROLE_ARNS: "arn:aws:iam::999999999999:role/oncall" }),
    ).toThrow(
      /^Invalid TRACKER_OPERATOR_ROLE_ARNS: arn:aws:iam::999999999999:role\/oncall is not a role of the central account 111111111111/,
    );
  });

  it("takes the central account from the bus ARN unless TRACKER_CENTRAL_ACCOUNT says otherwise", () => {
    expect(memberSettings({ TRACKER_CENTRAL_BUS_ARN: BUS_ARN }).centralAccount).toBe(CENTRAL);
    expect(
      memberSettings({ TRACKER_CENTRAL_BUS_ARN: BUS_ARN, TRACKER_CENTRAL_ACCOUNT: "333333333333" }).centralAccount,
    ).toBe("333333333333");
  });

  it("refuses to deploy into the tracker's own account and region", async () => {
    // Act
    const own = synthMember("own", {
      TRACKER_CENTRAL_BUS_ARN: `arn:aws:events:us-east-1:${TEST_ACCOUNT}:event-bus/prod-glue-run-tracker-TrackerBus`,
    });

    // Assess
    await expect(own).rejects.toThrow(/is the tracker's own/);
  });
});
