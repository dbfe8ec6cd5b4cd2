/**
 * The tracker bus's resource policy: only the tracker's own function roles may put
 * events on it. Identity policies alone would let any principal of the account with
 * events:PutEvents forge a "failed run" event; the explicit Deny for every other
 * principal closes that (the functions also re-read the store, see
 * docs/decisions/security-resume-reads-store.md).
 */
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";

/** Statement id of the Deny (also the name the synth test looks for). */
export const TRACKER_BUS_STATEMENT_ID = "OnlyTrackerFunctionsPutEvents";

/**
 * @example
 * restrictBusPublishers(stack, bus.cdk.eventBus, [ingest, reconciler.jobFunction, commands, worker]);
 */
export function restrictBusPublishers(
  scope: Construct,
  bus: events.IEventBus,
  publishers: readonly lambda.IFunction[],
): events.CfnEventBusPolicy {
  const roleArns = publishers.map((fn) => {
    if (!fn.role) throw new Error(`Function ${fn.node.path} has no role to allow on the tracker bus`);
    return fn.role.roleArn;
  });
  // The L1 resource: the L2 EventBusPolicy passes the PolicyStatement object through unrendered.
  return new events.CfnEventBusPolicy(scope, "TrackerBusPolicy", {
    eventBusName: bus.eventBusName,
    statementId: TRACKER_BUS_STATEMENT_ID,
    statement: new iam.PolicyStatement({
      sid: TRACKER_BUS_STATEMENT_ID,
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ["events:PutEvents"],
      resources: [bus.eventBusArn],
      conditions: { ArnNotEquals: { "aws:PrincipalArn": roleArns } },
    }).toJSON(),
  });
}
