/**
 * The overdue and missed checks against a real store (dynalite): each alert is
 * published once, also when the check runs twice (one after the other, or at once),
 * and a crash between publish and commit repeats the alert rather than losing it.
 */

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { TrackerDetailType } from "../../src/events/patterns.ts";
import type { RunMissedDetail, RunOverdueDetail } from "../../src/events/tracker-events.ts";
import { createMemoryPublisher } from "../../src/ingest/tracker-publisher.ts";
import { type RunWatchDeps, watchRuns } from "../../src/insights/run-watch.ts";
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowSettings } from "../../src/insights/settings.ts";
import type { WorkflowInsightsSource, WorkflowStatsView } from "../../src/insights/workflow-insights-source.ts";
import { UpdateExpression } from "../../src/store/expressions.ts";
import { overdueWatchKey, runKey } from "../../src/store/keys.ts";
import { LeaseAttribute, leaseFor, settleLease } from "../../src/store/lease.ts";
import { createOverdueMarks, type OverdueMarks } from "../../src/store/overdue-marks.ts";
import type { RunStore } from "../../src/store/run-store.ts";
import { useLocalDynamo } from "../store/harness.ts";

const local = useLocalDynamo();
const T0 = new Date("2026-03-10T03:20:00.000Z");
const minutes = (n: number) => n * 60_000;
const before = (ms: number) => new Date(T0.getTime() - ms).toISOString();
const after = (ms: number) => new Date(T0.getTime() + ms);

function insights(settings: WorkflowSettings = {}, stats?: WorkflowStatsView): WorkflowInsightsSource {
  return { settings: async () => ({ ...DEFAULT_WORKFLOW_SETTINGS, ...settings }), stats: async () => stats };
}

async function setup(source: WorkflowInsightsSource = insights()) {
  const { store, tableName } = await local.freshStore();
  const marks = createOverdueMarks({ client: local.dynamo.documentClient, tableName });
  const publisher = createMemoryPublisher();
  const deps = (now: Date, override: Partial<RunWatchDeps> = {}): RunWatchDeps => ({
    store,
    insights: source,
    marks,
    publisher,
    now: () => now,
    ...override,
  });
  const events = <T>(type: string) =>
    publisher.entries.filter((e) => e.DetailType === type).map((e) => JSON.parse(e.Detail) as T);
  return { store, marks, publisher, deps, events, tableName };
}

async function running(store: RunStore, name: string, runId: string, startedOn: string) {
  await store.putSnapshot({
    run: { Name: name, WorkflowRunId: runId, Status: "RUNNING", StartedOn: startedOn },
    observedAt: startedOn,
    via: "event",
  });
}

async function completed(store: RunStore, name: string, runId: string, startedOn: string, completedOn: string) {
  await store.putSnapshot({
    run: {
      Name: name,
      WorkflowRunId: runId,
      Status: "COMPLETED",
      StartedOn: startedOn,
      CompletedOn: completedOn,
      Statistics: { TotalActions: 1, SucceededActions: 1, FailedActions: 0 },
    },
    observedAt: completedOn,
    via: "event",
  });
}

