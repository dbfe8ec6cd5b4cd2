/**
 * Offline synthesis of the SST app for stack tests (TOOLCHAIN.md): no AWS
 * credentials, no network. `initProject` + `new App({ mode: "deploy", … })`, the
 * real `sst.config.ts` stacks, `app.finish()` (bundles every handler with esbuild),
 * then a CDK assertions Template per stack. Each synthesized app is cached per
 * test file (a synth costs seconds and hundreds of MB).
 *
 * @example
 * const template = await templateOf(Storage);
 * template.hasResourceProperties("AWS::DynamoDB::Table", { BillingMode: "PAY_PER_REQUEST" });
 */

import { Aspects, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { App } from "sst/constructs";
import type { FunctionalStack } from "sst/constructs/FunctionalStack.js";
import config from "../../sst.config.ts";
import { OFFLINE_ACCOUNT, OFFLINE_REGION, synthesizeOffline } from "../../stacks/offline-synth.ts";
import { NagCollector, type NagFinding, nagPacks } from "./nag.ts";

export const TEST_ACCOUNT = OFFLINE_ACCOUNT;
export const TEST_REGION = OFFLINE_REGION;

/** Deploy-time settings the stack tests synthesize with (the operations stack's e-mail subscription, a price). */
export const TEST_DEPLOY_ENV = { OPS_ALERT_EMAILS: "ops@example.com", GLUE_PRICE_CURRENCY: "EUR" } as const;

export interface SynthOptions {
  /** Default "test". */
  stage?: string;
  /** Which stacks to add; default: the app's own `stacks(app)` from sst.config.ts. */
  stacks?: (app: App) => void | Promise<void>;
}

const apps = new Map<string, Promise<App>>();
const nag = new WeakMap<App, NagCollector>();

/** The synthesized app for these options (cached: same stage and stacks → same app). */
export function synthApp(options: SynthOptions = {}): Promise<App> {
  const stage = options.stage ?? "test";
  const cacheKey = `${stage}|${options.stacks ? options.stacks.toString() : "sst.config"}`;
  let app = apps.get(cacheKey);
  if (!app) {
    app = synthesize(stage, options.stacks ?? ((a) => config.stacks(a)));
    apps.set(cacheKey, app);
  }
  return app;
}

/**
 * The CloudFormation template of one stack of the synthesized app. Looked up in
 * that app (not via sst's `getStack`, which answers for the last app built).
 */
export async function templateOf(stack: FunctionalStack<unknown>, options: SynthOptions = {}): Promise<Template> {
  const app = await synthApp(options);
  const construct = app.node.tryFindChild(app.logicalPrefixedName(stack.name));
  if (!construct) throw new Error(`Stack ${stack.name} is not part of the ${app.stage} app`);
  return Template.fromStack(construct as Stack);
}

async function synthesize(stage: string, addStacks: (app: App) => void | Promise<void>): Promise<App> {
  Object.assign(process.env, TEST_DEPLOY_ENV);
  // cdk-nag's packs visit every construct when the app is synthesized (see nagFindingsOf).
  const collector = new NagCollector();
  const app = await synthesizeOffline({
    stage,
    stacks: addStacks,
    beforeFinish: (app) => {
      for (const pack of nagPacks(collector)) Aspects.of(app).add(pack);
    },
  });
  nag.set(app, collector);
  return app;
}

/**
 * The unsuppressed cdk-nag findings (AwsSolutions + ServerlessChecks) of the whole
 * synthesized app. Synthesizing runs the aspects once; later calls return the same list.
 */
export async function nagFindingsOf(options: SynthOptions = {}): Promise<NagFinding[]> {
  const app = await synthApp(options);
  app.synth();
  return (nag.get(app) as NagCollector).findings;
}
