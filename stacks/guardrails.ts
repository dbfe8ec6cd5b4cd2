/**
 * What every Lambda function of the app gets, in one place (an aspect on the app,
 * added in sst.config.ts, so functions of any stack are covered):
 *
 * - its own log group with a retention (LOG_RETENTION), used through Lambda's
 *   logging config, so no log is kept for ever;
 * - the cdk-nag suppressions that hold for every function, each with its reason
 *   (docs/decisions/security-cdk-nag.md). Suppressions specific to one resource
 *   are written next to it in its stack.
 *
 * It runs at MUTATING priority, before cdk-nag's packs (default priority) read the tree.
 */
import { AspectPriority, Aspects, type IAspect, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";

/** How long function logs are kept. */
export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/** cdk-nag's finding id for `<tracker table ARN>/index/*` (the table is Storage's "Runs"). */
const TABLE_INDEXES = "/^Resource::<RunsTable[0-9A-F]*\\.Arn>\\/index\\/\\*$/g";

const BASIC_EXECUTION_ROLE = "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

/** Every function: runtime, DLQ, managed logging policy, X-Ray's unscoped actions. */
const FUNCTION_SUPPRESSIONS = [
  {
    id: "AwsSolutions-L1",
    reason: "nodejs22.x is pinned on purpose: the code is built and tested on Node 22 (package.json engines, .nvmrc).",
  },
  {
    id: "Serverless-LambdaLatestVersion",
    reason: "nodejs22.x is pinned on purpose: the code is built and tested on Node 22 (package.json engines, .nvmrc).",
  },
  {
    id: "Serverless-LambdaDLQ",
    reason:
      "No function is invoked asynchronously with work to lose: SQS consumers dead-letter through their queue's DLQ, the API functions are synchronous, the reconciler's failed sweep is repeated by the next schedule.",
  },
] as const;

/** SST's own deploy-time function (stack metadata, secrets binding): not ours to change. */
const FRAMEWORK_SUPPRESSIONS = [
  {
    id: "Serverless-LambdaTracing",
    reason: "SST's deploy-time custom resource handler; it runs only during deployments.",
  },
] as const;

export class FunctionGuardrails implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof lambda.Function) this.guard(node);
    if (node instanceof lambda.EventSourceMapping && node.node.id.startsWith("SqsEventSource:")) {
      NagSuppressions.addResourceSuppressions(node, [
        {
          id: "Serverless-LambdaEventSourceMappingDestination",
          reason:
            "SQS event sources take no on-failure destination: a message that fails every receive moves to its queue's DLQ.",
        },
      ]);
    }
  }

  private guard(fn: lambda.Function): void {
    const cfn = fn.node.defaultChild as lambda.CfnFunction;
    if (!fn.node.tryFindChild("RetainedLogs")) {
      const group = new logs.LogGroup(fn, "RetainedLogs", {
        retention: LOG_RETENTION,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      cfn.loggingConfig = { ...(cfn.loggingConfig as object), logGroup: group.logGroupName };
    }
    NagSuppressions.addResourceSuppressions(fn, [...FUNCTION_SUPPRESSIONS]);
    if (fn.node.id === "CustomResourceHandler")
      NagSuppressions.addResourceSuppressions(fn, [...FRAMEWORK_SUPPRESSIONS]);
    if (fn.role instanceof iam.Role) {
      NagSuppressions.addResourceSuppressions(
        fn.role,
        [
          {
            id: "AwsSolutions-IAM4",
            reason: "AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs.",
            appliesTo: [BASIC_EXECUTION_ROLE],
          },
        ],
        false,
      );
      this.suppressTracingWildcard(fn.role);
      this.suppressTableIndexes(fn.role);
    }
  }

  /** The tracker table's GSIs are queried: their ARNs are `<table ARN>/index/<name>`, this table only. */
  private suppressTableIndexes(role: iam.Role): void {
    const policy = role.node.tryFindChild("DefaultPolicy");
    if (!policy) return;
    NagSuppressions.addResourceSuppressions(policy, [
      {
        id: "AwsSolutions-IAM5",
        reason: "Queries on the tracker table's global secondary indexes: the index ARNs of this one table.",
        appliesTo: [{ regex: TABLE_INDEXES }],
      },
    ]);
  }

  /** X-Ray's PutTraceSegments/PutTelemetryRecords have no resource type: "*" is the only form IAM takes. */
  private suppressTracingWildcard(role: iam.Role): void {
    const policy = role.node.tryFindChild("DefaultPolicy") as iam.Policy | undefined;
    if (!policy) return;
    const statements = Stack.of(role).resolve(policy.document.toJSON())?.Statement ?? [];
    const unscoped = statements.filter((s: { Resource: unknown }) => s.Resource === "*");
    const onlyTracing = unscoped.every((s: { Action: string | string[] }) =>
      [s.Action].flat().every((action) => action.startsWith("xray:")),
    );
    // A "*" that is not X-Ray's must be suppressed next to its function, with its own reason.
    if (unscoped.length === 0 || !onlyTracing) return;
    NagSuppressions.addResourceSuppressions(policy, [
      { id: "AwsSolutions-IAM5", reason: "X-Ray tracing actions have no resource type.", appliesTo: ["Resource::*"] },
    ]);
  }
}

/**
 * @example
 * stacks(app) { applyGuardrails(app); app.stack(Storage)… }
 */
export function applyGuardrails(scope: IConstruct): void {
  Aspects.of(scope).add(new FunctionGuardrails(), { priority: AspectPriority.MUTATING });
}
