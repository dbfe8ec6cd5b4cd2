/** The commands function's wiring: Glue (with the API's timeout), and the recorder ingest uses — per tracked account. */
import { Accounts, type Commands, ConfigName, type Env } from "@glue-run-tracker/core";
import type { HandlerOptions } from "../../api/read-handler.ts";
import { DEFAULT_GLUE_TIMEOUT_MS } from "../../api/settings.ts";
import { glueFor, httpOptions, recorder, runStoreFor, type Wiring, wiringFor } from "./builders.ts";
import { perAccount } from "./per-account.ts";

/**
 * The home account's deps, and (several accounts) `accounts`: pick an account's with
 * `Commands.inAccount(deps, { accountId, region })` — its store, its Glue on the member's
 * operate role, its recorder; built once per account, on its first command.
 *
 * @example
 * const handler = createCommandsHandler(commandDepsFromEnv(process.env));
 */
export function commandDepsFromEnv(env: Env = process.env): Commands.CommandDeps & HandlerOptions {
  const w = wiringFor(env, "commands");
  // Always the registry: the API refuses an account id that is not the (configured) home one even when single-account.
  return { ...Accounts.withHome(perAccount(w, (account) => accountDeps(w, account))), ...httpOptions(w) };
}

function accountDeps(w: Wiring, account: Accounts.TrackedAccount): Commands.CommandDeps {
  const recording = recorder(w, runStoreFor(w, account));
  return {
    store: recording.store,
    // No throttling retries: a person waits on the answer, and a 429 tells them to retry.
    glue: glueFor(w, "commands", {
      timeoutMs: w.config[ConfigName.ApiGlueTimeoutMs] ?? DEFAULT_GLUE_TIMEOUT_MS,
      throttleRetries: 0,
      account,
    }),
    recorder: recording,
  };
}
