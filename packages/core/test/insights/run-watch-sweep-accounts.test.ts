/**
 * The overdue and missed checks over every tracked account (docs/decisions/accounts-flows.md),
 * on dynalite: each account's runs are checked with its own store and overdue marks, the same
 * workflow and run id in two accounts announced once each, and an account whose table access
 * fails is reported while the others are checked.
 */
import { describe, expect, it } from "vitest";
import type { TrackedAccount } from "../../src/accounts/account.ts";
import { createAccountRegistry } from "../../src/accounts/registry.ts";
import { TrackerDetailType } from "../../src/events/patterns.ts";
import type { RunOverdueDetail } from "../../src/events/tracker-events.ts";
import { createMemoryPublisher } from "../../src/ingest/tracker-publisher.ts";
import { type RunWatchDeps, watchRunsAcrossAccounts } from "../../src/insights/run-watch.ts";
import { DEFAULT_WORKFLOW_SETTINGS } from "../../src/insights/settings.ts";
import { createRunStore } from "../../src/store/dynamo-run-store.ts";
import { keysFor } from "../../src/store/keys.ts";
import { createOverdueMarks } from "../../src/store/overdue-marks.ts";
import { PAGINATION_SECRET, useLocalDynamo } from "../store/harness.ts";

const local = useLocalDynamo();
const T0 = new Date("2026-03-10T03:20:00.000Z");
const STARTED = new Date(T0.getTime() - 120_000).toISOString();

describe("overdue checks across accounts", () => {
  it("checks each account's runs in its own store; one account failing does not stop the others", async () => {
    // Prepare: the same workflow and run id running too long in two accounts; a third account's table is missing
    const accounts = createAccountRegistry({ accountId: "111111111111", region: "us-east-1" }, [
      { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" },
      { AccountId: "333333333333", Region: "eu-central-1" },
    ]);
    const tableName = await local.dynamo.createTable();
    const client = local.dynamo.documentClient;
    const publisher = createMemoryPublisher();
    const forAccount = (account: TrackedAccount): RunWatchDeps => {
      const table = account.accountId === "333333333333" ? "no-such-table" : tableName;
      const store = createRunStore({
        client,
        tableName: table,
        paginationSecret: PAGINATION_SECRET,
        account,
        home: accounts.home,
      });
      return {
        store,
        insights: {
          settings: async () => ({ ...DEFAULT_WORKFLOW_SETTINGS, runTimeLimitMinutes: 1 }),
          stats: async () => undefined,
        },
        marks: createOverdueMarks({ client, tableName: table, keys: keysFor(account.keyPrefix) }),
        publisher,
      };
    };
    const built = new Map(accounts.all.map((account) => [account, forAccount(account)]));
    const of = (account: TrackedAccount) =>
      built.get(account) as RunWatchDeps & { store: ReturnType<typeof createRunStore> };
    const [home, analytics] = accounts.all.map(of);
    for (const deps of [home, analytics]) {
      await deps?.store.putSnapshot({
        run: { Name: "nightly", WorkflowRunId: "wr_same", Status: "RUNNING", StartedOn: STARTED },
        observedAt: STARTED,
        via: "event",
      });
    }
    const deps = { ...of(accounts.home), accounts: { registry: accounts, of }, now: () => T0 };

    // Act
    const first = await watchRunsAcrossAccounts(deps);
    const second = await watchRunsAcrossAccounts(deps);

    // Assess
    expect(first).toMatchObject({ activeRunsChecked: 2, overdueAnnounced: 2 });
    expect(first.failedAccounts).toEqual([
      expect.objectContaining({ accountId: "333333333333", error: expect.stringContaining("ResourceNotFound") }),
    ]);
    expect(second).toMatchObject({ overdueAnnounced: 0 });
    const overdue = publisher.entries
      .filter((e) => e.DetailType === TrackerDetailType.RunOverdue)
      .map((e) => JSON.parse(e.Detail) as RunOverdueDetail);
    expect(overdue.map((d) => d.runId)).toEqual(["wr_same", "wr_same"]);
    expect((await home?.store.getRun("nightly", "wr_same"))?.Overdue).toBeDefined();
    expect((await analytics?.store.getRun("nightly", "wr_same"))?.Overdue).toBeDefined();
  });
});
