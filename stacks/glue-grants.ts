/**
 * A function's Glue grant, from the one list of the calls it makes
 * (packages/core/src/glue/calls.ts): one statement per IAM resource type, the
 * resource-less calls (ListWorkflows) on "*". See docs/decisions/glue-one-client.md.
 */
import { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import { type GlueCaller, GlueCalls, GlueResourceOf, glueActions } from "../packages/core/src/glue/calls.ts";
import { type CommandScope, commandScopeStatement } from "./command-scope.ts";

/**
 * Every Glue action `caller` calls, on every resource of its type in this account and region.
 *
 * @example
 * permissions: [...glueStatements(stack, "ingest"), writeTable]
 */
export function glueStatements(scope: Construct, caller: GlueCaller): iam.PolicyStatement[] {
  const statements: iam.PolicyStatement[] = [];
  for (const resource of ["job", "trigger", "workflow"] as const) {
    const actions = glueActions(caller, resource);
    const arn = Stack.of(scope).formatArn({ service: "glue", resource, resourceName: "*" });
    if (actions.length > 0) statements.push(new iam.PolicyStatement({ actions, resources: [arn] }));
  }
  const unscoped = glueActions(caller, "none");
  if (unscoped.length > 0) statements.push(new iam.PolicyStatement({ actions: unscoped, resources: ["*"] }));
  return statements;
}

/**
 * The grant of a caller that changes runs (commands, the resume worker): its calls,
 * on the workflows of the deployment's command scope. Only workflow calls fit there.
 */
export function glueCommandStatement(stack: Stack, caller: GlueCaller, commandScope: CommandScope) {
  const outside = GlueCalls[caller].filter((op) => GlueResourceOf[op] !== "workflow");
  if (outside.length > 0) throw new Error(`${caller} calls ${outside.join(", ")}, outside the command scope`);
  return commandScopeStatement(stack, glueActions(caller), commandScope);
}
