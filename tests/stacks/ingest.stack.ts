/**
 * The Ingest stack, synthesized offline from the real sst.config.ts: the rule's
 * pattern, queue + DLQ wiring, the event source mapping, the alarm, the reconciler
 * schedule, and least-privilege IAM for both functions.
 */
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { glueStateChangePattern } from "../../packages/core/src/events/patterns.ts";
import { Ingest, IngestSettings } from "../../stacks/Ingest.ts";
import { templateOf } from "../support/synth.ts";

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let template: Template;
let resources: Resources;

// A synth bundles every handler of the app: seconds alone, minutes on a loaded 2-core machine.
beforeAll(async () => {
  template = await templateOf(Ingest);
  resources = template.toJSON().Resources as Resources;
}, 300_000);

function logicalIdOf(type: string, predicate: (properties: Record<string, unknown>, id: string) => boolean): string {
  const found = Object.entries(resources).filter(([id, r]) => r.Type === type && predicate(r.Properties ?? {}, id));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return (found[0] as [string, unknown])[0];
}

const queueId = () => logicalIdOf("AWS::SQS::Queue", (p) => (p.RedrivePolicy as object | undefined) !== undefined);
/** The ingest queue's DLQ (the stack's other DLQ is the rule targets' one). */
const dlqId = () =>
  logicalIdOf(
    "AWS::SQS::Queue",
    (p, id) => p.MessageRetentionPeriod === 14 * 86_400 && !id.startsWith("RuleTargetDlq"),
  );

