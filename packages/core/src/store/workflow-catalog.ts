/**
 * The workflows catalog: one item per workflow ever seen (from Glue's Workflow or
 * through its runs), kept after Glue deletes it; served with its last run's summary,
 * read from the runs index (last-run.ts).
 */
import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Workflow } from "@glue-run-tracker/glue-model";
import { InvalidInputError } from "../errors.ts";
import { normalizeInstant } from "../workflow-run/order.ts";
import { jsonify } from "../workflow-run/snapshot.ts";
import type { Jsonified } from "../workflow-run/types.ts";
import type { StoreContext } from "./context.ts";
import { Expressions, projection } from "./expressions.ts";
import { accountOfCatalogKey, catalogPartition, NodeKind, nodeRef } from "./keys.ts";
import { lastRunIn, withLastRun } from "./last-run.ts";
import { catalogUpsert, workflowsContaining as queryNodeIndex, syncNodeIndex } from "./node-index.ts";
import { pageSize } from "./pagination.ts";
import { compressGraph, GRAPH_ATTRIBUTE, graphNodeRefs, servedFromItem } from "./run-item.ts";
import type { Page, PageRequest, TrackedWorkflow } from "./run-store.ts";
import { IndexName } from "./table.ts";

/**
 * Glue's Workflow fields the catalog mirrors (LastRun is read from the runs, Graph is
 * compressed). Not DefaultRunProperties: they may hold secrets, and no route serves them.
 */
const WORKFLOW_FIELDS = [
  "Description",
  "CreatedOn",
  "LastModifiedOn",
  "MaxConcurrentRuns",
  "BlueprintDetails",
] as const satisfies readonly (keyof Workflow)[];
// Not the LastRun/LastRunKey that entries written before store-last-run-on-read.md still hold: stale.
const TRACKER_FIELDS = ["Name", "DeletedFromGlueAt", "LastSyncedAt"] as const;

function workflowAttributes(includeGraph: boolean): string[] {
  const fields = [...TRACKER_FIELDS, ...WORKFLOW_FIELDS];
  return includeGraph ? [...fields, GRAPH_ATTRIBUTE] : fields;
}

/**
 * Upserts the catalog entry from Glue's Workflow. With a graph, the node index is
 * made to match it exactly (index items first, the memo with the entry after).
 */
export async function putWorkflow(
  ctx: StoreContext,
  input: Jsonified<Workflow> & { Name: string },
  observedAt: string,
): Promise<void> {
  const workflow = jsonify(input);
  if (!workflow.Name) throw new InvalidInputError("A workflow needs a Name");
  const update = catalogUpsert(ctx, workflow.Name);
  for (const field of WORKFLOW_FIELDS) update.setOrRemove(field, workflow[field]);
  // remove(DefaultRunProperties): entries written before they were dropped lose them on their next sync.
  update
    .set("LastSyncedAt", normalizeInstant(observedAt, "observedAt"))
    .remove("DeletedFromGlueAt")
    .remove("DefaultRunProperties");
  if (workflow.Graph) {
    update.set(GRAPH_ATTRIBUTE, compressGraph(workflow.Graph));
    const indexed = await syncNodeIndex(ctx, workflow.Name, graphNodeRefs(workflow.Graph));
    if (indexed.size > 0) update.set("IndexedNodes", indexed);
    else update.remove("IndexedNodes");
  }
  await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: ctx.keys.workflowKey(workflow.Name),
      UpdateExpression: update.toString(),
      ...update.expressions.attributes(),
    }),
  );
}

/** Glue no longer knows the workflow; the entry and its history stay. */
export async function markWorkflowDeleted(ctx: StoreContext, workflowName: string, at: string): Promise<void> {
  const update = catalogUpsert(ctx, workflowName).set("DeletedFromGlueAt", normalizeInstant(at, "at"));
  await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: ctx.keys.workflowKey(workflowName),
      UpdateExpression: update.toString(),
      ...update.expressions.attributes(),
    }),
  );
}

