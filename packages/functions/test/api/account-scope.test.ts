import { Accounts } from "@glue-run-tracker/core";
import { describe, expect, it } from "vitest";
import { accountFieldsOf, accountOf } from "../../src/api/account-scope.ts";
import { EVERY_ACCOUNT } from "../../src/http/caller-accounts.ts";

describe("account fields of the API's runs and workflows (docs/decisions/accounts-api.md)", () => {
  it("names nothing for a home account that is not configured, though the region is known", () => {
    // The dashboard would otherwise put `?region=` alone into every link of a single-account tracker.
    const home = Accounts.createAccountRegistry({ region: "us-east-1" }).home;
    expect(accountFieldsOf(home)).toEqual({});
  });

  it("names account, region and alias of a configured account", () => {
    const accounts = Accounts.createAccountRegistry({ accountId: "111111111111", region: "us-east-1" }, [
      { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" },
    ]);
    const member = accountOf(accounts, { account: "222222222222" }, EVERY_ACCOUNT);
    expect(accountFieldsOf(member)).toEqual({
      AccountId: "222222222222",
      Region: "eu-west-1",
      AccountAlias: "analytics",
    });
  });
});
