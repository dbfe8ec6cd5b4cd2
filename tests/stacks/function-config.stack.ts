/**
 * Each function checks at init that the settings it needs are set (functions/src/shared/startup.ts);
 * the stacks must set exactly those in its environment, or the deployed function never starts.
 * (The read function once required PAGINATION_SECRET while its stack passes only the secret's ARN.)
 */
import { beforeAll, describe, expect, it } from "vitest";
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

type LambdaResource = { Properties: { Handler?: string; Environment?: { Variables?: Record<string, unknown> } } };

let functions: LambdaResource[];

beforeAll(async () => {
  const templates = [await templateOf(Ingest), await templateOf(Api), await templateOf(Alerts)];
  functions = templates.flatMap(
    (template) => Object.values(template.findResources("AWS::Lambda::Function")) as LambdaResource[],
  );
}, 600_000);

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
