/**
 * What the overdue and missed checks remember, so each alert is published once
 * (docs/decisions/insights-overdue-and-missed.md). Every announcement is
 * claim → publish → commit with the one lease module (lease.ts):
 *
 *   overdue       lease `OverdueLease` on the run item; commit writes `Overdue`
 *   overdue end   lease `OverdueEndLease` on the run item; commit writes `Overdue.EndAnnouncedAt`
 *   missed slot   lease on its own item (pk WF#<name>, sk MISSED#<slot>#<trigger>); commit writes `AnnouncedAt`
 *
 * A crash between publish and commit leaves an expired lease and no result: the
 * next check claims again and publishes again (a repeat the alerts ledger absorbs),
 * never a loss. Runs announced overdue sit in a small watch list (pk OVERDUE) until
 * their end is announced, so the end is found without scanning runs.
 */
import { DeleteCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { RunOverdueMark } from "../workflow-run/types.ts";
import { Outcome } from "../workflow-run/types.ts";
import type { StoreContext } from "./context.ts";
import { UpdateExpression } from "./expressions.ts";
import { type AccountKeys, EntityType, homeKeys, missedSlotPrefix } from "./keys.ts";
import { claimLease, type Lease, LeaseAttribute, settleLease } from "./lease.ts";

const OVERDUE_LEASE = new LeaseAttribute("OverdueLease");
const OVERDUE_END_LEASE = new LeaseAttribute("OverdueEndLease");
const MISSED_LEASE = new LeaseAttribute("AnnounceLease");
/** Missed-slot items outlive the digest's periods (a day or a week, and the one before). */
const MISSED_SLOT_KEEP_SECONDS = 35 * 86_400;

export interface WatchedRun {
  workflowName: string;
  runId: string;
}

export interface MissedSlotRecord {
  slot: string;
  triggerName: string;
  announcedAt?: string;
}

export interface OverdueMarks {
  /** Takes the run's overdue lease: only a stored, RUNNING run not yet announced overdue. */
  claimOverdue(workflowName: string, runId: string, lease: Lease, now: Date): Promise<boolean>;
  /** Watches the run for its end, then records the announcement and drops the lease. */
  commitOverdue(workflowName: string, runId: string, owner: string, mark: RunOverdueMark): Promise<boolean>;
  /** Runs announced overdue whose end is not announced yet. */
  watchedRuns(): Promise<WatchedRun[]>;
  /** Takes the end lease: only a run announced overdue, no longer RUNNING, end not yet announced. */
  claimOverdueEnd(workflowName: string, runId: string, lease: Lease, now: Date): Promise<boolean>;
  commitOverdueEnd(workflowName: string, runId: string, owner: string, at: string): Promise<boolean>;
  unwatch(workflowName: string, runId: string): Promise<void>;
  /** Missed-slot items of a workflow with slot in [from, until] (ISO). */
  missedSlots(workflowName: string, from: string, until: string): Promise<MissedSlotRecord[]>;
  /** Takes a slot's lease: only a slot not announced yet. */
  claimMissedSlot(workflowName: string, slot: string, triggerName: string, lease: Lease, now: Date): Promise<boolean>;
  commitMissedSlot(
    workflowName: string,
    slot: string,
    triggerName: string,
    owner: string,
    at: string,
  ): Promise<boolean>;
}

/**
 * @example
 * const marks = createOverdueMarks({ client, tableName }); // the home account's; `keys` for another
 * if (await marks.claimOverdue(name, runId, leaseFor(owner, now, 120_000), now)) { publish…; await marks.commitOverdue(…) }
 */
export function createOverdueMarks(
  options: Pick<StoreContext, "client" | "tableName"> & { keys?: AccountKeys },
): OverdueMarks {
  const ctx = { ...options, keys: options.keys ?? homeKeys };
  return {
    async claimOverdue(workflowName, runId, lease, now) {
      const result = await claimLease(ctx, {
        key: ctx.keys.runKey(workflowName, runId),
        attribute: OVERDUE_LEASE,
        lease,
        now,
        condition: (e) =>
          `attribute_exists(${e.name("pk")}) AND attribute_not_exists(${e.name("Overdue")}) AND ${e.name("Outcome")} = ${e.value(Outcome.RUNNING)}`,
      });
      return result.applied;
    },

    async commitOverdue(workflowName, runId, owner, mark) {
      // The watch entry first: a crash after it and before the commit repeats the alert, never loses the end.
      await ctx.client.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: {
            ...ctx.keys.overdueWatchKey(workflowName, runId),
            entityType: EntityType.OverdueWatch,
            workflowName,
            runId,
          },
        }),
      );
      const result = await settleLease(ctx, {
        key: ctx.keys.runKey(workflowName, runId),
        attribute: OVERDUE_LEASE,
        owner,
        update: new UpdateExpression().set("Overdue", withoutUndefined(mark)),
      });
      return result.applied;
    },

    async watchedRuns() {
      const runs: WatchedRun[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await ctx.client.send(
          new QueryCommand({
            TableName: ctx.tableName,
            KeyConditionExpression: "#pk = :pk",
            ExpressionAttributeNames: { "#pk": "pk" },
            ExpressionAttributeValues: { ":pk": ctx.keys.overdueWatchPartition },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          runs.push({ workflowName: String(item.workflowName), runId: String(item.runId) });
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return runs;
    },

    async claimOverdueEnd(workflowName, runId, lease, now) {
      const result = await claimLease(ctx, {
        key: ctx.keys.runKey(workflowName, runId),
        attribute: OVERDUE_END_LEASE,
        lease,
        now,
        condition: (e) =>
          `attribute_exists(${e.name("Overdue")}) AND attribute_not_exists(${e.name("Overdue.EndAnnouncedAt")}) AND ${e.name("Outcome")} <> ${e.value(Outcome.RUNNING)}`,
      });
      return result.applied;
    },

    async commitOverdueEnd(workflowName, runId, owner, at) {
      const result = await settleLease(ctx, {
        key: ctx.keys.runKey(workflowName, runId),
        attribute: OVERDUE_END_LEASE,
        owner,
        update: new UpdateExpression().set("Overdue.EndAnnouncedAt", at),
      });
      return result.applied;
    },

    async unwatch(workflowName, runId) {
      await ctx.client.send(
        new DeleteCommand({ TableName: ctx.tableName, Key: ctx.keys.overdueWatchKey(workflowName, runId) }),
      );
    },

    async missedSlots(workflowName, from, until) {
      const low = ctx.keys.missedSlotKey(workflowName, from, "").sk;
      // "~" sorts after every trigger name character a slot key holds.
      const high = `${ctx.keys.missedSlotKey(workflowName, until, "").sk}~`;
      const records: MissedSlotRecord[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await ctx.client.send(
          new QueryCommand({
            TableName: ctx.tableName,
            KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :low AND :high",
            ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk" },
            ExpressionAttributeValues: { ":pk": ctx.keys.runKey(workflowName, "").pk, ":low": low, ":high": high },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          if (!String(item.sk).startsWith(missedSlotPrefix)) continue;
          records.push({
            slot: String(item.Slot),
            triggerName: String(item.TriggerName),
            announcedAt: item.AnnouncedAt as string | undefined,
          });
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return records;
    },

    async claimMissedSlot(workflowName, slot, triggerName, lease, now) {
      const update = new UpdateExpression()
        .set("entityType", EntityType.MissedSlot)
        .set("Slot", slot)
        .set("TriggerName", triggerName)
        .set("ExpiresAt", Math.floor(Date.parse(slot) / 1000) + MISSED_SLOT_KEEP_SECONDS);
      const result = await claimLease(ctx, {
        key: ctx.keys.missedSlotKey(workflowName, slot, triggerName),
        attribute: MISSED_LEASE,
        lease,
        now,
        update,
        condition: (e) => `attribute_not_exists(${e.name("AnnouncedAt")})`,
      });
      return result.applied;
    },

    async commitMissedSlot(workflowName, slot, triggerName, owner, at) {
      const result = await settleLease(ctx, {
        key: ctx.keys.missedSlotKey(workflowName, slot, triggerName),
        attribute: MISSED_LEASE,
        owner,
        update: new UpdateExpression().set("AnnouncedAt", at),
      });
      return result.applied;
    },
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
