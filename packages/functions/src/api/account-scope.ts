/**
 * Which tracked account a request addresses, and whether the caller may
 * (docs/decisions/accounts-api.md): `account`/`region` query parameters, each
 * defaulting to the home account's; an account the configuration does not list is
 * UnknownAccountError (400), one the caller's permission does not cover is 403.
 */
import { Accounts, InvalidInputError } from "@glue-run-tracker/core";
import type { CallerAccounts } from "../http/caller-accounts.ts";
import { AccessDeniedError } from "../http/errors.ts";

type TrackedAccount = Accounts.TrackedAccount;

/** The `account`/`region` query parameters as validated (contract/requests.ts). */
export interface ScopeQuery {
  account?: string | undefined;
  region?: string | undefined;
}

/**
 * The account a route under /workflows/{name} addresses. A lone `account` picks its
 * region when it is tracked in one (or in the home region).
 *
 * @example
 * accountOf(accounts, { account: "222222222222" }, caller); // the analytics account in eu-west-1
 */
export function accountOf(accounts: Accounts.AccountRegistry, query: ScopeQuery, caller: CallerAccounts) {
  const account = pick(accounts, query);
  if (!caller.allows(account.accountId)) throw denied(account);
  return account;
}

/**
 * The one account a per-account list (GET /runs) reads: the named one, else the home
 * account, else (a caller limited to other accounts) the first one the caller may see.
 */
export function listedAccount(accounts: Accounts.AccountRegistry, query: ScopeQuery, caller: CallerAccounts) {
  if (query.account === undefined && query.region === undefined && !caller.allows(accounts.home.accountId)) {
    const first = accounts.all.find((a) => caller.allows(a.accountId));
    if (first) return first;
  }
  return accountOf(accounts, query, caller);
}

/**
 * The accounts a cross-account list (GET /workflows) covers: those matching the
 * filters that the caller may see, in configured order (home first).
 */
export function accountsListed(
  accounts: Accounts.AccountRegistry,
  query: ScopeQuery,
  caller: CallerAccounts,
): TrackedAccount[] {
  const matching = accounts.all.filter(
    (a) =>
      (query.account === undefined || a.accountId === query.account) &&
      (query.region === undefined || a.region === query.region),
  );
  if (matching.length === 0) {
    throw new Accounts.UnknownAccountError({
      accountId: query.account ?? (accounts.home.accountId || undefined),
      region: query.region ?? (accounts.home.region || undefined),
    });
  }
  const allowed = matching.filter((a) => caller.allows(a.accountId));
  if (allowed.length === 0) throw denied(matching[0] as TrackedAccount);
  return allowed;
}

/** The fields every run and workflow of the API carries about where it lives. */
export interface AccountFields {
  AccountId?: string;
  Region?: string;
  AccountAlias?: string;
}

export function accountFieldsOf(account: TrackedAccount | undefined): AccountFields {
  // A home account that is not configured (no TRACKER_HOME_ACCOUNT) names nothing: half an identity would
  // put `?region=` alone into the dashboard's links.
  if (!account?.accountId) return {};
  return {
    AccountId: account.accountId,
    ...(account.region ? { Region: account.region } : {}),
    ...(account.alias ? { AccountAlias: account.alias } : {}),
  };
}

/** An item of `account`'s store, with its account fields (the store's own win). */
export function inAccount<T extends object>(item: T, account: TrackedAccount): T & AccountFields {
  return { ...accountFieldsOf(account), ...item };
}

/** An item of a cross-account list: its alias looked up from the account it names. */
export function withAlias<T extends object>(item: T, accounts: Accounts.AccountRegistry): T & AccountFields {
  const { AccountId, Region } = item as AccountFields;
  const account = AccountId
    ? accounts.find({ accountId: AccountId, ...(Region ? { region: Region } : {}) })
    : accounts.home;
  return { ...accountFieldsOf(account), ...item };
}

function pick(accounts: Accounts.AccountRegistry, query: ScopeQuery): TrackedAccount {
  if (query.account !== undefined && query.region === undefined) {
    const regions = accounts.all.filter((a) => a.accountId === query.account);
    if (regions.length === 1) return regions[0] as TrackedAccount;
    const inHomeRegion = regions.find((a) => a.region === accounts.home.region);
    if (inHomeRegion) return inHomeRegion;
    if (regions.length > 1) {
      throw new InvalidInputError(
        `Account ${query.account} is tracked in several regions (${regions.map((a) => a.region).join(", ")}): add region`,
      );
    }
  }
  const found = accounts.resolve({ accountId: query.account, region: query.region });
  // A single-account tracker resolves anything to its home: a named other account is still unknown.
  if (
    (query.account !== undefined && found.accountId !== query.account) ||
    (query.region !== undefined && found.region !== query.region)
  ) {
    // An unconfigured home has empty ids: the message then shows "?" rather than nothing.
    throw new Accounts.UnknownAccountError({
      accountId: query.account ?? (found.accountId || undefined),
      region: query.region ?? (found.region || undefined),
    });
  }
  return found;
}

function denied(account: TrackedAccount): AccessDeniedError {
  return new AccessDeniedError(
    `You are not authorized to access account ${Accounts.describeAccount(account)}: ask for access to it`,
  );
}
