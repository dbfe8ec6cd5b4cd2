/**
 * The account a tracker event (or a resume message) is about, and the dependencies of
 * that account: its run store, its Glue client. A tracker event names its run's
 * AccountId and Region; one without them (published before accounts existed, or by a
 * single-account tracker) is the home account's. The deps per account are
 * accounts/per-account.ts's PerAccount. docs/decisions/accounts-flows.md.
 */
import type { AccountScope, TrackedAccount } from "../accounts/account.ts";
import type { PerAccount } from "../accounts/per-account.ts";

/** What a tracker event's detail (and a stored run) says about where the run lives. */
export interface RunWhere {
  AccountId?: string;
  Region?: string;
}

/**
 * The detail's account and region as a registry lookup (absent: the home account's).
 *
 * @example
 * registry.find(eventScope({ AccountId: "222222222222", Region: "eu-west-1" }));
 */
export function eventScope(where: RunWhere): Partial<AccountScope> {
  return {
    ...(where.AccountId ? { accountId: where.AccountId } : {}),
    ...(where.Region ? { region: where.Region } : {}),
  };
}

/**
 * A stored run's AccountId and Region, to spread into the tracker event about it
 * (nothing when the store does not name its account: a single-account tracker).
 *
 * @example
 * const detail = { workflowName, runId, ...runWhere(run) };
 */
export function runWhere(run: RunWhere): RunWhere {
  return {
    ...(run.AccountId ? { AccountId: run.AccountId } : {}),
    ...(run.Region ? { Region: run.Region } : {}),
  };
}

/**
 * The tracked account of an event and its dependencies; undefined when the account is
 * not (or no longer) configured — the caller logs and drops the event, as no retry can
 * make it tracked. Without `accounts` every event is served by `home`.
 *
 * @example
 * const scoped = accountOf(deps.accounts, event, { store: deps.store });
 * if (!scoped) return { result: "unknown-account" };
 */
export function accountOf<D>(
  accounts: PerAccount<D> | undefined,
  where: RunWhere,
  home: D,
): { account?: TrackedAccount; deps: D } | undefined {
  if (!accounts) return { deps: home };
  const account = accounts.registry.find(eventScope(where));
  if (!account) return undefined;
  return { account, deps: account.home ? home : accounts.of(account) };
}
