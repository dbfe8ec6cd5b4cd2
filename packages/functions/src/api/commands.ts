/**
 * Lambda entry point: start, stop, resume and run properties. IAM: the six Glue
 * workflow-run actions, table writes and PutEvents on the tracker bus.
 */

import { reportLambdaMetrics } from "../shared/observability.ts";
import { checkStartupConfig } from "../shared/startup.ts";
import { commandDepsFromEnv } from "../shared/wiring/commands.ts";
import { createCommandsHandler } from "./commands-handler.ts";

// Lambda init: a bad setting fails here, in one line, never while handling an event.
checkStartupConfig(process.env, "commands");
reportLambdaMetrics("commands");
export const handler = createCommandsHandler(commandDepsFromEnv());