function functionWithEnv(name: string): string {
  return logicalIdOf("AWS::Lambda::Function", (p) => {
    const variables = (p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    return name in variables;
  });
}

/** Every statement of every policy attached to the function's role. */
function statementsOf(functionId: string): Statement[] {
  const fn = resources[functionId];
  if (!fn) throw new Error(`no resource ${functionId}`);
  const role = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  return Object.values(resources)
    .filter((r) => r.Type === "AWS::IAM::Policy")
    .filter((r) => (r.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actionsOf = (statement: Statement) => [statement.Action].flat();

/** SST turns on X-Ray tracing; its two write actions have no resource type, so "*" is their only form. */
const isTracing = (statement: Statement) => actionsOf(statement).every((action) => action.startsWith("xray:"));

describe("Ingest stack", () => {
  it("routes Glue's state-change events from the default bus to the ingest queue with core's pattern", () => {
    // Prepare
    const rules = Object.values(resources).filter((r) => r.Type === "AWS::Events::Rule" && r.Properties.EventPattern);

    // Act
    const rule = rules.find(
      (r) => JSON.stringify(r.Properties.EventPattern).includes("aws.glue") && !r.Properties.EventBusName,
    );

    // Assess
    expect(rule?.Properties.EventPattern).toEqual(glueStateChangePattern);
    expect(rule?.Properties.EventBusName).toBeUndefined();
    expect(rule?.Properties.Targets).toEqual([expect.objectContaining({ Arn: { "Fn::GetAtt": [queueId(), "Arn"] } })]);
    const queuePolicy = Object.values(resources).find(
      (r) =>
        r.Type === "AWS::SQS::QueuePolicy" &&
        JSON.stringify(r.Properties.Queues) === JSON.stringify([{ Ref: queueId() }]),
    )?.Properties;
    expect((queuePolicy?.PolicyDocument as { Statement: unknown[] } | undefined)?.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Resource: { "Fn::GetAtt": [queueId(), "Arn"] },
        }),
      ]),
    );
  });

  it("gives the queue a DLQ, with an alarm on its depth", () => {
    // Prepare, Act
    const queue = resources[queueId()]?.Properties;

    // Assess
    expect(queue?.RedrivePolicy).toEqual({
      deadLetterTargetArn: { "Fn::GetAtt": [dlqId(), "Arn"] },
      maxReceiveCount: IngestSettings.maxReceiveCount,
    });
    expect(queue?.VisibilityTimeout).toBe(IngestSettings.visibilityTimeoutSeconds);
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "ApproximateNumberOfMessagesVisible",
      Namespace: "AWS/SQS",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [dlqId(), "QueueName"] } }],
      Threshold: 1,
    });
  });

  it("consumes the queue with partial batch responses and capped concurrency", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      EventSourceArn: { "Fn::GetAtt": [queueId(), "Arn"] },
      FunctionName: { Ref: functionWithEnv("INGEST_QUEUE_URL") },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      BatchSize: IngestSettings.batchSize,
      ScalingConfig: { MaximumConcurrency: IngestSettings.maxConcurrency },
    });
  });

  it("creates the tracker bus and runs the reconciler on a schedule, one at a time", () => {
    template.resourceCountIs("AWS::Events::EventBus", 1);
    template.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: IngestSettings.reconcileSchedule });
    const reconciler = logicalIdOf(
      "AWS::Lambda::Function",
      (p) => p.ReservedConcurrentExecutions === 1 && JSON.stringify(p.Environment ?? {}).includes("TRACKER_BUS_NAME"),
    );
    expect(reconciler).toBeDefined();
  });

  it("lets the ingest function call only the Glue reads it uses, on Glue ARNs, and no wildcard resources", () => {
    // Prepare
    const statements = statementsOf(functionWithEnv("INGEST_QUEUE_URL")).filter((s) => !isTracing(s));

    // Act
    const glueActions = statements.flatMap(actionsOf).filter((action) => action.startsWith("glue:"));

    // Assess
    expect(glueActions.sort()).toEqual([
      "glue:GetJobRun",
      "glue:GetTrigger",
      "glue:GetWorkflowRun",
      "glue:GetWorkflowRuns",
    ]);
    for (const statement of statements) {
      expect(actionsOf(statement).some((action) => action.endsWith(":*") || action === "*")).toBe(false);
      expect(statement.Resource).not.toBe("*");
      expect([statement.Resource].flat()).not.toContain("*");
    }
    const tableStatement = statements.find((s) => actionsOf(s).includes("dynamodb:UpdateItem"));
    expect(JSON.stringify(tableStatement?.Resource)).toContain("Runs");
    const busStatement = statements.find((s) => actionsOf(s).includes("events:PutEvents"));
    expect(JSON.stringify(busStatement?.Resource)).toContain("TrackerBus");
    expect(statements.find((s) => actionsOf(s).includes("sqs:SendMessage"))?.Resource).toEqual({
      "Fn::GetAtt": [queueId(), "Arn"],
    });
  });

  it("gives the reconciler ListWorkflows on * (no resource type in IAM) and nothing else unscoped", () => {
    // Prepare
    const reconciler = logicalIdOf("AWS::Lambda::Function", (p) => p.ReservedConcurrentExecutions === 1);

    // Act
    const unscoped = statementsOf(reconciler)
      .filter((s) => !isTracing(s))
      .filter((s) => [s.Resource].flat().includes("*"));

    // Assess
    expect(unscoped.flatMap(actionsOf)).toEqual(["glue:ListWorkflows"]);
    expect(statementsOf(reconciler).flatMap(actionsOf)).not.toContain("glue:*");
  });
  it("lets ingest send poison records to its own DLQ (URL in DEAD_LETTER_QUEUE_URL) and back off on its own queue", () => {
    // Prepare
    const ingest = functionWithEnv("INGEST_QUEUE_URL");
    const statements = statementsOf(ingest);
    const on = (action: string) =>
      statements.filter((s) => actionsOf(s).includes(action)).map((s) => JSON.stringify(s.Resource));

    // Act
    const environment = resources[ingest]?.Properties.Environment as
      | { Variables?: Record<string, unknown> }
      | undefined;
    const variables = environment?.Variables ?? {};

    // Assess
    expect(variables.DEAD_LETTER_QUEUE_URL).toEqual({ Ref: dlqId() });
    expect(on("sqs:SendMessage").sort()).toEqual(
      [{ "Fn::GetAtt": [queueId(), "Arn"] }, { "Fn::GetAtt": [dlqId(), "Arn"] }].map((r) => JSON.stringify(r)).sort(),
    );
    expect(on("sqs:ChangeMessageVisibility")).toEqual([JSON.stringify({ "Fn::GetAtt": [queueId(), "Arn"] })]);
  });
});
