/**
 * Which AWS accounts the caller may see and act on (docs/decisions/accounts-api.md).
 * On AWS the dashboard API's JWT authorizer passes the access token's claims; the
 * accounts claim (dashboard-auth/access.ts) lists account ids, or `*`; absent = every
 * account. IAM (SigV4) callers of the automation API carry no claim: every account.
 * Locally, a bearer token of TRACKER_API_ACCOUNT_TOKENS is limited to its accounts.
 */
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { ACCOUNTS_CLAIM } from "../dashboard-auth/access.ts";
import { presentedToken, sameSecret } from "./bearer-auth.ts";

export interface CallerAccounts {
  /** undefined: every account; else the account ids the caller is limited to. */
  readonly only?: ReadonlySet<string>;
  allows(accountId: string): boolean;
}

export const EVERY_ACCOUNT: CallerAccounts = { allows: () => true };

/** Limited to `ids` (an empty list allows nothing). */
export function onlyAccounts(ids: Iterable<string>): CallerAccounts {
  const only = new Set(ids);
  return { only, allows: (accountId) => only.has(accountId) };
}

/** Local tokens limited to accounts: token → account ids (TRACKER_API_ACCOUNT_TOKENS). */
export type AccountTokens = Readonly<Record<string, readonly string[]>>;

/**
 * The claim's value as API Gateway passes it: a string, either as the trigger wrote
 * it ("111111111111 222222222222") or an array claim flattened ("[111111111111 222222222222]").
 *
 * @example
 * accountsOfClaim("*"); // EVERY_ACCOUNT
 * accountsOfClaim("222222222222").allows("111111111111"); // false
 */
export function accountsOfClaim(claim: unknown): CallerAccounts {
  if (claim === undefined || claim === null) return EVERY_ACCOUNT;
  const values = Array.isArray(claim)
    ? claim.map(String)
    : String(claim)
        .replace(/^\[|\]$/g, "")
        .split(/[\s,]+/);
  const ids = values.map((v) => v.trim()).filter((v) => v !== "");
  if (ids.includes("*")) return EVERY_ACCOUNT;
  return onlyAccounts(ids);
}

/**
 * The caller's accounts: the JWT claim when the authorizer passed one, else the
 * local account token presented, else every account (the request was already
 * authenticated by IAM, the JWT authorizer or the bearer check).
 */
export function callerAccountsOf(event: APIGatewayProxyEventV2, accountTokens?: AccountTokens): CallerAccounts {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer
    ?.jwt?.claims;
  if (claims && ACCOUNTS_CLAIM in claims) return accountsOfClaim(claims[ACCOUNTS_CLAIM]);
  const token = presentedToken(event);
  if (token !== undefined && accountTokens) {
    for (const [candidate, accounts] of Object.entries(accountTokens)) {
      if (sameSecret(token, candidate)) return onlyAccounts(accounts);
    }
  }
  return EVERY_ACCOUNT;
}
