/**
 * Lambda entry point: start, stop, resume and run properties. IAM: the six Glue
 * workflow-run actions, table writes and PutEvents on the tracker bus.
 */
import { commandDepsFromEnv } from "./environment.ts";
import { createCommandsHandler } from "./handlers.ts";

export const handler = createCommandsHandler(commandDepsFromEnv());
