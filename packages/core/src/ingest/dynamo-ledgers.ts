/**
 * Ingest's two small items in the tracker table: the per-run announcement ledger
 * and the reconciler's cursor. Keys come from store/keys.ts.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import { announcementKey, EntityType, reconcileCursorKey } from "../store/keys.ts";
import type { Outcome } from "../workflow-run/types.ts";
import type { AnnouncementLog, AnnouncementRecord } from "./announcements.ts";
import type { ReconcileCursor, ReconcileCursorStore, ReconcilePhase } from "./reconcile-cursor.ts";

interface TableOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
}

interface AnnouncementItem {
  Version?: number;
  AnnouncedStatus?: WorkflowRunStatus;
  AnnouncedOutcome?: Outcome;
  PendingStatus?: WorkflowRunStatus;
  PendingOutcome?: Outcome;
  LeaseUntil?: number;
}

/** Updates guarded by the optimistic Version; a lost race is an answer, not an error. */
async function guarded(update: Promise<unknown>): Promise<boolean> {
  try {
    await update;
    return true;
  } catch (error) {
    if (
      error instanceof ConditionalCheckFailedException ||
      (error as Error).name === "ConditionalCheckFailedException"
    ) {
      return false;
    }
    throw error;
  }
}

/**
 * The announcement ledger on DynamoDB (see record-snapshot.ts for why it exists).
 *
 * @example
 * const announcements = createDynamoAnnouncementLog({ client: createDocumentClient(), tableName });
 */
export function createDynamoAnnouncementLog(options: TableOptions): AnnouncementLog {
  const { client, tableName } = options;
  const release = "REMOVE PendingStatus, PendingOutcome, LeaseUntil";
  return {
    async get(workflowName, runId) {
      const out = await client.send(
        new GetCommand({ TableName: tableName, Key: announcementKey(workflowName, runId), ConsistentRead: true }),
      );
      const item = out.Item as AnnouncementItem | undefined;
      const record: AnnouncementRecord = { version: item?.Version ?? 0 };
      if (item?.AnnouncedStatus && item.AnnouncedOutcome) {
        record.announced = { status: item.AnnouncedStatus, outcome: item.AnnouncedOutcome };
      }
      if (item?.PendingStatus && item.PendingOutcome && item.LeaseUntil !== undefined) {
        record.pending = {
          state: { status: item.PendingStatus, outcome: item.PendingOutcome },
          leaseUntil: item.LeaseUntil,
        };
      }
      return record;
    },
    claim(workflowName, runId, expectedVersion, pending) {
      return guarded(
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: announcementKey(workflowName, runId),
            UpdateExpression:
              "SET Version = :next, PendingStatus = :s, PendingOutcome = :o, LeaseUntil = :l, entityType = :t",
            // Version 0 means "no entry yet": only the first claimer may create it.
            ConditionExpression: expectedVersion === 0 ? "attribute_not_exists(pk)" : "Version = :expected",
            ExpressionAttributeValues: {
              ":next": expectedVersion + 1,
              ":s": pending.state.status,
              ":o": pending.state.outcome,
              ":l": pending.leaseUntil,
              ":t": EntityType.Announcement,
              ...(expectedVersion === 0 ? {} : { ":expected": expectedVersion }),
            },
          }),
        ),
      );
    },
    async commit(workflowName, runId, claimedVersion, state) {
      await guarded(
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: announcementKey(workflowName, runId),
            UpdateExpression: `SET Version = :next, AnnouncedStatus = :s, AnnouncedOutcome = :o ${release}`,
            ConditionExpression: "Version = :claimed",
            ExpressionAttributeValues: {
              ":next": claimedVersion + 1,
              ":claimed": claimedVersion,
              ":s": state.status,
              ":o": state.outcome,
            },
          }),
        ),
      );
    },
    async release(workflowName, runId, claimedVersion) {
      await guarded(
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: announcementKey(workflowName, runId),
            UpdateExpression: `SET Version = :next ${release}`,
            ConditionExpression: "Version = :claimed",
            ExpressionAttributeValues: { ":next": claimedVersion + 1, ":claimed": claimedVersion },
          }),
        ),
      );
    },
  };
}

/**
 * The reconciler's cursor on DynamoDB (one item; the reconciler runs one at a time).
 *
 * @example
 * const cursor = createDynamoCursorStore({ client: createDocumentClient(), tableName });
 */
export function createDynamoCursorStore(options: TableOptions): ReconcileCursorStore {
  const { client, tableName } = options;
  return {
    async load() {
      const out = await client.send(
        new GetCommand({ TableName: tableName, Key: reconcileCursorKey(), ConsistentRead: true }),
      );
      const item = out.Item as
        | { Phase?: ReconcilePhase; NextToken?: string; Cycle?: number; UpdatedAt?: string }
        | undefined;
      if (!item?.Phase) return undefined;
      const cursor: ReconcileCursor = { phase: item.Phase, cycle: item.Cycle ?? 0 };
      if (item.NextToken) cursor.nextToken = item.NextToken;
      if (item.UpdatedAt) cursor.updatedAt = item.UpdatedAt;
      return cursor;
    },
    async save(cursor) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...reconcileCursorKey(),
            entityType: EntityType.ReconcileCursor,
            Phase: cursor.phase,
            NextToken: cursor.nextToken,
            Cycle: cursor.cycle,
            UpdatedAt: cursor.updatedAt,
          },
        }),
      );
    },
  };
}