export async function getWorkflow(
  ctx: StoreContext,
  workflowName: string,
  options: { includeGraph?: boolean } = {},
): Promise<TrackedWorkflow | undefined> {
  const { ProjectionExpression, expressions } = projection(workflowAttributes(options.includeGraph ?? false));
  const runsPartition = ctx.keys.workflowRunsPartition(workflowName);
  const [{ Item }, lastRun] = await Promise.all([
    ctx.client.send(
      new GetCommand({
        TableName: ctx.tableName,
        Key: ctx.keys.workflowKey(workflowName),
        ProjectionExpression,
        ...expressions.attributes(),
      }),
    ),
    lastRunIn(ctx, runsPartition),
  ]);
  return Item ? withLastRun(servedFromItem<TrackedWorkflow>(Item, ctx.identity), lastRun) : undefined;
}

/**
 * Tracked workflows by name (graphs left out), one Query per page: the store's account's,
 * or with `everyAccount` every account's (members' first: `ACCT#` sorts before `WF#`),
 * each named with its account; then each one's last run (one Query each, in parallel).
 */
export async function listWorkflows(
  ctx: StoreContext,
  page: PageRequest = {},
  options: ListWorkflowsOptions = {},
): Promise<Page<TrackedWorkflow>> {
  const everyAccount = options.everyAccount === true;
  // The home account's binding is the one tokens had before accounts (still valid after a deploy).
  const scope = everyAccount ? ["every-account"] : ctx.keys.prefix ? [ctx.keys.prefix] : [];
  const binding = JSON.stringify(["workflows", ...scope]);
  const startKey = page.nextToken === undefined ? undefined : ctx.tokens.decode(page.nextToken, binding);
  const expressions = new Expressions();
  const { ProjectionExpression } = projection([...workflowAttributes(false), "gsi1sk"], expressions);
  const partition = `${expressions.name("gsi1pk")} = ${expressions.value(catalogPartition)}`;
  const ownAccount = () => `begins_with(${expressions.name("gsi1sk")}, ${expressions.value(ctx.keys.catalogSkPrefix)})`;
  const result = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: IndexName.ByWorkflow,
      KeyConditionExpression: everyAccount ? partition : `${partition} AND ${ownAccount()}`,
      ProjectionExpression,
      Limit: pageSize(page.maxResults),
      ExclusiveStartKey: startKey,
      ...expressions.attributes(),
    }),
  );
  const items = await Promise.all(
    (result.Items ?? []).map((item) => {
      const catalogKey = String(item.gsi1sk); // = the partition of the workflow's runs, account prefix included
      const identity = everyAccount ? accountIdentity(ctx, catalogKey) : ctx.identity;
      const workflow = servedFromItem<TrackedWorkflow>(item, identity);
      return lastRunIn(ctx, catalogKey).then((lastRun) => withLastRun(workflow, lastRun));
    }),
  );
  return result.LastEvaluatedKey
    ? { items, nextToken: ctx.tokens.encode(result.LastEvaluatedKey, binding) }
    : { items };
}

/** Workflows whose graph holds this job or crawler. */
export async function workflowsContaining(
  ctx: StoreContext,
  node: { jobName: string } | { crawlerName: string },
): Promise<string[]> {
  const ref = "jobName" in node ? nodeRef(NodeKind.Job, node.jobName) : nodeRef(NodeKind.Crawler, node.crawlerName);
  return queryNodeIndex(ctx, ref);
}

export interface ListWorkflowsOptions {
  /** Every tracked account's workflows, not only the store's account's. */
  everyAccount?: boolean;
}

/** `{ AccountId, Region }` of a catalog entry from its index key (home: the configured home, when known). */
function accountIdentity(ctx: StoreContext, gsi1sk: string): object {
  const member = accountOfCatalogKey(gsi1sk);
  if (member) return { AccountId: member.accountId, Region: member.region };
  return ctx.home ? { AccountId: ctx.home.accountId, Region: ctx.home.region } : ctx.keys.prefix ? {} : ctx.identity;
}
