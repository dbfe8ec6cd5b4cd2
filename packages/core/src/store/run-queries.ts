/**
 * Reads of runs: each access pattern is one GetItem or Query (docs/architecture.md#access-patterns);
 * a filtered page reads on until it is full, within a budget (page-reader.ts).
 */
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { normalizeInstant } from "../workflow-run/order.ts";
import type { Outcome, TrackedRun } from "../workflow-run/types.ts";
import type { StoreContext } from "./context.ts";
import { Expressions, projection } from "./expressions.ts";
import { progressOfTimeline, startedWithin, TIMELINE_ATTRIBUTE_PREFIX, timelinePrefix } from "./keys.ts";
import { readPage } from "./page-reader.ts";
import { pageSize } from "./pagination.ts";
import { runAttributes, servedFromItem } from "./run-item.ts";
import type { ListRunsQuery, OutcomeQuery, Page, PageRequest, TimelineEntry } from "./run-store.ts";
import { IndexName, KeyAttribute } from "./table.ts";

export async function getRun(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  options: { includeGraph?: boolean } = {},
): Promise<TrackedRun | undefined> {
  const { ProjectionExpression, expressions } = projection(runAttributes(options.includeGraph ?? false));
  const { Item } = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: ctx.keys.runKey(workflowName, runId),
      ProjectionExpression,
      ...expressions.attributes(),
    }),
  );
  return Item ? servedFromItem<TrackedRun>(Item, ctx.identity) : undefined;
}

/** Runs of a workflow, newest first, StartedOn within [startedAfter, startedBefore], optionally filtered. */
export async function listRuns(
  ctx: StoreContext,
  workflowName: string,
  query: ListRunsQuery = {},
): Promise<Page<TrackedRun>> {
  const from = query.startedAfter === undefined ? undefined : normalizeInstant(query.startedAfter, "startedAfter");
  const to = query.startedBefore === undefined ? undefined : normalizeInstant(query.startedBefore, "startedBefore");
  const filters: Record<string, string> = {};
  if (query.status !== undefined) filters.Status = query.status;
  if (query.outcome !== undefined) filters.Outcome = query.outcome;
  return queryRuns(ctx, {
    index: IndexName.ByWorkflow,
    partition: ["gsi1pk", ctx.keys.workflowRunsPartition(workflowName)],
    sortKey: "gsi1sk",
    from,
    to,
    filters,
    binding: ["runs", workflowName, from, to, query.status, query.outcome],
    page: query,
    includeGraph: query.includeGraph ?? false,
  });
}

/** Runs whose Outcome is RUNNING, across workflows, newest first. */
export async function listActiveRuns(ctx: StoreContext, page: PageRequest = {}): Promise<Page<TrackedRun>> {
  return listRunsByOutcome(ctx, "RUNNING", page);
}

/** Runs of one Outcome across workflows, newest first, StartedOn within [since, until]. */
export async function listRunsByOutcome(
  ctx: StoreContext,
  outcome: Outcome,
  query: OutcomeQuery = {},
): Promise<Page<TrackedRun>> {
  const from = query.since === undefined ? undefined : normalizeInstant(query.since, "since");
  const to = query.until === undefined ? undefined : normalizeInstant(query.until, "until");
  return queryRuns(ctx, {
    index: IndexName.ByOutcome,
    partition: ["gsi2pk", ctx.keys.outcomePartition(outcome)],
    sortKey: "gsi2sk",
    from,
    to,
    filters: {},
    binding: ["outcome", outcome, from, to],
    page: query,
    includeGraph: query.includeGraph ?? false,
  });
}

/**
 * The run's observed states, oldest first: one Query on the run's key prefix returns
 * the run item (its `TL#…` attributes) and any separate entries (overflow, or
 * written before the timeline moved into the run item). For one progress found in
 * both, the earlier observation wins, as each entry is written create-if-absent.
 */
