/**
 * A function's Glue grant, from the one list of the calls it makes
 * (packages/core/src/glue/calls.ts): one statement per IAM resource type, the
 * resource-less calls (ListWorkflows) on "*". See docs/decisions/glue-one-client.md.
 * A member account's role serves several callers: its grant is the union of theirs
 * (docs/decisions/accounts-member-stack.md).
 */
import { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import { type GlueCaller, GlueCalls, GlueResourceOf, glueActions } from "../packages/core/src/glue/calls.ts";
import { type CommandScope, commandScopeStatement } from "./command-scope.ts";

type GlueResource = "job" | "trigger" | "workflow" | "none";

/** The IAM actions of every caller's calls on one resource type, each once. */
function actionsOf(callers: readonly GlueCaller[], resource?: GlueResource): string[] {
  return [...new Set(callers.flatMap((caller) => glueActions(caller, resource)))];
}

/**
 * Every Glue action `caller` (or each of `callers`) calls, on every resource of its type
 * in this account and region.
 *
 * @example
 * permissions: [...glueStatements(stack, "ingest"), writeTable]
 * role.addToPolicy(...glueStatements(stack, ["ingest", "reconciler", "backfill"]));
 */
export function glueStatements(scope: Construct, caller: GlueCaller | readonly GlueCaller[]): iam.PolicyStatement[] {
  const callers = [caller].flat();
  const statements: iam.PolicyStatement[] = [];
  for (const resource of ["job", "trigger", "workflow"] as const) {
    const actions = actionsOf(callers, resource);
    const arn = Stack.of(scope).formatArn({ service: "glue", resource, resourceName: "*" });
    if (actions.length > 0) statements.push(new iam.PolicyStatement({ actions, resources: [arn] }));
  }
  const unscoped = actionsOf(callers, "none");
  if (unscoped.length > 0) statements.push(new iam.PolicyStatement({ actions: unscoped, resources: ["*"] }));
  return statements;
}

/**
 * The grant of a caller that changes runs (commands, the resume worker), or of several:
 * their calls, on the workflows of the deployment's command scope. Only workflow calls fit there.
 */
export function glueCommandStatement(
  stack: Stack,
  caller: GlueCaller | readonly GlueCaller[],
  commandScope: CommandScope,
) {
  const callers = [caller].flat();
  const outside = callers.flatMap((c) => GlueCalls[c].filter((op) => GlueResourceOf[op] !== "workflow"));
  if (outside.length > 0)
    throw new Error(`${callers.join(", ")} call ${outside.join(", ")}, outside the command scope`);
  return commandScopeStatement(stack, actionsOf(callers), commandScope);
}
