export * as Accounts from "./accounts/index.ts";
export * as Alerts from "./alerts/index.ts";
export * from "./aws-clients.ts";
// Functions that must stay small import entry points by subpath instead
// (`@glue-run-tracker/core/commands`, `/ingest`, `/insights`): a namespace object bundles all of it.
export * as Commands from "./commands/index.ts";
export * from "./config.ts";
export * from "./config-schema.ts";
export * from "./errors.ts";
export * as Events from "./events/index.ts";
export * as Glue from "./glue/index.ts";
export * as History from "./history/index.ts";
export * as Ingest from "./ingest/index.ts";
export * as Digest from "./insights/digest/index.ts";
export * as Insights from "./insights/index.ts";
export * as Stats from "./insights/stats/index.ts";
export * from "./metrics.ts";
export * as Resume from "./resume/index.ts";
export * as Store from "./store/index.ts";
export type * from "./store/run-store.ts";
export * as Topology from "./topology.ts";
export * as Runs from "./workflow-run/index.ts";
export * from "./workflow-run/types.ts";
