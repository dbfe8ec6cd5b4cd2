import { describe, expect, it } from "vitest";
import { UnknownAccountError } from "../../src/accounts/account.ts";
import { accountsFromConfig, createAccountRegistry } from "../../src/accounts/registry.ts";
import { ConfigError, checkConfig, checkSetting } from "../../src/config-schema.ts";

const HOME = { accountId: "111111111111", region: "us-east-1" };
const MEMBER = { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" };

describe("account registry", () => {
  it("is single-account without members: every event's account is the home one", () => {
    const accounts = createAccountRegistry(HOME);
    expect(accounts.multiAccount).toBe(false);
    expect(accounts.resolve({ accountId: "999999999999", region: "ap-south-1" })).toBe(accounts.home);
    expect(accounts.home.keyPrefix).toBe("");
  });

  it("resolves members by account and region, the home one by default, and refuses the rest by name", () => {
    const accounts = createAccountRegistry(HOME, [MEMBER]);
    expect(accounts.resolve()).toBe(accounts.home);
    const member = accounts.resolve({ accountId: "222222222222", region: "eu-west-1" });
    expect(member).toMatchObject({
      home: false,
      alias: "analytics",
      keyPrefix: "ACCT#222222222222#eu-west-1#",
      roles: {
        read: "arn:aws:iam::222222222222:role/GlueRunTrackerRead-eu-west-1",
        operate: "arn:aws:iam::222222222222:role/GlueRunTrackerOperate-eu-west-1",
      },
    });
    // Same account, another region: not configured.
    expect(() => accounts.resolve({ accountId: "222222222222", region: "us-east-1" })).toThrow(UnknownAccountError);
    expect(() => accounts.resolve({ accountId: "333333333333" })).toThrow(
      /333333333333 in region us-east-1 is not tracked/,
    );
    expect(accounts.find({ accountId: "333333333333" })).toBeUndefined();
  });

  it("needs the home account once members are listed, and refuses a member listed twice", () => {
    expect(() => createAccountRegistry({ region: "us-east-1" }, [MEMBER])).toThrow(/TRACKER_HOME_ACCOUNT/);
    expect(() => createAccountRegistry(HOME, [MEMBER, MEMBER])).toThrow(/listed twice/);
    expect(() => createAccountRegistry(HOME, [{ AccountId: "111111111111", Region: "us-east-1" }])).toThrow(
      /home account/,
    );
  });

  it("reads the configuration, checked once", () => {
    const config = checkConfig({
      TRACKER_HOME_ACCOUNT: "111111111111",
      TRACKER_MEMBER_ACCOUNTS: JSON.stringify([MEMBER]),
    });
    const accounts = accountsFromConfig(config, { AWS_REGION: "us-east-1" });
    expect(accounts.all.map((a) => `${a.accountId}/${a.region}`)).toEqual([
      "111111111111/us-east-1",
      "222222222222/eu-west-1",
    ]);
  });

  it("names the entry and field of a bad member, and a repeated one", () => {
    const bad = checkSetting(
      "TRACKER_MEMBER_ACCOUNTS",
      '[{"AccountId":"222222222222","Region":"eu-west-1"},{"AccountId":"22","Region":"eu-west-1"}]',
    );
    expect(bad).toBeInstanceOf(ConfigError);
    expect((bad as ConfigError).message).toMatch(/1\.AccountId: expected 12 digits/);
    const twice = checkSetting("TRACKER_MEMBER_ACCOUNTS", JSON.stringify([MEMBER, MEMBER]));
    expect((twice as ConfigError).message).toMatch(/entry 1 repeats account 222222222222 eu-west-1/);
    const extra = checkSetting("TRACKER_MEMBER_ACCOUNTS", JSON.stringify([{ ...MEMBER, Role: "x" }]));
    expect(extra).toBeInstanceOf(ConfigError);
  });
});
