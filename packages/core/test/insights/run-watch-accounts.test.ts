/**
 * The overdue and missed events of a member account's store name that account
 * (docs/decisions/accounts-flows.md), so their alerts read the member's store and link its
 * region's console. A real store (dynalite) built for the member account.
 */
import { describe, expect, it } from "vitest";
import { createAccountRegistry } from "../../src/accounts/registry.ts";
import { TrackerDetailType } from "../../src/events/patterns.ts";
import { createMemoryPublisher } from "../../src/ingest/tracker-publisher.ts";
import { watchRuns } from "../../src/insights/run-watch.ts";
import { DEFAULT_WORKFLOW_SETTINGS } from "../../src/insights/settings.ts";
import { keysFor } from "../../src/store/keys.ts";
import { createOverdueMarks } from "../../src/store/overdue-marks.ts";
import { useLocalDynamo } from "../store/harness.ts";

const local = useLocalDynamo();
const registry = createAccountRegistry({ accountId: "111111111111", region: "us-east-1" }, [
  { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" },
]);
const member = registry.resolve({ accountId: "222222222222", region: "eu-west-1" });
const T0 = new Date("2026-03-10T03:20:00.000Z");

describe("overdue and missed events of a member account", () => {
  it("name the member's AccountId and Region", async () => {
    // Prepare: a run over its 1-minute limit and a 03:00 slot with no run, in the member's store
    const { store, tableName } = await local.freshStore({ account: member, home: registry.home });
    const marks = createOverdueMarks({
      client: local.dynamo.documentClient,
      tableName,
      keys: keysFor(member.keyPrefix),
    });
    const startedOn = new Date(T0.getTime() - 120_000).toISOString();
    await store.putSnapshot({
      run: { Name: "nightly", WorkflowRunId: "wr_late", Status: "RUNNING", StartedOn: startedOn },
      observedAt: startedOn,
      via: "event",
    });
    const trigger = { Name: "nightly-start", Type: "SCHEDULED" as const, State: "ACTIVATED" as const };
    await store.putWorkflow(
      {
        Name: "nightly",
        CreatedOn: "2026-01-01T00:00:00.000Z",
        Graph: {
          Nodes: [
            {
              Type: "TRIGGER",
              Name: "nightly-start",
              TriggerDetails: { Trigger: { ...trigger, Schedule: "cron(0 3 * * ? *)" } },
            },
          ],
          Edges: [],
        },
      },
      startedOn,
    );
    const publisher = createMemoryPublisher();
    const settings = { ...DEFAULT_WORKFLOW_SETTINGS, runTimeLimitMinutes: 1 };

    // Act
    await watchRuns({
      store,
      marks,
      publisher,
      insights: { settings: async () => settings, stats: async () => undefined },
      now: () => T0,
    });

    // Assess
    const details = (type: string) =>
      publisher.entries.filter((e) => e.DetailType === type).map((e) => JSON.parse(e.Detail));
    const where = { AccountId: "222222222222", Region: "eu-west-1" };
    expect(details(TrackerDetailType.RunOverdue)).toEqual([expect.objectContaining({ runId: "wr_late", ...where })]);
    expect(details(TrackerDetailType.RunMissed)).toEqual([
      expect.objectContaining({ workflowName: "nightly", ...where }),
    ]);
  });
});
