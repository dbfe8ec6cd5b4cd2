/** The read function's wiring: the table only (its bundle must not load the Glue client). */
import { Accounts, ConfigName, type Env, type Store } from "@glue-run-tracker/core";
import type { HandlerOptions } from "../../api/read-handler.ts";
import type { ReadDeps } from "../../api/read-operations.ts";
import { httpOptions, need, runStoreFor, wiringFor } from "./builders.ts";
import { perAccount } from "./per-account.ts";

/**
 * Tokens users hold are signed with the real keys: on AWS the rotated ones read from
 * Secrets Manager (`keys`), locally PAGINATION_SECRET, which is then required.
 *
 * @example
 * const handler = createReadHandler(readDepsFromEnv(process.env, await paginationKeysFromEnv(process.env)));
 */
export function readDepsFromEnv(
  env: Env = process.env,
  keys?: Store.PaginationKeys | string,
): ReadDeps & HandlerOptions {
  const w = wiringFor(env, "read");
  const paginationKeys = keys ?? need(w, ConfigName.PaginationSecret);
  // One store per tracked account, built on first use (docs/decisions/accounts-api.md).
  const accounts = perAccount(w, (account) => ({ store: runStoreFor(w, account, paginationKeys) }));
  return { ...Accounts.withHome(accounts), ...httpOptions(w) };
}
