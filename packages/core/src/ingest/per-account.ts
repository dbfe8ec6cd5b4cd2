/**
 * The dependencies of a flow (ingest, the reconciler, the overdue checks, backfill, the
 * digest) for every tracked account: each account has its own run store and Glue
 * client, built once per account by the wiring (docs/decisions/accounts-flows.md).
 */
import { describeAccount, type TrackedAccount } from "../accounts/account.ts";
import type { AccountRegistry } from "../accounts/registry.ts";

export interface PerAccount<D> {
  accounts: AccountRegistry;
  /** The deps of one tracked account (the same object each time for one account). */
  forAccount(account: TrackedAccount): D;
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
 * const { results, failures } = await forEveryAccount(deps, (account, accountDeps) => reconcile(accountDeps));
 */
export async function forEveryAccount<D, R>(
  deps: PerAccount<D>,
  work: (account: TrackedAccount, accountDeps: D) => Promise<R>,
): Promise<{ results: { account: TrackedAccount; result: R }[]; failures: AccountFailure[] }> {
  const accounts = deps.accounts.all;
  const settled = await Promise.allSettled(accounts.map((account) => work(account, deps.forAccount(account))));
  const results: { account: TrackedAccount; result: R }[] = [];
  const failures: AccountFailure[] = [];
  settled.forEach((outcome, index) => {
    const account = accounts[index] as TrackedAccount;
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

/** `deps` has an account for every tracked account (a multi-account wiring), not one account's only. */
export function spansAccounts<D>(deps: D & Partial<PerAccount<D>>): deps is D & PerAccount<D> {
  return deps.accounts !== undefined && deps.forAccount !== undefined && deps.accounts.multiAccount;
}

/** The invocation's clock and logger reach every account's deps (the wiring builds those without them). */
export function withShared<D extends { now?: () => Date; logger?: unknown }>(shared: D, accountDeps: D): D {
  return {
    ...accountDeps,
    ...(shared.now ? { now: shared.now } : {}),
    ...(shared.logger ? { logger: shared.logger } : {}),
  };
}
