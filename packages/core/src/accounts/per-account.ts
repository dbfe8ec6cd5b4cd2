/**
 * A flow's dependencies per tracked account — one run store, one Glue client each — the
 * one shape every flow (ingest, the reconciler, the overdue checks, backfill, the digest,
 * alerts, auto-resume, commands, the read API) takes them in. The wiring builds each
 * account's deps once, on first use (docs/decisions/accounts-flows.md).
 */
import { describeAccount, type TrackedAccount } from "./account.ts";
import { type AccountRegistry, createAccountRegistry } from "./registry.ts";

/**
 * @example
 * const accounts: PerAccount<{ store: RunStore }> = { registry, of: (account) => ({ store: runStoreFor(w, account) }) };
 * accounts.of(accounts.registry.resolve({ accountId: "222222222222", region: "eu-west-1" })).store;
 */
export interface PerAccount<D> {
  registry: AccountRegistry;
  /** The deps of one tracked account (the same object each time for one account). */
  of(account: TrackedAccount): D;
}

/**
 * A single-account tracker (tests, the benches, a deployment with no member): an
 * unconfigured home account, and every account is served by `deps`.
 *
 * @example
 * const { registry, of } = deps.accounts ?? singleAccount({ store: deps.store });
 */
export function singleAccount<D>(deps: D): PerAccount<D> {
  return { registry: createAccountRegistry({}), of: () => deps };
}

/**
 * The home account's deps, with `accounts` beside them: what a flow's deps look like
 * (callers that know one account use the deps, the others pick with `accounts.of`).
 *
 * @example
 * const deps = withHome(perAccount(w, (account) => ({ store: runStoreFor(w, account) })));
 * deps.store === deps.accounts.of(deps.accounts.registry.home).store; // true
 */
export function withHome<D>(accounts: PerAccount<D>): D & { accounts: PerAccount<D> } {
  return { ...accounts.of(accounts.registry.home), accounts };
}

/** `accounts` serves several tracked accounts (a multi-account wiring), not the home one only. */
export function spansAccounts<D>(accounts: PerAccount<D> | undefined): accounts is PerAccount<D> {
  return accounts?.registry.multiAccount === true;
}

/** One account's flow that failed; the others went on. */
export interface AccountFailure {
  accountId: string;
  region: string;
  /** "analytics (222222222222, eu-west-1)". */
  account: string;
  error: string;
}

/**
 * Runs `work` for every tracked account at once (each its own Glue quota and budget, so
 * one account's throttling or failure never holds up another). Failures are collected,
 * not thrown, unless every account failed (then the first error is thrown, as a
 * single-account tracker always did).
 *
 * @example
 * const { results, failures } = await forEveryAccount(deps.accounts, (account, accountDeps) => reconcile(accountDeps));
 */
export async function forEveryAccount<D, R>(
  accounts: PerAccount<D>,
  work: (account: TrackedAccount, accountDeps: D) => Promise<R>,
): Promise<{ results: { account: TrackedAccount; result: R }[]; failures: AccountFailure[] }> {
  const all = accounts.registry.all;
  const settled = await Promise.allSettled(all.map((account) => work(account, accounts.of(account))));
  const results: { account: TrackedAccount; result: R }[] = [];
  const failures: AccountFailure[] = [];
  settled.forEach((outcome, index) => {
    const account = all[index] as TrackedAccount;
    if (outcome.status === "fulfilled") results.push({ account, result: outcome.value });
    else {
      const error = outcome.reason as { name?: string; message?: string };
      failures.push({
        accountId: account.accountId,
        region: account.region,
        account: describeAccount(account),
        error: `${error?.name ?? "Error"}: ${error?.message ?? String(outcome.reason)}`,
      });
    }
  });
  if (results.length === 0 && settled[0]?.status === "rejected") throw settled[0].reason;
  return { results, failures };
}

/**
 * `work` for every tracked account (forEveryAccount), each account's deps with the
 * invocation's clock and logger; undefined when `deps` serves the home account only.
 *
 * @example
 * const across = await acrossAccounts(deps, (accountDeps) => watchRuns(accountDeps));
 * if (!across) return watchRuns(deps);
 */
export async function acrossAccounts<D extends { now?: () => Date; logger?: unknown }, R>(
  deps: D & { accounts?: PerAccount<D> | undefined },
  work: (accountDeps: D) => Promise<R>,
): Promise<{ results: { account: TrackedAccount; result: R }[]; failures: AccountFailure[] } | undefined> {
  if (!spansAccounts(deps.accounts)) return undefined;
  return forEveryAccount(deps.accounts, (_account, accountDeps) => work(withShared(deps, accountDeps)));
}

/** The invocation's clock and logger reach every account's deps (the wiring builds those without them). */
function withShared<D extends { now?: () => Date; logger?: unknown }>(shared: D, accountDeps: D): D {
  return {
    ...accountDeps,
    ...(shared.now ? { now: shared.now } : {}),
    ...(shared.logger ? { logger: shared.logger } : {}),
  };
}
