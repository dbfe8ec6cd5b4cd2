/**
 * Lambda entry point: start, stop, resume and run properties. IAM: the six Glue
 * workflow-run actions, table writes and PutEvents on the tracker bus.
 */

import { createCommandsHandler } from "./commands-handler.ts";
import { commandDepsFromEnv } from "./environment.ts";

export const handler = createCommandsHandler(commandDepsFromEnv());
