/**
 * Runs are costed where they are stored (docs/decisions/insights-cost-and-settings.md): the Glue
 * prices set at deploy time must reach ingest, the reconciler and the commands (which record runs).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Api } from "../../stacks/Api.ts";
import { Ingest } from "../../stacks/Ingest.ts";
import { TEST_DEPLOY_ENV, templateOf } from "../support/synth.ts";

const STORING = [
  "packages/functions/src/ingest/handler.handler",
  "packages/functions/src/reconciler/handler.handler",
  "packages/functions/src/api/commands.handler",
];

type LambdaResource = { Properties: { Handler?: string; Environment?: { Variables?: Record<string, unknown> } } };

let functions: LambdaResource[];

beforeAll(async () => {
  const templates = [await templateOf(Ingest), await templateOf(Api)];
  functions = templates.flatMap(
    (template) => Object.values(template.findResources("AWS::Lambda::Function")) as LambdaResource[],
  );
}, 600_000);

describe("the Glue price settings", () => {
  it.each(STORING)("reach %s when set at deploy time", (handler) => {
    const deployed = functions.filter((fn) => fn.Properties.Handler === handler);
    expect(deployed.length).toBeGreaterThan(0);
    for (const fn of deployed) {
      expect(fn.Properties.Environment?.Variables?.GLUE_PRICE_CURRENCY).toBe(TEST_DEPLOY_ENV.GLUE_PRICE_CURRENCY);
    }
  });
});
