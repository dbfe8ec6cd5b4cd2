import type { SSTConfig } from "sst";
import { Alerts } from "./stacks/Alerts.ts";
import { Api } from "./stacks/Api.ts";
import { functionBundling } from "./stacks/bundling.ts";
import { applyGuardrails } from "./stacks/guardrails.ts";
import { Ingest } from "./stacks/Ingest.ts";
import { Storage } from "./stacks/Storage.ts";

export default {
  config(input) {
    return { name: "glue-run-tracker", region: input.region ?? "us-east-1" };
  },
  stacks(app) {
    applyGuardrails(app); // log retention + shared cdk-nag suppressions on every function (stacks/guardrails.ts)
    app.setDefaultFunctionProps({ runtime: "nodejs22.x", nodejs: functionBundling });
    app.stack(Storage).stack(Ingest).stack(Api).stack(Alerts);
  },
} satisfies SSTConfig;
