import { describe, expect, it } from "vitest";
import { Announcement, recordSnapshot } from "../../src/ingest/record-snapshot.ts";
import { createMemoryPublisher, type TrackerEventPublisher } from "../../src/ingest/tracker-publisher.ts";
import type { RunSnapshot } from "../../src/workflow-run/types.ts";
import { createFakeStore } from "./fake-store.ts";

const running: RunSnapshot = {
  Name: "nightly",
  WorkflowRunId: "wr_1",
  Status: "RUNNING",
  StartedOn: "2026-01-01T00:00:00.000Z",
  Statistics: { TotalActions: 1, RunningActions: 1 },
};
const failed: RunSnapshot = {
  ...running,
  Status: "COMPLETED",
  CompletedOn: "2026-01-01T00:05:00.000Z",
  Statistics: { TotalActions: 2, SucceededActions: 1, FailedActions: 1, RunningActions: 0 },
};

function details(publisher: ReturnType<typeof createMemoryPublisher>) {
  return publisher.entries.map((entry) => JSON.parse(entry.Detail));
}

describe("recordSnapshot", () => {
  it("publishes one state change per transition, none for duplicates", async () => {
    // Prepare
    const publisher = createMemoryPublisher();
    const deps = { store: createFakeStore(), publisher };

    // Act
    const first = await recordSnapshot(deps, running, "event");
    await recordSnapshot(deps, running, "event");
    await recordSnapshot(deps, failed, "event");
    await recordSnapshot(deps, failed, "recheck");
    await recordSnapshot(deps, running, "event");

    // Assess
    expect(first.announcement).toBe(Announcement.Published);
    expect(publisher.entries.map((entry) => entry.DetailType)).toEqual([
      "Glue Workflow Run State Change",
      "Glue Workflow Run State Change",
    ]);
    expect(details(publisher)).toMatchObject([
      { workflowName: "nightly", runId: "wr_1", status: "RUNNING", outcome: "RUNNING" },
      { status: "COMPLETED", outcome: "FAILED", previousStatus: "RUNNING", previousOutcome: "RUNNING" },
    ]);
    expect(details(publisher)[0]).not.toHaveProperty("previousStatus");
  });

  it("announces a stored transition whose publish failed when the message is retried", async () => {
    // Prepare
    const delivered = createMemoryPublisher();
    let failNext = true;
    const flaky: TrackerEventPublisher = {
      async publish(entries) {
        if (failNext) {
          failNext = false;
          throw new Error("EventBridge unavailable");
        }
        await delivered.publish(entries);
      },
    };
    const deps = { store: createFakeStore(), publisher: flaky };

    // Act
    const firstAttempt = recordSnapshot(deps, failed, "event");
    await expect(firstAttempt).rejects.toThrow("EventBridge unavailable");
    const retry = await recordSnapshot(deps, failed, "event");
    const duplicate = await recordSnapshot(deps, failed, "event");

    // Assess
    expect(retry).toMatchObject({ stored: false, transition: null, announcement: Announcement.Published });
    expect(duplicate.announcement).toBe(Announcement.None);
    expect(details(delivered)).toMatchObject([{ status: "COMPLETED", outcome: "FAILED" }]);
  });

  it("leaves a state being announced elsewhere to the lease holder, then confirms once the lease ends", async () => {
    // Prepare
    let clock = Date.parse("2026-01-01T00:10:00Z");
    const publisher = createMemoryPublisher();
    const deps = { store: createFakeStore(), publisher, now: () => new Date(clock) };
    await deps.store.putSnapshot({ run: failed, observedAt: "2026-01-01T00:06:00Z", via: "event" });
    await deps.store.claimAnnouncement("nightly", "wr_1", {
      owner: "elsewhere",
      now: new Date(clock),
      leaseMs: 30_000,
    });

    // Act
    const during = await recordSnapshot(deps, failed, "event");
    clock += 31_000;
    const after = await recordSnapshot(deps, failed, "event");

    // Assess
    expect(during.announcement).toBe(Announcement.InProgress);
    expect(after.announcement).toBe(Announcement.Published);
    expect(publisher.entries).toHaveLength(1);
  });

  it("records without announcing when told not to; a later observation announces the stored state", async () => {
    // Prepare
    const publisher = createMemoryPublisher();
    const store = createFakeStore();

    // Act
    const quiet = await recordSnapshot({ store, publisher, announce: false }, running, "backfill");
    const later = await recordSnapshot({ store, publisher }, running, "event");

    // Assess
    expect(quiet).toMatchObject({ stored: true, announcement: Announcement.None });
    expect(quiet).not.toHaveProperty("announce");
    expect(later.announcement).toBe(Announcement.Published);
    expect(details(publisher)).toMatchObject([{ status: "RUNNING", outcome: "RUNNING" }]);
  });

  it("refuses a snapshot without a run id", async () => {
    // Prepare
    const deps = { store: createFakeStore(), publisher: createMemoryPublisher() };

    // Act
    const attempt = recordSnapshot(deps, { Name: "nightly" }, "event");

    // Assess
    await expect(attempt).rejects.toThrow("needs Name and WorkflowRunId");
  });
});
