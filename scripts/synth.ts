/**
 * `npm run synth -- [--stage STAGE] [--region REGION] [--out DIR]`: writes the
 * CloudFormation template of every stack to DIR (default .synth/<stage>/), offline
 * — no AWS credentials, no network — with the same synthesis the stack tests use
 * (stacks/offline-synth.ts). Deploy-time settings (OPS_ALERT_EMAILS, DASHBOARD_ORIGIN…)
 * are read from the environment exactly as `sst deploy` reads them, and checked.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const USAGE = `Usage: npm run synth -- [--stage STAGE] [--region REGION] [--out DIR]

Writes one CloudFormation template per stack (STAGE default "dev", REGION default
us-east-1, DIR default .synth/STAGE). The account in the templates is a placeholder
(123456789012); sst deploy fills in yours.`;

const { values } = parseArgs({
  options: {
    stage: { type: "string", default: "dev" },
    region: { type: "string", default: "us-east-1" },
    out: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
// Offline synthesis (SST looks up bootstrap stacks on AWS otherwise).
process.env.NODE_ENV = "test";

const { synthesizeOffline } = await import("../stacks/offline-synth.ts");
const { default: config } = await import("../sst.config.ts");
const stage = values.stage;
const out = resolve(values.out ?? join(".synth", stage));
try {
  const app = await synthesizeOffline({ stage, region: values.region, stacks: (a) => config.stacks(a) });
  const assembly = app.synth();
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  for (const stack of assembly.stacks) {
    const file = join(out, `${stack.stackName}.template.json`);
    await writeFile(file, `${JSON.stringify(stack.template, null, 2)}\n`);
    console.log(`${stack.stackName}: ${file}`);
  }
} catch (error) {
  // A bad deploy-time setting (ConfigError, ResumeConfigError…): its one line, no stack trace.
  if (error instanceof Error && error.name.endsWith("ConfigError")) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
