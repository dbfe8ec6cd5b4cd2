/**
 * Where a workflow lives: its AWS account and region (docs/decisions/accounts-api.md).
 * The page keeps them in its URLs (`?account=&region=`) and sends them to the API, so
 * a run of a second account opens from a link as well as from the list.
 */

export interface Where {
  account?: string;
  region?: string;
}

/**
 * The account and region of a page URL, passed on as they are: the API checks them and
 * its 400 (an unknown account, a malformed id) is shown like any other answer.
 */
export function whereFromSearch(search: string): Where | undefined {
  const params = new URLSearchParams(search);
  const account = params.get("account");
  const region = params.get("region");
  const where: Where = {};
  if (account) where.account = account;
  if (region) where.region = region;
  return where.account || where.region ? where : undefined;
}

/** The API's (and the page's) query parameters for `where`. */
export function whereParams(where: Where | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  if (where?.account) params.account = where.account;
  if (where?.region) params.region = where.region;
  return params;
}

/** Where a run or workflow of the API lives; undefined when the API names no account (single-account tracker). */
export function whereOf(item: { AccountId?: string; Region?: string }): Where | undefined {
  if (!item.AccountId) return undefined;
  return { account: item.AccountId, ...(item.Region ? { region: item.Region } : {}) };
}

/** "analytics (222222222222, eu-west-1)", "222222222222, eu-west-1", or "" when unknown. */
export function accountLabel(item: { AccountId?: string; Region?: string; AccountAlias?: string }): string {
  const where = [item.AccountId, item.Region].filter(Boolean).join(", ");
  if (!where) return item.AccountAlias ?? "";
  return item.AccountAlias ? `${item.AccountAlias} (${where})` : where;
}

/** A stable key for an account and region (filters, list keys). */
export const whereKey = (item: { AccountId?: string; Region?: string }): string =>
  `${item.AccountId ?? ""} ${item.Region ?? ""}`;
