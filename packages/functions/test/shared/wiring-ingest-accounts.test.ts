/**
 * The flows' wiring per tracked account (docs/decisions/accounts-flows.md): the home account's
 * deps on top (callers that know one account keep working), each member's built once, on first
 * use, with its own store, Glue client and caches.
 */
import { describe, expect, it } from "vitest";
import { backfillDepsFromEnv } from "../../src/shared/wiring/backfill.ts";
import { digestDepsFromEnv } from "../../src/shared/wiring/digest.ts";
import { ingestDepsFromEnv } from "../../src/shared/wiring/ingest.ts";
import { reconcileDepsFromEnv, runWatchDepsFromEnv } from "../../src/shared/wiring/reconciler.ts";

const env = {
  AWS_REGION: "us-east-1",
  TRACKER_TABLE_NAME: "tracker",
  TRACKER_BUS_NAME: "tracker-bus",
  INGEST_QUEUE_URL: "http://127.0.0.1:1/queue/ingest",
  TRACKER_HOME_ACCOUNT: "111111111111",
  TRACKER_MEMBER_ACCOUNTS: JSON.stringify([{ AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" }]),
};

describe("flows' wiring per account", () => {
  it.each([
    ["ingest", () => ingestDepsFromEnv(env)],
    ["reconciler", () => reconcileDepsFromEnv(env)],
    ["overdue checks", () => runWatchDepsFromEnv(env)],
    ["backfill", () => backfillDepsFromEnv(env)],
  ] as const)("gives %s one set of deps per tracked account, the home's on top", (_kind, build) => {
    // Act
    const deps = build();
    if (!deps.accounts) throw new Error("per-account deps expected");
    const { registry: accounts, of: forAccount } = deps.accounts;
    const member = accounts.resolve({ accountId: "222222222222", region: "eu-west-1" });

    // Assess
    expect(accounts.all.map((a) => a.alias ?? a.accountId)).toEqual(["111111111111", "analytics"]);
    expect(forAccount(accounts.home).store).toBe(deps.store);
    expect(forAccount(member)).toBe(forAccount(member)); // built once
    expect(forAccount(member).store).not.toBe(deps.store);
  });

  it("keeps ingest's per-process caches per account, and names the account re-checks come back to", () => {
    const deps = ingestDepsFromEnv(env);
    const member = deps.accounts?.of(deps.accounts.registry.all[1] as never);

    expect(deps.account).toMatchObject({ accountId: "111111111111", region: "us-east-1" });
    expect(member?.account).toMatchObject({ accountId: "222222222222", region: "eu-west-1" });
    expect(member?.links).not.toBe(deps.links);
    expect(member?.nodeIndex).not.toBe(deps.nodeIndex);
  });

  it("gives the digest every account's store", async () => {
    const { digest } = await digestDepsFromEnv(env);

    expect(digest.accounts?.registry.all).toHaveLength(2);
    expect(digest.accounts?.of(digest.accounts.registry.all[1] as never).store).not.toBe(digest.store);
  });
});