describe("overdue runs", () => {
  it("a run past its configured limit is announced once, also when the check runs twice in a row or at once", async () => {
    // Prepare
    const { store, deps, events } = await setup(insights({ runTimeLimitMinutes: 1 }));
    await running(store, "nightly", "wr_late", before(minutes(2)));
    await running(store, "nightly", "wr_fresh", before(30_000));

    // Act
    await watchRuns(deps(T0));
    await watchRuns(deps(after(60_000)));
    await Promise.all([watchRuns(deps(after(120_000))), watchRuns(deps(after(120_000)))]);

    // Assess
    const overdue = events<RunOverdueDetail>(TrackerDetailType.RunOverdue);
    expect(overdue.map((d) => d.runId).sort()).toEqual(["wr_fresh", "wr_late"]); // wr_fresh passed 1 min later
    const late = overdue.find((d) => d.runId === "wr_late");
    expect(late).toMatchObject({ limitSeconds: 60, limitSource: "configured", runningSeconds: 120 });
    expect(late?.ended).toBeUndefined();
    expect((await store.getRun("nightly", "wr_late"))?.Overdue).toMatchObject({ LimitSeconds: 60 });
  });

  it("announces the end of an overdue run once ('finished after …')", async () => {
    // Prepare
    const { store, deps, events } = await setup(insights({ runTimeLimitMinutes: 1 }));
    await running(store, "nightly", "wr_1", before(minutes(2)));
    await watchRuns(deps(T0));
    await completed(store, "nightly", "wr_1", before(minutes(2)), after(minutes(3)).toISOString());

    // Act
    await Promise.all([watchRuns(deps(after(minutes(4)))), watchRuns(deps(after(minutes(4))))]);
    await watchRuns(deps(after(minutes(5))));

    // Assess
    const overdue = events<RunOverdueDetail>(TrackerDetailType.RunOverdue);
    expect(overdue).toHaveLength(2);
    expect(overdue[1]?.ended).toEqual({
      status: "COMPLETED",
      outcome: "SUCCEEDED",
      completedOn: after(minutes(3)).toISOString(),
      durationSeconds: 300,
    });
  });

  it("keeps watching a run whose overdue mark is not committed yet (another reconciler in between), then announces its end", async () => {
    // Prepare: the announcer has claimed and put the watch entry (commitOverdue's first step), not the mark yet
    const { store, marks, deps, events, tableName } = await setup(insights({ runTimeLimitMinutes: 1 }));
    const ctx = { client: local.dynamo.documentClient, tableName };
    await running(store, "nightly", "wr_1", before(minutes(2)));
    const owner = "announcer-in-flight";
    expect(await marks.claimOverdue("nightly", "wr_1", leaseFor(owner, T0, 120_000), T0)).toBe(true);
    await ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: {
          ...overdueWatchKey("nightly", "wr_1"),
          entityType: "OverdueWatch",
          workflowName: "nightly",
          runId: "wr_1",
        },
      }),
    );

    // Act: another reconciler's end check runs in between; then the announcer's mark lands; the run ends
    await watchRuns(deps(after(1_000)));
    const mark = { AnnouncedAt: T0.toISOString(), LimitSeconds: 60, LimitSource: "configured" };
    await settleLease(ctx, {
      key: runKey("nightly", "wr_1"),
      attribute: new LeaseAttribute("OverdueLease"),
      owner,
      update: new UpdateExpression().set("Overdue", mark),
    });
    await completed(store, "nightly", "wr_1", before(minutes(2)), after(minutes(3)).toISOString());
    await watchRuns(deps(after(minutes(4))));

    // Assess
    const ends = events<RunOverdueDetail>(TrackerDetailType.RunOverdue).filter((d) => d.ended);
    expect(ends.map((d) => d.runId)).toEqual(["wr_1"]);
  });

  it("without a configured limit: p95 of recent successful runs × factor, only after minRunsForBaseline runs", async () => {
    // Prepare: four runs of 100 s are too few (minimum 5)
    const { store, deps, events } = await setup();
    for (let i = 0; i < 4; i++) {
      await completed(
        store,
        "hourly",
        `wr_ok${i}`,
        before(minutes(300 + i * 10)),
        before(minutes(300 + i * 10) - 100_000),
      );
    }
    await running(store, "hourly", "wr_now", before(160_000));
    await watchRuns(deps(T0));
    expect(events(TrackerDetailType.RunOverdue)).toEqual([]);

    // Act: a fifth successful run makes the baseline (p95 100 s × 1.5 = 150 s)
    await completed(store, "hourly", "wr_ok4", before(minutes(400)), before(minutes(400) - 100_000));
    await watchRuns(deps(T0));

    // Assess
    expect(events<RunOverdueDetail>(TrackerDetailType.RunOverdue)).toEqual([
      expect.objectContaining({ runId: "wr_now", limitSeconds: 150, limitSource: "baseline", usualSeconds: 100 }),
    ]);
  });

  it("uses the statistics when kept (successfulDuration.p95 and count)", async () => {
    // Prepare
    const stats = { successfulDuration: { count: 20, p95: 40 } };
    const { store, deps, events } = await setup(insights({ overdueFactor: 2 }, stats));
    await running(store, "hourly", "wr_now", before(90_000));

    // Act
    await watchRuns(deps(T0));

    // Assess
    expect(events<RunOverdueDetail>(TrackerDetailType.RunOverdue)).toEqual([
      expect.objectContaining({ limitSeconds: 80, usualSeconds: 40, runningSeconds: 90 }),
    ]);
  });

  it("a crash between publish and commit repeats the alert after the lease expires, never loses it", async () => {
    // Prepare: the first commit fails (the process dies after publishing)
    const { store, marks, deps, events } = await setup(insights({ runTimeLimitMinutes: 1 }));
    await running(store, "nightly", "wr_1", before(minutes(2)));
    const crashing: OverdueMarks = {
      ...marks,
      commitOverdue: async () => {
        throw new Error("process died");
      },
    };

    // Act
    await expect(watchRuns(deps(T0, { marks: crashing }))).rejects.toThrow("process died");
    await watchRuns(deps(after(60_000))); // lease (2 min) still live: nobody publishes
    await watchRuns(deps(after(minutes(3)))); // expired: claimed again, published again, committed
    await watchRuns(deps(after(minutes(4))));

    // Assess
    expect(events(TrackerDetailType.RunOverdue)).toHaveLength(2);
    expect((await store.getRun("nightly", "wr_1"))?.Overdue).toBeDefined();
  });
});

