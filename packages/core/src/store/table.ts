/**
 * The tracker table, defined once as plain data. `stacks/Storage.ts` turns it into
 * the CDK table; tests and the local runtime create the same table from
 * `createTableInput()` / `ensureTable()`, so AWS and local cannot drift.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Every key attribute is a string; the generic names let one table hold every entity. */
export const KeyAttribute = {
  pk: "pk",
  sk: "sk",
  gsi1pk: "gsi1pk",
  gsi1sk: "gsi1sk",
  gsi2pk: "gsi2pk",
  gsi2sk: "gsi2sk",
} as const;

export const IndexName = {
  /** Runs of a workflow by StartedOn; the workflows catalog (pk "CATALOG"). */
  ByWorkflow: "gsi1",
  /** Runs of one Outcome across workflows by StartedOn (RUNNING = the active runs). */
  ByOutcome: "gsi2",
} as const;
export type IndexName = (typeof IndexName)[keyof typeof IndexName];

/** The table's definition: keys, indexes, TTL attribute and billing. */
export const TrackerTable = {
  attributes: [
    { name: KeyAttribute.pk, type: "S" },
    { name: KeyAttribute.sk, type: "S" },
    { name: KeyAttribute.gsi1pk, type: "S" },
    { name: KeyAttribute.gsi1sk, type: "S" },
    { name: KeyAttribute.gsi2pk, type: "S" },
    { name: KeyAttribute.gsi2sk, type: "S" },
  ],
  partitionKey: KeyAttribute.pk,
  sortKey: KeyAttribute.sk,
  globalIndexes: [
    { name: IndexName.ByWorkflow, partitionKey: KeyAttribute.gsi1pk, sortKey: KeyAttribute.gsi1sk, projection: "ALL" },
    { name: IndexName.ByOutcome, partitionKey: KeyAttribute.gsi2pk, sortKey: KeyAttribute.gsi2sk, projection: "ALL" },
  ],
  /** Epoch seconds; set on terminal runs and their timeline when a retention is configured. */
  timeToLiveAttribute: "ExpiresAt",
  billingMode: "PAY_PER_REQUEST",
} as const;

/**
 * The CreateTable request for the tracker table (local runtime, tests).
 *
 * @example
 * await client.send(new CreateTableCommand(createTableInput("tracker")));
 */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: TrackerTable.billingMode,
    AttributeDefinitions: TrackerTable.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: [
      { AttributeName: TrackerTable.partitionKey, KeyType: "HASH" },
      { AttributeName: TrackerTable.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: TrackerTable.globalIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" },
        { AttributeName: index.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}

/**
 * Creates the table unless it exists, then waits until it is ACTIVE. TTL is not
 * enabled here: the local stand-ins do not expire items (AWS does, via the stack).
 *
 * @example
 * await ensureTable(createDocumentClient(), "tracker");
 */
export async function ensureTable(
  client: DynamoDBClient | DynamoDBDocumentClient,
  tableName: string,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  // A document client sends plain DynamoDB commands through the same handler stack.
  const dynamo = client as DynamoDBClient;
  try {
    await dynamo.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if ((error as Error).name !== "ResourceInUseException") throw error;
  }
  for (;;) {
    const status = await tableStatus(dynamo, tableName);
    if (status === "ACTIVE") return;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} is still ${status ?? "missing"}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function tableStatus(client: DynamoDBClient, tableName: string) {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === "ACTIVE");
    return Table?.TableStatus === "ACTIVE" && !indexesReady ? "CREATING" : Table?.TableStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
