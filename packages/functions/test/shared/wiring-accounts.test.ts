/**
 * With member accounts configured, the alerts, resume, resume worker and commands wiring
 * hand each account its own store (and Glue client); without members, nothing changes
 * (docs/decisions/accounts-flows.md).
 */
import { Accounts, Commands } from "@glue-run-tracker/core";
import { describe, expect, it } from "vitest";
import { alertsDepsFromEnv } from "../../src/shared/wiring/alerts.ts";
import { commandDepsFromEnv } from "../../src/shared/wiring/commands.ts";
import { resumeDepsFromEnv } from "../../src/shared/wiring/resume.ts";
import { resumeWorkerDepsFromEnv } from "../../src/shared/wiring/resume-worker.ts";

const single = {
  AWS_REGION: "us-east-1",
  TRACKER_TABLE_NAME: "tracker",
  TRACKER_BUS_NAME: "tracker-bus",
  RESUME_QUEUE_URL: "http://127.0.0.1:1/queue/resume",
};
const multi = {
  ...single,
  TRACKER_HOME_ACCOUNT: "111111111111",
  TRACKER_MEMBER_ACCOUNTS: JSON.stringify([
    { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics", GlueEndpoint: "http://127.0.0.1:1" },
  ]),
};
const member = { accountId: "222222222222", region: "eu-west-1" };

describe("wiring per account", () => {
  it("gives alerts, resume, the worker and commands one store per account, the home one as before", async () => {
    // Act
    const alerts = await alertsDepsFromEnv(multi);
    const resume = resumeDepsFromEnv(multi);
    const worker = resumeWorkerDepsFromEnv(multi);
    const commands = commandDepsFromEnv(multi);

    // Assess
    for (const deps of [alerts, resume, worker, commands]) {
      const account = deps.accounts?.registry.resolve(member) as Accounts.TrackedAccount;
      expect(account).toMatchObject({ ...member, home: false, alias: "analytics" });
      const memberStore = deps.accounts?.of(account).store;
      expect(memberStore).toBeDefined();
      expect(memberStore).not.toBe(deps.store);
      expect(deps.accounts?.of(account).store).toBe(memberStore); // built once per process
    }
    expect(Commands.inAccount(commands, member).store).toBe(
      commands.accounts?.of(commands.accounts.registry.resolve(member)).store,
    );
    expect(Commands.inAccount(commands).store).toBe(commands.store);
    expect(Commands.inAccount(commands, member).logger).toBe(commands.logger);
    expect(() => Commands.inAccount(commands, { accountId: "333333333333" })).toThrow(Accounts.UnknownAccountError);
  });

  it("a single-account tracker's wiring has no accounts: every event and command is the home account's", async () => {
    // Act
    const all = [await alertsDepsFromEnv(single), resumeDepsFromEnv(single), resumeWorkerDepsFromEnv(single)];
    const commands = commandDepsFromEnv(single);

    // Assess
    expect(all.map((deps) => deps.accounts)).toEqual([undefined, undefined, undefined]);
    // The commands keep the (single-account) registry: the API refuses an account id that is not the home one.
    expect(commands.accounts?.registry.multiAccount).toBe(false);
    expect(Commands.inAccount(commands, { accountId: "999999999999" }).store).toBe(commands.store);
  });
});
