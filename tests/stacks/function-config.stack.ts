/**
 * Each function checks at init that the settings it needs are set (functions/src/shared/startup.ts);
 * the stacks must set exactly those in its environment, or the deployed function never starts.
 * (The read function once required PAGINATION_SECRET while its stack passes only the secret's ARN.)
 */
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { type GlueCaller, GlueCalls, glueActions } from "../../packages/core/src/glue/calls.ts";
import { FunctionConfig, type FunctionName } from "../../packages/functions/src/shared/startup.ts";
import { Alerts } from "../../stacks/Alerts.ts";
import { Api } from "../../stacks/Api.ts";
import { Ingest } from "../../stacks/Ingest.ts";
import { templateOf } from "../support/synth.ts";

/** The handler each FunctionConfig entry guards, as the stacks name it. */
const HANDLERS: Record<FunctionName, string> = {
  ingest: "packages/functions/src/ingest/handler.handler",
  reconciler: "packages/functions/src/reconciler/handler.handler",
  alerts: "packages/functions/src/alerts/handler.handler",
  resume: "packages/functions/src/resume/handler.handler",
  resumeWorker: "packages/functions/src/resume/worker.handler",
  read: "packages/functions/src/api/read.handler",
  commands: "packages/functions/src/api/commands.handler",
  digest: "packages/functions/src/digest/handler.handler",
};

type LambdaResource = {
  Properties: {
    Handler?: string;
    Environment?: { Variables?: Record<string, unknown> };
    Role?: { "Fn::GetAtt": [string, string] };
  };
};
type PolicyResource = {
  Properties: { Roles: unknown; PolicyDocument: { Statement: { Action: string | string[] }[] } };
};

let functions: LambdaResource[];
let templates: Template[];

beforeAll(async () => {
  templates = [await templateOf(Ingest), await templateOf(Api), await templateOf(Alerts)];
  functions = templates.flatMap(
    (template) => Object.values(template.findResources("AWS::Lambda::Function")) as LambdaResource[],
  );
}, 600_000);

/** The glue:* actions granted to the role of the function deployed with this handler. */
function glueActionsGranted(handler: string): string[] {
  const fn = functions.find((f) => f.Properties.Handler === handler);
  const role = fn?.Properties.Role?.["Fn::GetAtt"][0];
  if (!role) throw new Error(`no role for ${handler}`);
  const policies = templates.flatMap(
    (template) => Object.values(template.findResources("AWS::IAM::Policy")) as PolicyResource[],
  );
  return policies
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
    .flatMap((statement) => [statement.Action].flat())
    .filter((action) => action.startsWith("glue:"));
}

describe("each function's stack environment", () => {
  it.each(Object.keys(FunctionConfig) as FunctionName[])("sets every setting %s requires at init", (name) => {
    // Arrange
    const handler = HANDLERS[name];

    // Act
    const deployed = functions.filter((fn) => fn.Properties.Handler === handler);

    // Assess
    expect(deployed.length, `no function deployed for ${handler}`).toBeGreaterThan(0);
    for (const fn of deployed) {
      const variables = Object.keys(fn.Properties.Environment?.Variables ?? {});
      expect(variables).toEqual(expect.arrayContaining([...FunctionConfig[name].required]));
    }
  });
});

describe("each function's Glue grant", () => {
  it.each(Object.keys(FunctionConfig) as FunctionName[])(
    "grants %s exactly the Glue calls core lists for it (GlueCalls), nothing more",
    (name) => {
      // Arrange
      const listed = name in GlueCalls ? glueActions(name as GlueCaller) : [];

      // Act
      const granted = glueActionsGranted(HANDLERS[name]);

      // Assess
      expect([...granted].sort()).toEqual([...listed].sort());
    },
  );
});
