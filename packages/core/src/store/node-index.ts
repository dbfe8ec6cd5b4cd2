/**
 * The job/crawler → workflow index, kept from graphs (docs/architecture.md#linking-events-to-runs: a crawler event
 * names no workflow). One item per (node, workflow); the catalog item remembers in
 * `IndexedNodes` which nodes are indexed, and each process remembers which node sets
 * it has seen indexed, so an unchanged graph costs nothing after one read per
 * process. Index items are written before the memos: a crash leaves extra work, never a gap.
 */
import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type StoreContext, writeBatch } from "./context.ts";
import { Expressions, UpdateExpression } from "./expressions.ts";
import { EntityType, nodeIndexSkPrefix, workflowNameFromNodeIndex } from "./keys.ts";

const MEMO = "IndexedNodes";

/**
 * Catalogs the workflow of a run (a workflow first seen through its runs) and indexes
 * the nodes its graph names (never removes: a past run's graph stays true of that run).
 * Called before the run is written, so no stored run lacks its catalog entry.
 */
export async function addNodesToIndex(ctx: StoreContext, workflowName: string, refs: readonly string[]): Promise<void> {
  const seenKey = `${workflowName}\n${refs.join("\n")}`;
  if (ctx.indexedNodeSets.has(seenKey)) return;
  const catalog = await catalogEntry(ctx, workflowName);
  const missing = refs.filter((ref) => !catalog.indexed.has(ref));
  if (missing.length > 0 || !catalog.exists) await indexNodes(ctx, workflowName, missing);
  remember(ctx.indexedNodeSets, seenKey);
}

async function indexNodes(ctx: StoreContext, workflowName: string, missing: string[]): Promise<void> {
  await writeBatch(
    ctx,
    missing.map((ref) => ({ PutRequest: { Item: indexItem(ctx, ref, workflowName) } })),
  );
  const update = catalogUpsert(ctx, workflowName);
  if (missing.length > 0) update.add(MEMO, new Set(missing));
  await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: ctx.keys.workflowKey(workflowName),
      UpdateExpression: update.toString(),
      ...update.expressions.attributes(),
    }),
  );
}

/**
 * Makes the index hold exactly `refs` for this workflow (its current definition).
 * Returns the memo to store on the catalog item with the rest of the workflow.
 */
export async function syncNodeIndex(
  ctx: StoreContext,
  workflowName: string,
  refs: readonly string[],
): Promise<Set<string>> {
  for (const key of ctx.indexedNodeSets) if (key.startsWith(`${workflowName}\n`)) ctx.indexedNodeSets.delete(key);
  const { indexed } = await catalogEntry(ctx, workflowName);
  const wanted = new Set(refs);
  const puts = refs
    .filter((ref) => !indexed.has(ref))
    .map((ref) => ({ PutRequest: { Item: indexItem(ctx, ref, workflowName) } }));
  const deletes = [...indexed]
    .filter((ref) => !wanted.has(ref))
    .map((ref) => ({ DeleteRequest: { Key: ctx.keys.nodeIndexKey(ref, workflowName) } }));
  await writeBatch(ctx, [...puts, ...deletes]);
  return wanted;
}

/** Names of the workflows whose graphs held this node (one Query). */
export async function workflowsContaining(ctx: StoreContext, ref: string): Promise<string[]> {
  const names: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: "pk = :ref AND begins_with(sk, :wf)",
        ExpressionAttributeValues: { ":ref": ref, ":wf": nodeIndexSkPrefix },
        ProjectionExpression: "sk",
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of result.Items ?? []) names.push(workflowNameFromNodeIndex(String(item.sk)));
    startKey = result.LastEvaluatedKey;
  } while (startKey !== undefined);
  return names;
}

/** SET clauses that create the catalog item if needed (a workflow first seen through a run). */
export function catalogUpsert(
  ctx: Pick<StoreContext, "keys">,
  workflowName: string,
  expressions = new Expressions(),
): UpdateExpression {
  const update = new UpdateExpression(expressions);
  const { gsi1pk, gsi1sk } = ctx.keys.catalogIndexKeys(workflowName);
  update.set("entityType", EntityType.Workflow).set("Name", workflowName).set("gsi1pk", gsi1pk).set("gsi1sk", gsi1sk);
  return update;
}

/** Bounded: a long-lived process tracking many workflows keeps the most recent sets. */
const MAX_REMEMBERED_SETS = 2_000;

function remember(sets: Set<string>, key: string): void {
  if (sets.size >= MAX_REMEMBERED_SETS) {
    const oldest = sets.values().next().value;
    if (oldest !== undefined) sets.delete(oldest);
  }
  sets.add(key);
}

/** Whether the catalog item exists, and the nodes its memo says are indexed (one GetItem). */
async function catalogEntry(
  ctx: StoreContext,
  workflowName: string,
): Promise<{ exists: boolean; indexed: Set<string> }> {
  const { Item } = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: ctx.keys.workflowKey(workflowName),
      ProjectionExpression: "#memo, #name",
      ExpressionAttributeNames: { "#memo": MEMO, "#name": "Name" },
    }),
  );
  const memo = Item?.[MEMO];
  return { exists: Item?.Name !== undefined, indexed: memo instanceof Set ? (memo as Set<string>) : new Set() };
}

function indexItem(ctx: Pick<StoreContext, "keys">, ref: string, workflowName: string) {
  return { ...ctx.keys.nodeIndexKey(ref, workflowName), entityType: EntityType.NodeIndex, WorkflowName: workflowName };
}