describe("missed scheduled runs", () => {
  const graph = (schedule: string, state = "ACTIVATED") => ({
    Nodes: [
      {
        Type: "TRIGGER" as const,
        Name: "nightly-start",
        TriggerDetails: {
          Trigger: {
            Name: "nightly-start",
            Type: "SCHEDULED" as const,
            State: state as "ACTIVATED",
            Schedule: schedule,
          },
        },
      },
    ],
    Edges: [],
  });

  async function scheduled(store: RunStore, schedule: string, state?: string) {
    await store.putWorkflow(
      { Name: "nightly", CreatedOn: "2026-01-01T00:00:00.000Z", Graph: graph(schedule, state) },
      before(minutes(60)),
    );
  }

  it("a slot past its grace with no run is announced once, also when the check runs twice in a row or at once", async () => {
    // Prepare: daily at 03:00 UTC; now 03:20, grace 15 min
    const { store, deps, events } = await setup();
    await scheduled(store, "cron(0 3 * * ? *)");

    // Act
    await watchRuns(deps(T0));
    await Promise.all([watchRuns(deps(after(60_000))), watchRuns(deps(after(60_000)))]);
    await watchRuns(deps(after(minutes(10))));

    // Assess
    expect(events<RunMissedDetail>(TrackerDetailType.RunMissed)).toEqual([
      expect.objectContaining({
        workflowName: "nightly",
        triggerName: "nightly-start",
        schedule: "cron(0 3 * * ? *)",
        slot: "2026-03-10T03:00:00.000Z",
        graceMinutes: 15,
      }),
    ]);
  });

  it("nothing while the grace lasts, nothing when a run started in the window, nothing for a deactivated trigger", async () => {
    // Prepare
    const { store, deps, events } = await setup();
    await scheduled(store, "cron(0 3 * * ? *)");
    await watchRuns(deps(new Date("2026-03-10T03:14:00.000Z")));
    await running(store, "nightly", "wr_on_time", "2026-03-10T03:02:00.000Z");

    // Act
    await watchRuns(deps(T0));
    const other = await setup();
    await scheduled(other.store, "cron(0 3 * * ? *)", "DEACTIVATED");
    await watchRuns(other.deps(T0));

    // Assess
    expect(events(TrackerDetailType.RunMissed)).toEqual([]);
    expect(other.events(TrackerDetailType.RunMissed)).toEqual([]);
  });

  it("each missed slot once: a later missed slot is announced on its own", async () => {
    // Prepare: every 5 minutes; checks after each slot's grace
    const { store, deps, events } = await setup(insights({ scheduleGraceMinutes: 2 }));
    await scheduled(store, "cron(0/5 * * * ? *)");

    // Act
    await watchRuns(deps(new Date("2026-03-10T03:03:00.000Z")));
    await watchRuns(deps(new Date("2026-03-10T03:04:00.000Z")));
    await watchRuns(deps(new Date("2026-03-10T03:08:00.000Z")));

    // Assess: slots 02:xx of the lookback (newest 10) then 03:00 and 03:05, each once
    const slots = events<RunMissedDetail>(TrackerDetailType.RunMissed).map((d) => d.slot);
    expect(new Set(slots).size).toBe(slots.length);
    expect(slots.slice(-2)).toEqual(["2026-03-10T03:00:00.000Z", "2026-03-10T03:05:00.000Z"]);
    expect(slots).toHaveLength(11);
  });
});
