/**
 * The tracker bus's resource policy: only the tracker's own function roles may put
 * events on it. Identity policies alone would let any principal of the account with
 * events:PutEvents forge a "failed run" event; the explicit Deny for every other
 * principal closes that (the functions also re-read the store, see
 * docs/decisions/security-resume-reads-store.md).
 *
 * Member accounts (TRACKER_MEMBER_ACCOUNTS) forward their Glue events here: exactly their
 * forwarding rules (`aws:SourceArn`, set by EventBridge, never by a caller) are exempt
 * from the Deny, and a second statement allows those accounts' puts from those rules
 * only (docs/decisions/accounts-member-stack.md). Without members, nothing else changes.
 */
import { Stack } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import type { AccountScope } from "../packages/core/src/accounts/account.ts";
import { forwardRuleArn } from "./member-access.ts";

/** Statement id of the Deny (also the name the synth test looks for). */
export const TRACKER_BUS_STATEMENT_ID = "OnlyTrackerFunctionsPutEvents";

/** Statement id of the Allow for the member accounts' forwarding rules. */
export const MEMBER_FORWARDING_STATEMENT_ID = "MemberAccountsForwardGlueEvents";

/**
 * @example
 * restrictBusPublishers(stack, bus.cdk.eventBus, [ingest, reconciler.jobFunction, commands, worker]);
 */
export function restrictBusPublishers(
  scope: Construct,
  bus: events.IEventBus,
  publishers: readonly lambda.IFunction[],
  members: readonly AccountScope[] = [],
): events.CfnEventBusPolicy[] {
  const roleArns = publishers.map((fn) => {
    if (!fn.role) throw new Error(`Function ${fn.node.path} has no role to allow on the tracker bus`);
    return fn.role.roleArn;
  });
  const partition = Stack.of(scope).partition;
  const forwardingRules = members.map((member) => forwardRuleArn(partition, member));
  // The L1 resource: the L2 EventBusPolicy passes the PolicyStatement object through unrendered.
  const deny = new events.CfnEventBusPolicy(scope, "TrackerBusPolicy", {
    eventBusName: bus.eventBusName,
    statementId: TRACKER_BUS_STATEMENT_ID,
    statement: new iam.PolicyStatement({
      sid: TRACKER_BUS_STATEMENT_ID,
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ["events:PutEvents"],
      resources: [bus.eventBusArn],
      // Both must hold to deny: not a tracker function, and not a member's forwarding rule.
      conditions: {
        ArnNotEquals: {
          "aws:PrincipalArn": roleArns,
          ...(forwardingRules.length > 0 ? { "aws:SourceArn": forwardingRules } : {}),
        },
      },
    }).toJSON(),
  });
  if (members.length === 0) return [deny];
  const accounts = [...new Set(members.map((member) => member.accountId))];
  const allow = new events.CfnEventBusPolicy(scope, "MemberForwardingPolicy", {
    eventBusName: bus.eventBusName,
    statementId: MEMBER_FORWARDING_STATEMENT_ID,
    statement: new iam.PolicyStatement({
      sid: MEMBER_FORWARDING_STATEMENT_ID,
      effect: iam.Effect.ALLOW,
      principals: accounts.map((account) => new iam.AccountPrincipal(account)),
      actions: ["events:PutEvents"],
      resources: [bus.eventBusArn],
      conditions: { ArnEquals: { "aws:SourceArn": forwardingRules } },
    }).toJSON(),
  });
  // One bus policy: its statements are written one after the other, not concurrently.
  allow.addDependency(deny);
  return [deny, allow];
}
