/**
 * The member stack: deployed once per member account and region (`TRACKER_DEPLOY=member
 * npx sst deploy --stage <the central stage> --region <region>` with the member account's
 * credentials; docs/decisions/accounts-member-stack.md). It holds:
 *
 * - a rule on the member's default bus forwarding Glue's job and crawler events (the
 *   pattern of the central "forwarded-glue-state-changes" route, core's topology) to the
 *   central tracker bus, through a role that may only put events on that one bus;
 * - two roles the central tracker assumes: read (the Glue calls of ingest, the reconciler
 *   and backfill) and operate (those of the commands and the resume worker, on the
 *   command scope's workflows). Their trust: the central account, only its tracker
 *   functions of this stage and purpose (their IAM role path), and the external id when set.
 */
import { Arn, ArnFormat, Token } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import { NagSuppressions } from "cdk-nag";
import type { StackContext } from "sst/constructs";
import { memberRoleName, type RolePurpose } from "../packages/core/src/accounts/account.ts";
import { ConfigName, type Env } from "../packages/core/src/config.ts";
import { ConfigError, checkConfig } from "../packages/core/src/config-schema.ts";
import { glueCallersOf } from "../packages/core/src/glue/calls.ts";
import { ruleRoutes } from "../packages/core/src/topology.ts";
import { commandScopeFromEnv, GLUE_WORKFLOW_RESOURCE, GLUE_WORKFLOW_WILDCARD_REASON } from "./command-scope.ts";
import { glueCommandStatement, glueStatements } from "./glue-grants.ts";
import { cdkEventPattern } from "./Ingest.ts";
import { FORWARD_RULE_NAME, trackerRolePath } from "./member-access.ts";
import { ruleTargetDlq } from "./queues.ts";

/** The central route the forwarded events arrive on: the member forwards exactly what it takes. */
export const FORWARDED_ROUTE = "forwarded-glue-state-changes";

/** The member stack's deploy-time settings, checked with the one configuration schema. */
export function memberSettings(env: Env = process.env) {
  const config = checkConfig(env, {
    only: [
      ConfigName.TrackerCentralBusArn,
      ConfigName.TrackerCentralAccount,
      ConfigName.TrackerExternalId,
      ConfigName.TrackerOperatorRoleArns,
    ],
    required: [ConfigName.TrackerCentralBusArn],
  });
  const busArn = config[ConfigName.TrackerCentralBusArn] as string;
  const centralAccount =
    config[ConfigName.TrackerCentralAccount] ?? (Arn.split(busArn, ArnFormat.SLASH_RESOURCE_NAME).account as string);
  const operatorRoles = config[ConfigName.TrackerOperatorRoleArns] ?? [];
  const foreign = operatorRoles.find((arn) => arn.split(":")[4] !== centralAccount);
  if (foreign) {
    throw new ConfigError(
      ConfigName.TrackerOperatorRoleArns,
      `Invalid ${ConfigName.TrackerOperatorRoleArns}: ${foreign} is not a role of the central account ${centralAccount}`,
    );
  }
  return {
    busArn,
    busRegion: Arn.split(busArn, ArnFormat.SLASH_RESOURCE_NAME).region as string,
    centralAccount,
    operatorRoles,
    externalId: config[ConfigName.TrackerExternalId],
    commandScope: commandScopeFromEnv(env),
  };
}

export function Member({ stack, app }: StackContext) {
  const settings = memberSettings();
  if (
    !Token.isUnresolved(stack.account) &&
    stack.account === settings.centralAccount &&
    stack.region === settings.busRegion
  ) {
    throw new Error(
      `The member stack forwards Glue events from another account or region; ${stack.account} in ${stack.region} is the tracker's own (its Glue events already reach ingest)`,
    );
  }

  const route = ruleRoutes({ alertOnStopped: false }).find((r) => r.name === FORWARDED_ROUTE);
  if (!route) throw new Error(`core's topology has no "${FORWARDED_ROUTE}" route`);
  const centralBus = events.EventBus.fromEventBusArn(stack, "CentralTrackerBus", settings.busArn);
  // Events EventBridge could not put on the central bus wait here (alarmed), instead of being dropped.
  const dlq = ruleTargetDlq(stack);
  const rule = new events.Rule(stack, "ForwardGlueEvents", {
    ruleName: FORWARD_RULE_NAME,
    description: "Glue job and crawler state changes → the central Glue Run Tracker bus",
    eventPattern: cdkEventPattern(route.pattern),
    // CDK gives the target a role allowed events:PutEvents on this bus only (a cross-account
    // or cross-region bus target needs one).
    targets: [new targets.EventBus(centralBus, { deadLetterQueue: dlq })],
  });

  const roles = {} as Record<RolePurpose, iam.Role>;
  for (const purpose of ["read", "operate"] as const) {
    const functions = `arn:${stack.partition}:iam::${settings.centralAccount}:role${trackerRolePath(app.name, app.stage, purpose)}*`;
    // People's roles (TRACKER_OPERATOR_ROLE_ARNS) may read, for `npm run backfill`; never operate.
    const trusted =
      purpose === "read" && settings.operatorRoles.length > 0 ? [functions, ...settings.operatorRoles] : functions;
    const role = new iam.Role(stack, purpose === "read" ? "ReadRole" : "OperateRole", {
      roleName: memberRoleName(stack.region, purpose),
      description: `Glue Run Tracker (${app.stage}): the central tracker's ${purpose} access to Glue in this account`,
      assumedBy: new iam.AccountPrincipal(settings.centralAccount).withConditions({
        ArnLike: { "aws:PrincipalArn": trusted },
        ...(settings.externalId ? { StringEquals: { "sts:ExternalId": settings.externalId } } : {}),
      }),
    });
    const callers = glueCallersOf(purpose);
    const statements =
      purpose === "read"
        ? glueStatements(stack, callers)
        : [glueCommandStatement(stack, callers, settings.commandScope)];
    for (const statement of statements) role.addToPolicy(statement);
    roles[purpose] = role;
  }
  NagSuppressions.addResourceSuppressions(
    roles.read,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "Glue read actions on the job, trigger and workflow ARNs of this account and region (the workflows are created by users after deployment); glue:ListWorkflows has no resource type.",
        appliesTo: [
          { regex: "/^Resource::arn:<AWS::Partition>:glue:[^:]+:[0-9]+:(job|trigger|workflow)\\/\\*$/g" },
          "Resource::*",
        ],
      },
    ],
    true,
  );
  NagSuppressions.addResourceSuppressions(
    roles.operate,
    [
      {
        id: "AwsSolutions-IAM5",
        reason: GLUE_WORKFLOW_WILDCARD_REASON,
        appliesTo: [{ regex: GLUE_WORKFLOW_RESOURCE }],
      },
    ],
    true,
  );

  stack.addOutputs({
    ForwardRuleArn: rule.ruleArn,
    ReadRoleArn: roles.read.roleArn,
    OperateRoleArn: roles.operate.roleArn,
  });
  return { rule, dlq, roles };
}
