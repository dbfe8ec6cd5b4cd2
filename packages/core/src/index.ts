export * as Alerts from "./alerts/index.ts";
export * from "./aws-clients.ts";
// Also at the top level: HTTP error mapping needs these, and reaching them through the
// Commands namespace would pull every command (and the Glue client) into the read bundle.
export { GLUE_UNREACHABLE_CODE, GlueCallError } from "./commands/errors.ts";
export * as Commands from "./commands/index.ts";
export * from "./config.ts";
export * from "./errors.ts";
export * as Events from "./events/index.ts";
export * as Glue from "./glue/index.ts";
export * as History from "./history/index.ts";
export * as Ingest from "./ingest/index.ts";
export * as Resume from "./resume/index.ts";
export * as Store from "./store/index.ts";
export type * from "./store/run-store.ts";
export * as Topology from "./topology.ts";
export * as Runs from "./workflow-run/index.ts";
export * from "./workflow-run/types.ts";
