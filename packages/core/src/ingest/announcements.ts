/**
 * The announcement ledger: per run, the last state the tracker announced on its bus
 * and a short lease held while an announcement is being published. The stored run
 * is the truth; the ledger lags it by at most one in-flight PutEvents.
 */
import type { WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import type { Outcome } from "../workflow-run/types.ts";

export interface AnnouncedState {
  status: WorkflowRunStatus;
  outcome: Outcome;
}

export interface AnnouncementRecord {
  /** The last state published; absent while nothing was announced yet. */
  announced?: AnnouncedState;
  /** Optimistic-lock counter: every claim, commit and release bumps it. 0 when absent. */
  version: number;
  /** A claim in flight and when its lease ends (epoch ms). */
  pending?: { state: AnnouncedState; leaseUntil: number };
}

export interface AnnouncementLog {
  /** Strongly consistent read of the run's ledger entry. */
  get(workflowName: string, runId: string): Promise<AnnouncementRecord>;
  /** Takes the lease if the entry is still at `expectedVersion`; the claim's version is expectedVersion + 1. */
  claim(
    workflowName: string,
    runId: string,
    expectedVersion: number,
    pending: { state: AnnouncedState; leaseUntil: number },
  ): Promise<boolean>;
  /** Records `state` as announced, if the claim at `claimedVersion` is still ours. */
  commit(workflowName: string, runId: string, claimedVersion: number, state: AnnouncedState): Promise<void>;
  /** Drops the claim at `claimedVersion` (publish failed), so a retry may claim at once. */
  release(workflowName: string, runId: string, claimedVersion: number): Promise<void>;
}

const STATUS_RANK: Record<WorkflowRunStatus, number> = {
  RUNNING: 0,
  STOPPING: 1,
  COMPLETED: 2,
  STOPPED: 2,
  ERROR: 2,
};

/**
 * Order of announced states: a run only moves forward (RUNNING → STOPPING →
 * terminal); a non-RUNNING outcome within one status is further along.
 */
export function announcementRank(state: AnnouncedState): number {
  return STATUS_RANK[state.status] * 2 + (state.outcome === "RUNNING" ? 0 : 1);
}

/** An in-process ledger (unit tests, benches that do not need DynamoDB). */
export function createMemoryAnnouncementLog(): AnnouncementLog {
  const records = new Map<string, AnnouncementRecord>();
  const key = (workflowName: string, runId: string) => `${workflowName}\u0000${runId}`;
  const read = (workflowName: string, runId: string) => records.get(key(workflowName, runId)) ?? { version: 0 };
  return {
    async get(workflowName, runId) {
      return structuredClone(read(workflowName, runId));
    },
    async claim(workflowName, runId, expectedVersion, pending) {
      const record = read(workflowName, runId);
      if (record.version !== expectedVersion) return false;
      records.set(key(workflowName, runId), { ...record, version: expectedVersion + 1, pending });
      return true;
    },
    async commit(workflowName, runId, claimedVersion, state) {
      const record = read(workflowName, runId);
      if (record.version !== claimedVersion) return;
      records.set(key(workflowName, runId), { announced: state, version: claimedVersion + 1 });
    },
    async release(workflowName, runId, claimedVersion) {
      const record = read(workflowName, runId);
      if (record.version !== claimedVersion) return;
      const { pending: _released, ...rest } = record;
      records.set(key(workflowName, runId), { ...rest, version: claimedVersion + 1 });
    },
  };
}
