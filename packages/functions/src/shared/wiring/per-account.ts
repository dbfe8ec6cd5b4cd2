/** Deps of a flow for every tracked account, each account's built once, on first use (docs/decisions/accounts-flows.md). */
import type { Accounts } from "@glue-run-tracker/core";
import { accountsOf, type Wiring } from "./builders.ts";

/**
 * The one builder of every wiring's per-account deps: `build` runs once per account.
 *
 * @example
 * const accounts = perAccount(w, (account) => ({ store: runStoreFor(w, account), glue: glueFor(w, "reconciler", { account }) }));
 * accounts.of(accounts.registry.resolve({ accountId, region })).store;
 */
export function perAccount<D>(w: Wiring, build: (account: Accounts.TrackedAccount) => D): Accounts.PerAccount<D> {
  const registry = accountsOf(w);
  const built = new Map<Accounts.TrackedAccount, D>();
  const of = (account: Accounts.TrackedAccount): D => {
    let deps = built.get(account);
    if (!deps) {
      deps = build(account);
      built.set(account, deps);
    }
    return deps;
  };
  return { registry, of };
}
