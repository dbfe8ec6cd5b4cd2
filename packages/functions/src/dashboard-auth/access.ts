/**
 * Who may do what from the dashboard on AWS (docs/decisions/dashboard-aws-auth.md),
 * defined once: the stack creates these groups and scopes and puts the scopes on the
 * dashboard API's routes; the pre-token trigger grants scopes by group; config.json
 * tells the page which scopes to ask for.
 */
// Types only: the pre-token trigger bundles this file and must not pull in the route table's schemas.
import type { ApiFunction, RouteSpec } from "../api/routes.ts";

const READ_FUNCTION: ApiFunction = "read";

/** The Cognito resource server whose scopes the dashboard API requires. */
export const RESOURCE_SERVER = "tracker";

export const DashboardScope = {
  /** Every read route (and `$default`). */
  Read: `${RESOURCE_SERVER}/read`,
  /** Every command route (start, stop, resume, run properties). */
  Operate: `${RESOURCE_SERVER}/operate`,
} as const;
export type DashboardScope = (typeof DashboardScope)[keyof typeof DashboardScope];

export const DashboardGroup = {
  /** May read history. */
  Readers: "tracker-readers",
  /** May read history and act on runs (start, stop, resume, run properties). */
  Operators: "tracker-operators",
} as const;
export type DashboardGroup = (typeof DashboardGroup)[keyof typeof DashboardGroup];

/** What each group is granted; a user in no group gets no tracker scope at all. */
export const GROUP_SCOPES: Readonly<Record<DashboardGroup, readonly DashboardScope[]>> = {
  [DashboardGroup.Readers]: [DashboardScope.Read],
  [DashboardGroup.Operators]: [DashboardScope.Read, DashboardScope.Operate],
};

/**
 * The access-token claim listing the AWS accounts a caller may see and act on
 * (docs/decisions/accounts-api.md): account ids separated by spaces, or `*`; absent =
 * every account. The pre-token trigger sets it from the user's account groups; the
 * API functions read it (http/caller-accounts.ts).
 */
export const ACCOUNTS_CLAIM = "tracker_accounts";

/** A Cognito group granting one account: `tracker-account-222222222222`. */
export const ACCOUNT_GROUP_PREFIX = "tracker-account-";

/**
 * The accounts claim for a user's groups; undefined (every account) when the user
 * is in no account group.
 *
 * @example
 * accountsClaimOf(["tracker-readers", "tracker-account-222222222222"]); // "222222222222"
 */
export function accountsClaimOf(groups: readonly string[]): string | undefined {
  const accounts = groups
    .filter((group) => group.startsWith(ACCOUNT_GROUP_PREFIX))
    .map((group) => group.slice(ACCOUNT_GROUP_PREFIX.length))
    .filter((account) => /^\d{12}$/.test(account));
  return accounts.length > 0 ? [...new Set(accounts)].sort().join(" ") : undefined;
}

/**
 * The scope a route requires: reads need `tracker/read`, the commands function's
 * routes (they call Glue, even the GET of run properties) `tracker/operate`.
 *
 * @example
 * scopeOfRoute(Routes.stopRun); // "tracker/operate"
 */
export function scopeOfRoute(route: Pick<RouteSpec, "fn">): DashboardScope {
  return route.fn === READ_FUNCTION ? DashboardScope.Read : DashboardScope.Operate;
}

/**
 * The tracker scopes a user's groups do not grant (to strip from the access token).
 *
 * @example
 * scopesToSuppress(["tracker-readers"]); // ["tracker/operate"]
 */
export function scopesToSuppress(groups: readonly string[]): DashboardScope[] {
  const granted = new Set<DashboardScope>();
  for (const group of groups) {
    for (const scope of GROUP_SCOPES[group as DashboardGroup] ?? []) granted.add(scope);
  }
  return Object.values(DashboardScope).filter((scope) => !granted.has(scope));
}
