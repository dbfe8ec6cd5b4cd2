import type { SSTConfig } from "sst";
import { ConfigName } from "./packages/core/src/config.ts";
import { checkConfig } from "./packages/core/src/config-schema.ts";
import { Alerts } from "./stacks/Alerts.ts";
import { Api } from "./stacks/Api.ts";
import { functionBundling } from "./stacks/bundling.ts";
import { Dashboard } from "./stacks/Dashboard.ts";
import { applyGuardrails } from "./stacks/guardrails.ts";
import { Ingest } from "./stacks/Ingest.ts";
import { Member } from "./stacks/Member.ts";
import { Operations, OperationsDashboard } from "./stacks/Operations.ts";
import { Storage } from "./stacks/Storage.ts";

export default {
  config(input) {
    return { name: "glue-run-tracker", region: input.region ?? "us-east-1" };
  },
  async stacks(app) {
    applyGuardrails(app); // log retention + shared cdk-nag suppressions on every function (stacks/guardrails.ts)
    // TRACKER_DEPLOY=member: only a member account's stack (docs/decisions/accounts-member-stack.md).
    if (checkConfig(process.env, { only: [ConfigName.TrackerDeploy] })[ConfigName.TrackerDeploy] === "member") {
      app.stack(Member);
      return;
    }
    app.setDefaultFunctionProps({ runtime: "nodejs22.x", nodejs: functionBundling });
    // Operations first (its topic is every alarm's action), its dashboard last (it reads the other stacks).
    app.stack(Storage).stack(Operations).stack(Ingest).stack(Api).stack(Alerts);
    // Async: it builds the dashboard's files.
    await app.stack(Dashboard);
    app.stack(OperationsDashboard);
  },
} satisfies SSTConfig;
