/** The read function as a factory over its dependencies (no Glue, no command code). */
import type { Logger } from "@aws-lambda-powertools/logger";
import type { AccountTokens } from "../http/caller-accounts.ts";
import { createHttpApi } from "../http/http-api.ts";
import { type ReadDeps, readOperations } from "./read-operations.ts";
import { routeList } from "./routes.ts";

export interface HandlerOptions {
  logger: Logger;
  /** Bearer token required on every route when set (TRACKER_API_TOKEN, local only). */
  apiToken?: string;
  /** Bearer tokens limited to accounts (TRACKER_API_ACCOUNT_TOKENS, local only; docs/decisions/accounts-api.md). */
  accountTokens?: AccountTokens;
}

/**
 * History reads and /openapi.json; also API Gateway's `$default` route, so unknown
 * paths (404) and wrong methods (405) are answered in the API's error shape.
 *
 * @example
 * const handler = createReadHandler({ store, logger: new Logger() });
 * const response = await handler(event, context);
 */
export function createReadHandler(deps: ReadDeps & HandlerOptions) {
  return createHttpApi({
    routes: routeList,
    operations: readOperations(deps),
    logger: deps.logger,
    apiToken: deps.apiToken,
    accountTokens: deps.accountTokens,
  });
}

export type ApiHandler = ReturnType<typeof createReadHandler>;
