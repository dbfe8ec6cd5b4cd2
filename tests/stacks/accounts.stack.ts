/**
 * The central stacks' side of several accounts (issue 16), synthesized offline twice: as
 * deployed today (no member) and with TRACKER_MEMBER_ACCOUNTS listing three members. The
 * tracker bus policy names exactly the members' forwarding rules and accounts; forwarded
 * Glue events reach ingest on the tracker bus; each function assumes exactly the member
 * roles of its purpose, from a role under its purpose's path; the accounts configuration
 * reaches every function's environment; a bad list stops the synth with a clear error.
 */
import { App as CdkApp, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { App } from "sst/constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { memberRoleArn } from "../../packages/core/src/accounts/account.ts";
import { glueStateChangePattern } from "../../packages/core/src/events/patterns.ts";
import { Alerts } from "../../stacks/Alerts.ts";
import { Api } from "../../stacks/Api.ts";
import { functionBundling } from "../../stacks/bundling.ts";
import { MEMBER_FORWARDING_STATEMENT_ID, TRACKER_BUS_STATEMENT_ID } from "../../stacks/bus-policy.ts";
import { applyGuardrails } from "../../stacks/guardrails.ts";
import { Ingest } from "../../stacks/Ingest.ts";
import { deployedAccounts, FORWARD_RULE_NAME } from "../../stacks/member-access.ts";
import { Storage } from "../../stacks/Storage.ts";
import { formatFindings } from "../support/nag.ts";
import { nagFindingsOf, synthApp, TEST_ACCOUNT, templateOf } from "../support/synth.ts";

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
type Resources = Record<string, { Type: string; Properties: any; DependsOn?: string[] }>;

const MEMBERS = [
  { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" },
  { AccountId: "222222222222", Region: "us-west-2" },
  {
    AccountId: "333333333333",
    Region: "us-east-1",
    ReadRoleArn: "arn:aws:iam::333333333333:role/custom/TrackerRead",
    OperateRoleArn: "arn:aws:iam::333333333333:role/custom/TrackerOperate",
  },
];
const ACCOUNTS_ENV = {
  TRACKER_MEMBER_ACCOUNTS: JSON.stringify(MEMBERS),
  TRACKER_EXTERNAL_ID: "glue-tracker-7f3a",
  TRACKER_HOME_ALIAS: "platform",
};

const HANDLERS = {
  ingest: "packages/functions/src/ingest/handler.handler",
  reconciler: "packages/functions/src/reconciler/handler.handler",
  read: "packages/functions/src/api/read.handler",
  commands: "packages/functions/src/api/commands.handler",
  alerts: "packages/functions/src/alerts/handler.handler",
  resume: "packages/functions/src/resume/handler.handler",
  resumeWorker: "packages/functions/src/resume/worker.handler",
  digest: "packages/functions/src/digest/handler.handler",
} as const;
type Fn = keyof typeof HANDLERS;

/** The central stacks that hold the functions and the bus (the dashboards hold none). */
const centralStacks = (app: App) => {
  applyGuardrails(app);
  app.setDefaultFunctionProps({ runtime: "nodejs22.x", nodejs: functionBundling });
  app.stack(Storage).stack(Ingest).stack(Api).stack(Alerts);
};

async function synthWithMembers(): Promise<Resources[]> {
  const saved = Object.fromEntries(Object.keys(ACCOUNTS_ENV).map((name) => [name, process.env[name]]));
  Object.assign(process.env, ACCOUNTS_ENV);
  let app: App;
  try {
    app = await synthApp({ stage: "accounts", stacks: centralStacks });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return [Ingest, Api, Alerts].map((stack) => {
    const construct = app.node.tryFindChild(app.logicalPrefixedName(stack.name)) as Stack;
    return Template.fromStack(construct).toJSON().Resources as Resources;
  });
}

let single: Resources[];
let multi: Resources[];

beforeAll(async () => {
  single = [await templateOf(Ingest), await templateOf(Api), await templateOf(Alerts)].map(
    (t) => t.toJSON().Resources as Resources,
  );
  multi = await synthWithMembers();
}, 900_000);

const ofType = (templates: Resources[], type: string) =>
  templates.flatMap((resources) => Object.entries(resources).filter(([, r]) => r.Type === type));

/** The function deployed with this handler, its role resource and its role's statements. */
function functionOf(templates: Resources[], fn: Fn) {
  for (const resources of templates) {
    const found = Object.values(resources).find(
      (r) => r.Type === "AWS::Lambda::Function" && r.Properties.Handler === HANDLERS[fn],
    );
    if (!found) continue;
    const roleId = found.Properties.Role["Fn::GetAtt"][0] as string;
    const statements = Object.values(resources)
      .filter((r) => r.Type === "AWS::IAM::Policy" && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((r) => r.Properties.PolicyDocument.Statement);
    return {
      env: (found.Properties.Environment?.Variables ?? {}) as Record<string, unknown>,
      role: resources[roleId],
      statements: statements as { Action: string | string[]; Resource: unknown }[],
    };
  }
  throw new Error(`no function for ${fn}`);
}

const assumable = (templates: Resources[], fn: Fn) =>
  functionOf(templates, fn)
    .statements.filter((s) => [s.Action].flat().includes("sts:AssumeRole"))
    .flatMap((s) => [s.Resource].flat())
    .sort();

const partitionArn = (rest: string) => ({ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, rest]] });
const forwardingRules = MEMBERS.map((m) =>
  partitionArn(`:events:${m.Region}:${m.AccountId}:rule/${FORWARD_RULE_NAME}`),
);

describe("the tracker bus policy with member accounts", () => {
  it("exempts exactly the members' forwarding rules from the Deny, and allows exactly their accounts", () => {
    // Act
    const policies = ofType(multi, "AWS::Events::EventBusPolicy");
    const deny = policies.find(([, p]) => p.Properties.StatementId === TRACKER_BUS_STATEMENT_ID)?.[1];
    const allow = policies.find(([, p]) => p.Properties.StatementId === MEMBER_FORWARDING_STATEMENT_ID);

    // Assess
    expect(policies).toHaveLength(2);
    expect(deny?.Properties.Statement.Effect).toBe("Deny");
    expect(deny?.Properties.Statement.Condition.ArnNotEquals["aws:PrincipalArn"]).toHaveLength(4);
    expect(deny?.Properties.Statement.Condition.ArnNotEquals["aws:SourceArn"]).toEqual(forwardingRules);
    expect(allow?.[1].Properties.Statement).toMatchObject({
      Sid: MEMBER_FORWARDING_STATEMENT_ID,
      Effect: "Allow",
      Action: "events:PutEvents",
      Principal: { AWS: [partitionArn(":iam::222222222222:root"), partitionArn(":iam::333333333333:root")] },
      Condition: { ArnEquals: { "aws:SourceArn": forwardingRules } },
    });
    expect(allow?.[1].DependsOn).toEqual([policies.find(([, p]) => p === deny)?.[0]]);
  });

  it("names no member without TRACKER_MEMBER_ACCOUNTS: one Deny, tracker roles only", () => {
    // Act
    const policies = ofType(single, "AWS::Events::EventBusPolicy");

    // Assess
    expect(policies).toHaveLength(1);
    expect(Object.keys(policies[0]?.[1].Properties.Statement.Condition.ArnNotEquals)).toEqual(["aws:PrincipalArn"]);
  });
});

describe("forwarded Glue events", () => {
  it.each([
    ["without members", () => single],
    ["with members", () => multi],
  ])("reach the ingest queue from the tracker bus with the Glue pattern (%s)", (_name, templates) => {
    // Act
    const rules = ofType(templates(), "AWS::Events::Rule").filter(([, r]) =>
      JSON.stringify(r.Properties.EventPattern ?? {}).includes("aws.glue"),
    );
    const onTrackerBus = rules.filter(([, r]) => r.Properties.EventBusName !== undefined);

    // Assess: one rule on the default bus (the home account), one on the tracker bus (members)
    expect(rules).toHaveLength(2);
    expect(onTrackerBus).toHaveLength(1);
    const [[, rule] = []] = onTrackerBus;
    expect(rule?.Properties.EventPattern).toEqual(glueStateChangePattern);
    expect(rule?.Properties.EventBusName).toEqual({ Ref: expect.stringMatching(/^TrackerBus/) });
    expect(JSON.stringify(rule?.Properties.Targets)).toContain("IngestQueue");
  });
});

describe("member roles the central functions assume", () => {
  const readRoles = [
    memberRoleArn({ accountId: "222222222222", region: "eu-west-1" }, "read"),
    memberRoleArn({ accountId: "222222222222", region: "us-west-2" }, "read"),
    "arn:aws:iam::333333333333:role/custom/TrackerRead",
  ].sort();
  const operateRoles = [
    memberRoleArn({ accountId: "222222222222", region: "eu-west-1" }, "operate"),
    memberRoleArn({ accountId: "222222222222", region: "us-west-2" }, "operate"),
    "arn:aws:iam::333333333333:role/custom/TrackerOperate",
  ].sort();

  it.each([
    ["ingest", readRoles],
    ["reconciler", readRoles],
    ["commands", operateRoles],
    ["resumeWorker", operateRoles],
    ["read", []],
    ["alerts", []],
    ["resume", []],
    ["digest", []],
  ] as [Fn, string[]][])("%s may assume exactly its purpose's member roles", (fn, roles) => {
    expect(assumable(multi, fn)).toEqual(roles);
  });

  it.each(Object.keys(HANDLERS) as Fn[])("%s may assume no role when no member is configured", (fn) => {
    expect(assumable(single, fn)).toEqual([]);
  });

  it.each([
    ["ingest", "read"],
    ["reconciler", "read"],
    ["commands", "operate"],
    ["resumeWorker", "operate"],
  ] as const)("%s's role lives under the %s path the member roles trust", (fn, purpose) => {
    expect(functionOf(multi, fn).role?.Properties.Path).toBe(`/glue-run-tracker/accounts/${purpose}/`);
    expect(functionOf(single, fn).role?.Properties.Path).toBe(`/glue-run-tracker/test/${purpose}/`);
  });

  it.each(["read", "alerts", "resume", "digest"] as const)("%s's role is on no member-trusted path", (fn) => {
    expect(functionOf(multi, fn).role?.Properties.Path).toBeUndefined();
  });
});

describe("the accounts configuration in the functions' environment", () => {
  it.each(Object.keys(HANDLERS) as Fn[])("%s gets the home account, its alias and the members", (fn) => {
    // Act
    const { env } = functionOf(multi, fn);

    // Assess
    expect(env.TRACKER_HOME_ACCOUNT).toBe(TEST_ACCOUNT);
    expect(env.TRACKER_HOME_ALIAS).toBe("platform");
    expect(JSON.parse(env.TRACKER_MEMBER_ACCOUNTS as string)).toEqual(MEMBERS);
    const assumesRoles = ["ingest", "reconciler", "commands", "resumeWorker"].includes(fn);
    expect(env.TRACKER_EXTERNAL_ID).toBe(assumesRoles ? "glue-tracker-7f3a" : undefined);
  });

  it.each(Object.keys(HANDLERS) as Fn[])("%s gets the home account and no member list when single-account", (fn) => {
    // Act
    const { env } = functionOf(single, fn);

    // Assess
    expect(env.TRACKER_HOME_ACCOUNT).toBe(TEST_ACCOUNT);
    expect(env).not.toHaveProperty("TRACKER_MEMBER_ACCOUNTS");
    expect(env).not.toHaveProperty("TRACKER_EXTERNAL_ID");
  });
});

describe("cdk-nag on the central stacks with members", () => {
  it("finds nothing unsuppressed (the AssumeRole grants name exact role ARNs)", async () => {
    // Act (the app synthesized with the members, above)
    const findings = await nagFindingsOf({ stage: "accounts", stacks: centralStacks });

    // Assess
    expect(findings.length, `cdk-nag findings:\n${formatFindings(findings)}`).toBe(0);
  });
});

describe("TRACKER_MEMBER_ACCOUNTS checked at synth", () => {
  const stack = () => new Stack(new CdkApp(), "Central", { env: { account: "111111111111", region: "us-east-1" } });

  it.each([
    ["not JSON", "222222222222,eu-west-1", /^Invalid TRACKER_MEMBER_ACCOUNTS: expected a JSON array/],
    [
      "a short account id",
      '[{"AccountId":"2222","Region":"eu-west-1"}]',
      /^Invalid TRACKER_MEMBER_ACCOUNTS: 0\.AccountId/,
    ],
    [
      "an account listed twice",
      '[{"AccountId":"222222222222","Region":"eu-west-1"},{"AccountId":"222222222222","Region":"eu-west-1"}]',
      /^Invalid TRACKER_MEMBER_ACCOUNTS: entry 1 repeats account 222222222222 eu-west-1/,
    ],
    [
      "the home account",
      '[{"AccountId":"111111111111","Region":"us-east-1"}]',
      /listed twice \(or is the home account\)/,
    ],
  ])("refuses %s with a one-line error", (_what, value, message) => {
    expect(() => deployedAccounts(stack(), { TRACKER_MEMBER_ACCOUNTS: value })).toThrow(message);
  });

  it("accepts members in the home account's other regions", () => {
    const accounts = deployedAccounts(stack(), {
      TRACKER_MEMBER_ACCOUNTS: '[{"AccountId":"111111111111","Region":"eu-west-1"}]',
    });

    expect(accounts.all.map((a) => `${a.accountId} ${a.region} ${a.home}`)).toEqual([
      "111111111111 us-east-1 true",
      "111111111111 eu-west-1 false",
    ]);
  });
});
