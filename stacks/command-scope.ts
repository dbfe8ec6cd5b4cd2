/**
 * Which Glue workflows the roles that change runs (the commands function, the
 * resume worker) may act on. By default every workflow of the account and region;
 * a deployment narrows it with a name prefix (IAM resource `workflow/<prefix>*`)
 * and/or a tag the workflows must carry (`aws:ResourceTag/<key>` condition), both
 * read at deploy time. See docs/decisions/security-command-scope.md.
 */
import { Stack as CdkStack, type Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { ConfigName, type Env } from "../packages/core/src/config.ts";

export interface CommandScope {
  /** Workflow name prefix; undefined = any workflow. */
  prefix?: string;
  /** Tag every workflow acted on must carry. */
  tag?: { key: string; value: string };
}

/** cdk-nag's finding id for a Glue workflow ARN ending in a wildcard (`workflow/*` or `workflow/<prefix>*`). */
export const GLUE_WORKFLOW_RESOURCE = "/^Resource::arn:<AWS::Partition>:glue:[^:]+:[0-9]+:workflow\\/[^*]*\\*$/g";

export const GLUE_WORKFLOW_WILDCARD_REASON =
  "Glue workflow ARNs of this account and region: the workflows are created by users after deployment. " +
  "COMMAND_WORKFLOW_PREFIX / COMMAND_RESOURCE_TAG narrow the roles that change runs.";

const PREFIX = /^[A-Za-z0-9_.-]{1,200}$/;
const TAG_PART = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/**
 * Reads the scope from the deploying environment; throws on a malformed setting,
 * so a typo fails the deployment rather than widening or emptying the scope.
 *
 * @example
 * commandScopeFromEnv({ COMMAND_WORKFLOW_PREFIX: "etl-", COMMAND_RESOURCE_TAG: "tracker=managed" });
 * // { prefix: "etl-", tag: { key: "tracker", value: "managed" } }
 */
export function commandScopeFromEnv(env: Env): CommandScope {
  const scope: CommandScope = {};
  const prefix = env[ConfigName.CommandWorkflowPrefix];
  if (prefix) {
    if (!PREFIX.test(prefix)) {
      throw new Error(
        `${ConfigName.CommandWorkflowPrefix} must be 1–200 letters, digits, "_", "." or "-" (no wildcards); got "${prefix}"`,
      );
    }
    scope.prefix = prefix;
  }
  const tag = env[ConfigName.CommandResourceTag];
  if (tag) {
    const at = tag.indexOf("=");
    const key = tag.slice(0, at);
    const value = tag.slice(at + 1);
    if (at <= 0 || !TAG_PART.test(key) || !TAG_PART.test(value)) {
      throw new Error(`${ConfigName.CommandResourceTag} must be key=value (a Glue tag); got "${tag}"`);
    }
    scope.tag = { key, value };
  }
  return scope;
}

/**
 * The statement allowing `actions` on the workflows in scope.
 *
 * @example
 * new iam.PolicyStatement(...) // → commandScopeStatement(stack, ["glue:ResumeWorkflowRun"], commandScopeFromEnv(process.env))
 */
export function commandScopeStatement(
  stack: Stack,
  actions: readonly string[],
  scope: CommandScope,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: [...actions],
    resources: [
      CdkStack.of(stack).formatArn({ service: "glue", resource: "workflow", resourceName: `${scope.prefix ?? ""}*` }),
    ],
    ...(scope.tag ? { conditions: { StringEquals: { [`aws:ResourceTag/${scope.tag.key}`]: scope.tag.value } } } : {}),
  });
}
