/**
 * Nothing lost on a crash between any two steps of recording a state change
 * (the catalog entry's check → write → the day's statistics → PutEvents → commit; the catalog's
 * LastRun is read from the run, never written), on dynalite and DynamoDB Local
 * (`STORE_TARGET=dynamodb-local`): the process dies after k steps, a new process
 * retries the message (within the dead one's lease: in-progress; after it: done),
 * and the state is published once — twice only for a crash between PutEvents and
 * the commit, the documented at-least-once window.
 */
import { describe, expect, it } from "vitest";
import { Announcement, type RecordSnapshotDeps, recordSnapshot } from "../../src/ingest/record-snapshot.ts";
import type { RunSnapshot } from "../../src/workflow-run/types.ts";
import { at, run, runId } from "../workflow-run/fixtures.ts";
import { useLocalDynamo } from "./harness.ts";
import { ProcessDied, type TrackerProcess, trackerProcess } from "./tracker-process.ts";

const local = useLocalDynamo();
const LEASE_MS = 30_000;

// A new process checks the workflow's catalog entry (and node index) once, before its first write.
const STEPS = ["the catalog entry's check", "the write", "the day's statistics", "PutEvents", "the commit"] as const;
/** The crash between PutEvents and the commit: the documented at-least-once window. */
const AFTER_PUT_EVENTS = STEPS.indexOf("PutEvents") + 1;

function deps(process: TrackerProcess, now: Date): RecordSnapshotDeps {
  return { store: process.store, publisher: process.publisher, now: () => now, announceLeaseMs: LEASE_MS };
}

const completed = (id: string): RunSnapshot =>
  run({
    id,
    status: "COMPLETED",
    completedOn: at(5),
    stats: { TotalActions: 2, SucceededActions: 1, FailedActions: 1 },
  });

describe("recording a state change, crash between any two steps", () => {
  for (const redelivery of ["the same snapshot", "a later observation"] as const) {
    for (let k = 0; k <= STEPS.length; k++) {
      const where = k === 0 ? "before any step" : `after ${STEPS[k - 1]}`;
      it(`dies ${where}; the retry of ${redelivery} announces it (${k === AFTER_PUT_EVENTS ? "twice: the at-least-once window" : "once"})`, async () => {
        // Prepare: the run is RUNNING, announced; then a process records COMPLETED/FAILED and dies after k steps.
        const { tableName } = await local.freshStore();
        const id = runId(`crash-${k}-${redelivery}`);
        const healthy = trackerProcess(local.dynamo, tableName);
        const t0 = new Date(at(6));
        await recordSnapshot(
          deps(healthy, t0),
          run({ id, stats: { TotalActions: 2, RunningActions: 2 } }),
          "event",
          at(1),
        );
        const dying = trackerProcess(local.dynamo, tableName, { diesAfterSteps: k });
        const first = recordSnapshot(deps(dying, t0), completed(id), "event", at(6));
        if (k < STEPS.length) await expect(first).rejects.toThrow(ProcessDied);
        else expect((await first).announcement).toBe(Announcement.Published);

        // Act: SQS redelivers after 10 s (inside the lease), then after the lease.
        const retry = trackerProcess(local.dynamo, tableName);
        const observedAt = (ms: number) =>
          redelivery === "the same snapshot" ? at(6) : new Date(t0.getTime() + ms).toISOString();
        const early = await recordSnapshot(
          deps(retry, new Date(t0.getTime() + 10_000)),
          completed(id),
          "event",
          observedAt(10_000),
        );
        const late = await recordSnapshot(
          deps(retry, new Date(t0.getTime() + 31_000)),
          completed(id),
          "event",
          observedAt(31_000),
        );
        const again = await recordSnapshot(
          deps(retry, new Date(t0.getTime() + 40_000)),
          completed(id),
          "event",
          observedAt(40_000),
        );

        // Assess
        const published = [...dying.published, ...retry.published].filter((d) => d.status === "COMPLETED");
        expect(published).toHaveLength(k === AFTER_PUT_EVENTS ? 2 : 1);
        expect(published[0]).toMatchObject({
          outcome: "FAILED",
          previousStatus: "RUNNING",
          previousOutcome: "RUNNING",
        });
        const leftALease = k >= 2 && k <= AFTER_PUT_EVENTS;
        if (k <= 1) expect(early.announcement).toBe(Announcement.Published);
        else if (leftALease) expect(early.announcement).toBe(Announcement.InProgress);
        else expect(early.announcement).toBe(Announcement.None);
        expect(late.announcement).toBe(leftALease ? Announcement.Published : Announcement.None);
        expect(again.announcement).toBe(Announcement.None);
        expect(await retry.store.getRun("nightly-etl", id)).toMatchObject({ Status: "COMPLETED", Outcome: "FAILED" });
        expect((await retry.store.getWorkflow("nightly-etl"))?.LastRun).toMatchObject({
          WorkflowRunId: id,
          Status: "COMPLETED",
          Outcome: "FAILED",
        });
        expect((await retry.store.getTimeline("nightly-etl", id)).map((e) => e.Status)).toEqual([
          "RUNNING",
          "COMPLETED",
        ]);
      });
    }
  }
});
