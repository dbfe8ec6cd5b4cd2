/** The commands function's wiring: Glue (with the API's timeout), and the recorder ingest uses. */
import { type Accounts, type Commands, ConfigName, type Env } from "@glue-run-tracker/core";
import type { CommandOperationDeps } from "../../api/command-operations.ts";
import type { HandlerOptions } from "../../api/read-handler.ts";
import { DEFAULT_GLUE_TIMEOUT_MS } from "../../api/settings.ts";
import { accountsOf, glueFor, httpOptions, recorder, runStoreFor, wiringFor } from "./builders.ts";

/**
 * @example
 * const handler = createCommandsHandler(commandDepsFromEnv(process.env));
 */
export function commandDepsFromEnv(env: Env = process.env): CommandOperationDeps & HandlerOptions {
  const w = wiringFor(env, "commands");
  const accounts = accountsOf(w);
  const http = httpOptions(w);
  // Each account's Glue client, store and recorder, built once on first use (docs/decisions/accounts-api.md).
  const built = new Map<Accounts.TrackedAccount, Commands.CommandDeps>();
  const commandsFor = (account: Accounts.TrackedAccount): Commands.CommandDeps => {
    let deps = built.get(account);
    if (!deps) {
      const recording = recorder(w, runStoreFor(w, account));
      deps = {
        store: recording.store,
        // No throttling retries: a person waits on the answer, and a 429 tells them to retry.
        glue: glueFor(w, "commands", {
          timeoutMs: w.config[ConfigName.ApiGlueTimeoutMs] ?? DEFAULT_GLUE_TIMEOUT_MS,
          throttleRetries: 0,
          account,
        }),
        recorder: recording,
        logger: http.logger,
      };
      built.set(account, deps);
    }
    return deps;
  };
  return { ...commandsFor(accounts.home), ...http, accountCommands: { accounts, commandsFor } };
}
