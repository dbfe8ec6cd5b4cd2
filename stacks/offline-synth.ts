/**
 * Offline synthesis of the SST app, shared by the stack tests and `npm run synth`
 * (docs/decisions/operability-offline-synth.md): no AWS credentials, no network.
 * `initProject` + `new App({ mode: "deploy", … })`, the stacks, then `app.finish()`
 * (bundles every handler with esbuild). NODE_ENV must be "test", or finish() looks
 * up bootstrap stacks on AWS and hangs.
 */
import { App } from "sst/constructs";
import { initProject } from "sst/project.js";

export const OFFLINE_ACCOUNT = "123456789012";
export const OFFLINE_REGION = "us-east-1";

export interface OfflineSynthOptions {
  stage: string;
  stacks: (app: App) => void | Promise<void>;
  region?: string;
  account?: string;
  /** Called after the stacks are added, before finish() (e.g. cdk-nag aspects in the tests). */
  beforeFinish?: (app: App) => void | Promise<void>;
}

let project: Promise<void> | undefined;

/**
 * @example
 * const app = await synthesizeOffline({ stage: "prod", stacks: (a) => config.stacks(a) });
 * app.synth().stacks.map((s) => s.templateFile);
 */
export async function synthesizeOffline(options: OfflineSynthOptions): Promise<App> {
  if (process.env.NODE_ENV !== "test") {
    throw new Error("Offline synthesis needs NODE_ENV=test (vitest and npm run synth set it)");
  }
  const region = options.region ?? OFFLINE_REGION;
  project ??= initProject({ stage: options.stage, region });
  await project;
  const app = new App({
    mode: "deploy",
    stage: options.stage,
    name: "glue-run-tracker",
    region,
    account: options.account ?? OFFLINE_ACCOUNT,
  });
  await options.stacks(app);
  await options.beforeFinish?.(app);
  await app.finish();
  return app;
}
