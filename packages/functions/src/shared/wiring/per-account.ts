/** Deps of a flow for every tracked account, each account's built once, on first use (docs/decisions/accounts-flows.md). */
import type { Accounts } from "@glue-run-tracker/core";
import type { PerAccount } from "@glue-run-tracker/core/ingest";
import { accountsOf, type Wiring } from "./builders.ts";

/**
 * The home account's deps spread (callers that know one account keep working), plus
 * `accounts` and `forAccount`.
 *
 * @example
 * const deps = perAccount(w, (account) => ({ store: runStoreFor(w, account), glue: glueFor(w, "reconciler", { account }) }));
 * deps.forAccount(deps.accounts.resolve({ accountId, region })).store;
 */
export function perAccount<D>(w: Wiring, build: (account: Accounts.TrackedAccount) => D): D & PerAccount<D> {
  const accounts = accountsOf(w);
  const built = new Map<Accounts.TrackedAccount, D>();
  const forAccount = (account: Accounts.TrackedAccount): D => {
    let deps = built.get(account);
    if (!deps) {
      deps = build(account);
      built.set(account, deps);
    }
    return deps;
  };
  return { ...forAccount(accounts.home), accounts, forAccount };
}