export async function getTimeline(ctx: StoreContext, workflowName: string, runId: string): Promise<TimelineEntry[]> {
  const expressions = new Expressions();
  const runSk = ctx.keys.runKey(workflowName, runId).sk;
  const separatePrefix = timelinePrefix(runId);
  const condition = `${expressions.name("pk")} = ${expressions.value(ctx.keys.workflowKey(workflowName).pk)} AND begins_with(${expressions.name("sk")}, ${expressions.value(runSk)})`;
  const byProgress = new Map<string, TimelineEntry>();
  const keep = (progress: string, entry: Record<string, unknown>) => {
    const kept = byProgress.get(progress);
    if (!kept || String(entry.ObservedAt) < kept.ObservedAt) byProgress.set(progress, timelineEntryOf(entry));
  };
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: condition,
        ExclusiveStartKey: startKey,
        ...expressions.attributes(),
      }),
    );
    for (const item of result.Items ?? []) {
      const sk = String(item.sk);
      if (sk.startsWith(separatePrefix)) keep(progressOfTimeline(sk), item);
      // Another run whose id starts with this one's (`RUN#wr_1` vs `RUN#wr_10`) is not this run.
      if (sk !== runSk) continue;
      for (const [name, value] of Object.entries(item)) {
        if (name.startsWith(TIMELINE_ATTRIBUTE_PREFIX))
          keep(progressOfTimeline(name), value as Record<string, unknown>);
      }
    }
    startKey = result.LastEvaluatedKey;
  } while (startKey !== undefined);
  return [...byProgress.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

function timelineEntryOf(entry: Record<string, unknown>): TimelineEntry {
  const { ObservedAt, ObservedVia, Status, Outcome, Statistics } = entry as unknown as TimelineEntry;
  return Statistics === undefined
    ? { ObservedAt, ObservedVia, Status, Outcome }
    : { ObservedAt, ObservedVia, Status, Outcome, Statistics };
}

interface RunsQuery {
  index: IndexName;
  partition: [attribute: string, value: string];
  sortKey: string;
  from: string | undefined;
  to: string | undefined;
  /** Attribute = value conditions applied after the key condition. */
  filters: Record<string, string>;
  /** What the nextToken is bound to: the query's identity, not its page size. */
  binding: unknown[];
  page: PageRequest;
  includeGraph: boolean;
}

async function queryRuns(ctx: StoreContext, query: RunsQuery): Promise<Page<TrackedRun>> {
  const limit = pageSize(query.page.maxResults);
  // A member account's tokens name its prefix: one account's token is refused by another's query.
  const binding = JSON.stringify(ctx.keys.prefix ? [...query.binding, ctx.keys.prefix] : query.binding);
  const startKey = query.page.nextToken === undefined ? undefined : ctx.tokens.decode(query.page.nextToken, binding);
  const expressions = new Expressions();
  const [partitionAttribute, partitionValue] = query.partition;
  // The keys come back too: a page that ends mid-read resumes after its last run's key.
  const keyAttributes = [KeyAttribute.pk, KeyAttribute.sk, partitionAttribute, query.sortKey];
  const { ProjectionExpression } = projection([...runAttributes(query.includeGraph), ...keyAttributes], expressions);
  const keyConditions = [`${expressions.name(partitionAttribute)} = ${expressions.value(partitionValue)}`];
  const range = startedWithin(expressions, query.sortKey, query.from, query.to);
  if (range) keyConditions.push(range);
  const filters = Object.entries(query.filters).map(
    ([attribute, value]) => `${expressions.name(attribute)} = ${expressions.value(value)}`,
  );
  const input = {
    TableName: ctx.tableName,
    IndexName: query.index,
    KeyConditionExpression: keyConditions.join(" AND "),
    ProjectionExpression,
    ScanIndexForward: false,
    ...(filters.length > 0 ? { FilterExpression: filters.join(" AND ") } : {}),
    ...expressions.attributes(),
  };
  const { items, nextKey } = await readPage(ctx, input, { maxResults: limit, startKey, keyAttributes });
  const page: Page<TrackedRun> = { items: items.map((item) => servedFromItem<TrackedRun>(item, ctx.identity)) };
  if (nextKey) page.nextToken = ctx.tokens.encode(nextKey, binding);
  return page;
}
