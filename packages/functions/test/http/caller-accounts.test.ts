import { describe, expect, it } from "vitest";
import { routeList } from "../../src/api/routes.ts";
import { ACCOUNTS_CLAIM } from "../../src/dashboard-auth/access.ts";
import { accountsOfClaim, callerAccountsOf } from "../../src/http/caller-accounts.ts";
import { httpEvent } from "../api/support/http-event.ts";

const A = "111111111111";
const B = "222222222222";

describe("the caller's accounts (docs/decisions/accounts-api.md)", () => {
  it("reads the claim as the trigger writes it and as API Gateway flattens an array claim", () => {
    for (const claim of [`${B}`, `[${B}]`, `${B} 333333333333`, `[${B} 333333333333]`, [B]]) {
      const caller = accountsOfClaim(claim);
      expect(caller.allows(B), JSON.stringify(claim)).toBe(true);
      expect(caller.allows(A), JSON.stringify(claim)).toBe(false);
    }
  });

  it("allows every account for `*` or no claim, and none for an empty claim", () => {
    expect(accountsOfClaim("*").allows(A)).toBe(true);
    expect(accountsOfClaim(undefined).allows(A)).toBe(true);
    expect(accountsOfClaim("").allows(A)).toBe(false);
  });

  it("takes the JWT authorizer's claim, else the local account token presented", () => {
    const event = httpEvent({ method: "GET", url: "/workflows" }, routeList);
    const withClaim = {
      ...event,
      requestContext: { ...event.requestContext, authorizer: { jwt: { claims: { [ACCOUNTS_CLAIM]: B }, scopes: [] } } },
    };
    expect(callerAccountsOf(withClaim).allows(A)).toBe(false);
    expect(callerAccountsOf(event).allows(A)).toBe(true);
    const tokens = { "limited-to-b": [B] };
    const limited = { ...event, headers: { ...event.headers, authorization: "Bearer limited-to-b" } };
    const other = { ...event, headers: { ...event.headers, authorization: "Bearer the-api-token" } };
    expect(callerAccountsOf(limited, tokens).allows(A)).toBe(false);
    expect(callerAccountsOf(limited, tokens).allows(B)).toBe(true);
    expect(callerAccountsOf(other, tokens).allows(A)).toBe(true);
  });
});
