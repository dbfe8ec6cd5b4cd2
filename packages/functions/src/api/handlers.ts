/**
 * The two API functions, one per IAM concern, as factories over their
 * dependencies (tests and the local runtime pass their own; `read.ts` and
 * `commands.ts` build them from the environment for Lambda, each importing only
 * its own factory so neither bundle carries the other's code).
 */
export { createCommandsHandler } from "./commands-handler.ts";
export { type ApiHandler, createReadHandler, type HandlerOptions } from "./read-handler.ts";
