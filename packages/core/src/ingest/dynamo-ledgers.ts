/**
 * Ingest's small item in the tracker table: the reconciler's cursor. (The announcement
 * state moved onto the run item: store/announcement.ts.) Keys come from store/keys.ts.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { type AccountKeys, EntityType, homeKeys } from "../store/keys.ts";
import type { ReconcileCursor, ReconcileCursorStore, ReconcilePhase } from "./reconcile-cursor.ts";

interface TableOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The account's keys: one cursor per tracked account (default the home account's, today's item). */
  keys?: AccountKeys;
}

/**
 * The reconciler's cursor on DynamoDB (one item; the reconciler runs one at a time).
 *
 * @example
 * const cursor = createDynamoCursorStore({ client: createDocumentClient(), tableName });
 */
export function createDynamoCursorStore(options: TableOptions): ReconcileCursorStore {
  const { client, tableName } = options;
  const cursorKey = (options.keys ?? homeKeys).reconcileCursorKey();
  return {
    async load() {
      const out = await client.send(new GetCommand({ TableName: tableName, Key: cursorKey, ConsistentRead: true }));
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
            ...cursorKey,
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
