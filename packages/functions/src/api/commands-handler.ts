/** The commands function as a factory over its dependencies (no OpenAPI generation, no history reads). */
import type { Commands } from "@glue-run-tracker/core";
import { createHttpApi } from "../http/http-api.ts";
import { commandOperations } from "./command-operations.ts";
import type { HandlerOptions } from "./read-handler.ts";
import { routeList } from "./routes.ts";

/**
 * Start, stop, resume and run properties (Glue + table + tracker bus).
 *
 * @example
 * const handler = createCommandsHandler({ glue, store, recorder, logger: new Logger() });
 */
export function createCommandsHandler(deps: Commands.CommandDeps & HandlerOptions) {
  return createHttpApi({
    routes: routeList,
    operations: commandOperations(deps),
    logger: deps.logger,
    apiToken: deps.apiToken,
    accountTokens: deps.accountTokens,
  });
}
