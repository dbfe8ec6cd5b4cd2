/** Run snapshots as ingest would record them, for seeding history without running Glue. */
import { ObservedVia, type RunSnapshot, type RunStore } from "@glue-run-tracker/core";

export interface SeedRun {
  name: string;
  runId: string;
  startedOn: string;
  status?: "RUNNING" | "COMPLETED" | "STOPPED" | "ERROR";
  failed?: number;
}

export function snapshotOf(seed: SeedRun): RunSnapshot {
  const status = seed.status ?? "COMPLETED";
  const failed = seed.failed ?? 0;
  const done = status !== "RUNNING";
  return {
    Name: seed.name,
    WorkflowRunId: seed.runId,
    StartedOn: seed.startedOn,
    ...(done ? { CompletedOn: new Date(Date.parse(seed.startedOn) + 60_000).toISOString() } : {}),
    Status: status,
    Statistics: {
      TotalActions: 2,
      SucceededActions: done ? 2 - failed : 0,
      FailedActions: failed,
      RunningActions: done ? 0 : 2,
      StoppedActions: 0,
      TimeoutActions: 0,
      ErroredActions: 0,
      WaitingActions: 0,
    },
  };
}

/** Stores each run: a RUNNING observation first, then (if finished) its final one. */
export async function seedRuns(store: RunStore, seeds: readonly SeedRun[]): Promise<void> {
  for (const seed of seeds) {
    await store.putSnapshot({
      run: snapshotOf({ ...seed, status: "RUNNING" }),
      observedAt: seed.startedOn,
      via: ObservedVia.Event,
    });
    if ((seed.status ?? "COMPLETED") !== "RUNNING") {
      await store.putSnapshot({
        run: snapshotOf(seed),
        observedAt: new Date(Date.parse(seed.startedOn) + 61_000).toISOString(),
        via: ObservedVia.Event,
      });
    }
  }
}
