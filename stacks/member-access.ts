/**
 * What the central stacks and the member stack agree on (docs/decisions/accounts-member-stack.md):
 *
 * - the tracker functions that use member roles live under an IAM role path per app,
 *   stage and purpose (`/glue-run-tracker/<stage>/read/`), so a member role's trust can
 *   name exactly them (`aws:PrincipalArn` ArnLike `…:role/glue-run-tracker/<stage>/read/*`)
 *   without knowing CloudFormation's generated role names;
 * - the member's forwarding rule has a fixed name, so the central bus policy can allow
 *   exactly the configured members' rules (`aws:SourceArn`);
 * - each central function gets the accounts configuration in its environment, and
 *   sts:AssumeRole on the member roles of its purpose only (core's GluePurposeOf).
 */
import { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type { App } from "sst/constructs";
import type { AccountScope, RolePurpose, TrackedAccount } from "../packages/core/src/accounts/account.ts";
import { type AccountRegistry, createAccountRegistry } from "../packages/core/src/accounts/registry.ts";
import { ConfigName, type Env } from "../packages/core/src/config.ts";
import { checkConfig } from "../packages/core/src/config-schema.ts";
import { type GlueCaller, GluePurposeOf } from "../packages/core/src/glue/calls.ts";
import type { FunctionName } from "../packages/functions/src/shared/startup.ts";

/** The member stack's forwarding rule (on the member's default bus), one per account and region. */
export const FORWARD_RULE_NAME = "GlueRunTrackerForward";

/**
 * The IAM path of the central functions that assume a member role of this purpose.
 *
 * @example
 * trackerRolePath("glue-run-tracker", "prod", "read"); // "/glue-run-tracker/prod/read/"
 */
export function trackerRolePath(app: string, stage: string, purpose: RolePurpose): string {
  return `/${app}/${stage}/${purpose}/`;
}

/** The ARN of a member's forwarding rule (default bus: `rule/<name>`). */
export function forwardRuleArn(partition: string, member: AccountScope): string {
  return `arn:${partition}:events:${member.region}:${member.accountId}:rule/${FORWARD_RULE_NAME}`;
}

/**
 * The tracked accounts as the deployment configures them, checked at synth: the stack's
 * own account and region are the home account, TRACKER_MEMBER_ACCOUNTS the members.
 * A bad value throws ConfigError naming the setting (the deploy stops there).
 */
export function deployedAccounts(stack: Stack, env: Env = process.env): AccountRegistry {
  const config = checkConfig(env, {
    only: [ConfigName.TrackerMemberAccounts, ConfigName.TrackerHomeAlias, ConfigName.TrackerExternalId],
  });
  const alias = config[ConfigName.TrackerHomeAlias];
  const { account, region } = Stack.of(stack);
  return createAccountRegistry(
    { accountId: account, region, ...(alias ? { alias } : {}) },
    config[ConfigName.TrackerMemberAccounts] ?? [],
  );
}

/** The member accounts (home excluded). */
export function membersOf(accounts: AccountRegistry): TrackedAccount[] {
  return accounts.all.filter((account) => !account.home);
}

/** The purpose of a function's member role; undefined for the functions that call no Glue. */
export function purposeOf(fn: FunctionName): RolePurpose | undefined {
  return fn in GluePurposeOf ? GluePurposeOf[fn as GlueCaller] : undefined;
}

/**
 * Gives a central function what it needs to serve several accounts:
 * TRACKER_HOME_ACCOUNT (+ alias) and TRACKER_MEMBER_ACCOUNTS in its environment, and, for
 * the functions that call Glue, its role under the purpose's path, sts:AssumeRole on the
 * members' roles of that purpose (none when no member is configured) and TRACKER_EXTERNAL_ID.
 *
 * @example
 * trackAccounts(ingest, "ingest"); // read roles; commands → operate roles; alerts → env only
 */
export function trackAccounts(fn: lambda.Function, name: FunctionName, env: Env = process.env): void {
  const stack = Stack.of(fn);
  const accounts = deployedAccounts(stack, env);
  const members = membersOf(accounts);
  fn.addEnvironment(ConfigName.TrackerHomeAccount, accounts.home.accountId);
  if (accounts.home.alias) fn.addEnvironment(ConfigName.TrackerHomeAlias, accounts.home.alias);
  const memberConfig = checkConfig(env, { only: [ConfigName.TrackerMemberAccounts] })[ConfigName.TrackerMemberAccounts];
  if (memberConfig && memberConfig.length > 0) {
    fn.addEnvironment(ConfigName.TrackerMemberAccounts, JSON.stringify(memberConfig));
  }

  const purpose = purposeOf(name);
  if (!purpose) return;
  const role = fn.role;
  if (!(role instanceof iam.Role))
    throw new Error(`${fn.node.path} has no role of its own to place on the tracker path`);
  const app = fn.node.root as App;
  (role.node.defaultChild as iam.CfnRole).path = trackerRolePath(app.name, app.stage, purpose);
  if (members.length === 0) return;
  const externalId = env[ConfigName.TrackerExternalId]?.trim();
  if (externalId) fn.addEnvironment(ConfigName.TrackerExternalId, externalId);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ["sts:AssumeRole"],
      resources: members.map((member) => member.roles?.[purpose] as string),
    }),
  );
}
