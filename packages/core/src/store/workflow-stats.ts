/**
 * The statistics' store part (docs/decisions/insights-workflow-stats.md): one item
 * per workflow per UTC day (pk WF#<name>, sk STATS#<yyyy-mm-dd>) whose counters a
 * run's end adds to in ONE UpdateItem (core/src/insights/stats/layout.ts), and the
 * window read: ONE Query over the window's day items, merged in memory.
 *
 * Idempotent: the same update ADDs a hash of the run id to the day's CountedRuns set,
 * on condition that it is not in it yet. A duplicate event, the SDK's retry of a
 * write whose response was lost, or an SQS retry after a crash all meet the
 * condition and count nothing:
 *
 *   t0  A  terminal transition → ADD Runs 1, Failed 1, CountedRuns {h(wr_1)}   counted
 *   t1  A  crashes before announcing; SQS redelivers
 *   t2  A' ledger says "not announced" → same update → condition fails          not counted twice
 */
import { createHash } from "node:crypto";
import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type RunContribution, runContribution } from "../insights/stats/contribution.ts";
import { readDayItem, StatsAttribute } from "../insights/stats/layout.ts";
import { summarizeDays } from "../insights/stats/summarize.ts";
import type { StatsWindow, WorkflowStats } from "../insights/stats/types.ts";
import { windowDays } from "../insights/stats/window.ts";
import { ResumeDecision, type TrackedRun } from "../workflow-run/types.ts";
import type { StoreContext } from "./context.ts";
import { isConditionFailure } from "./expressions.ts";
import { type AccountKeys, EntityType, homeKeys } from "./keys.ts";

export const StatsRecorded = {
  /** The run was added to its day. */
  Counted: "counted",
  /** It was already in its day (a duplicate or a retry). */
  AlreadyCounted: "already-counted",
  /** Still running: nothing to count (no request made). */
  NotEnded: "not-ended",
} as const;
export type StatsRecorded = (typeof StatsRecorded)[keyof typeof StatsRecorded];

/** DynamoDB refuses expressions over 4 KB; a huge graph keeps its workflow figures and as many nodes as fit. */
const MAX_EXPRESSION_LENGTH = 4_000;

/**
 * Adds an ended run to its day's statistics, once. One UpdateItem; a run resumed
 * from another (PreviousRunId) costs one GetItem more, to tell an auto-resume
 * (the previous run's AutoResume decision) from a resume by hand.
 *
 * @example
 * await recordRunStats(ctx, transition.run); // "counted", or "already-counted" on a duplicate
 */
export async function recordRunStats(ctx: StoreContext, run: TrackedRun): Promise<StatsRecorded> {
  if (run.Outcome === "RUNNING") return StatsRecorded.NotEnded;
  const autoResumed = await wasAutoResumed(ctx, run);
  const contribution = runContribution(run, { autoResumed });
  if (!contribution) return StatsRecorded.NotEnded;
  const request = dayUpdate(run, contribution, ctx.keys);
  try {
    await ctx.client.send(new UpdateCommand({ TableName: ctx.tableName, ...request }));
    return StatsRecorded.Counted;
  } catch (error) {
    if (isConditionFailure(error)) return StatsRecorded.AlreadyCounted;
    throw error;
  }
}

/**
 * The window's statistics from its day items (one Query; a page per MB, which a
 * year of days with large graphs may reach).
 */
export async function getWorkflowStats(
  ctx: StoreContext,
  workflowName: string,
  window: StatsWindow,
): Promise<WorkflowStats> {
  const range = ctx.keys.statsDayRange(workflowName, window.since, window.until);
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
        ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk" },
        ExpressionAttributeValues: { ":pk": range.pk, ":from": range.from, ":to": range.to },
        ExclusiveStartKey: startKey,
        Limit: windowDays(window),
      }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return summarizeDays(workflowName, window, items.map(readDayItem));
}

async function wasAutoResumed(ctx: StoreContext, run: TrackedRun): Promise<boolean> {
  if (!run.PreviousRunId) return false;
  const { Item } = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: ctx.keys.runKey(run.Name, run.PreviousRunId),
      ProjectionExpression: "#ar",
      ExpressionAttributeNames: { "#ar": "AutoResume" },
    }),
  );
  const decision = (Item?.AutoResume as TrackedRun["AutoResume"])?.Decision;
  // "failed" means Glue refused the resume: no run came of it, so a run with this PreviousRunId was resumed by hand.
  return decision === ResumeDecision.Resumed;
}

/** 72 bits of SHA-256, base64url: 12 characters a run in the day's set (Glue run ids are 67). */
export function countedRunId(runId: string): string {
  return createHash("sha256").update(runId).digest("base64url").slice(0, 12);
}

interface DayUpdateRequest {
  Key: Record<string, string>;
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/** The one request: ADD every increment and the counted id, SET what identifies the item. */
export function dayUpdate(
  run: TrackedRun,
  contribution: RunContribution,
  keys: AccountKeys = homeKeys,
): DayUpdateRequest {
  let nodes = contribution.nodeIncrements.length;
  for (;;) {
    const request = buildDayUpdate(keys, run, contribution, nodes);
    if (request.UpdateExpression.length <= MAX_EXPRESSION_LENGTH || nodes === 0) return request;
    nodes = Math.floor(nodes / 2);
  }
}

function buildDayUpdate(
  keys: AccountKeys,
  run: TrackedRun,
  contribution: RunContribution,
  nodeCount: number,
): DayUpdateRequest {
  // Own placeholders: node names may hold "." (a path separator to the shared Expressions builder).
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ":one": 1 };
  const alias = (attribute: string) => {
    const placeholder = `#${Object.keys(names).length.toString(36)}`;
    names[placeholder] = attribute;
    return placeholder;
  };
  const amount = (value: number) => {
    if (value === 1) return ":one";
    const placeholder = `:v${Object.keys(values).length.toString(36)}`;
    values[placeholder] = value;
    return placeholder;
  };
  const adds: string[] = [];
  const increments = [contribution.increments, ...contribution.nodeIncrements.slice(0, nodeCount)];
  for (const map of increments) {
    for (const [attribute, value] of map) adds.push(`${alias(attribute)} ${amount(value)}`);
  }
  const counted = alias(StatsAttribute.CountedRuns);
  values[":run"] = new Set([countedRunId(run.WorkflowRunId)]);
  values[":id"] = countedRunId(run.WorkflowRunId);
  adds.push(`${counted} :run`);
  const sets = [`${alias("entityType")} = :type`, `${alias(StatsAttribute.Day)} = :day`];
  values[":type"] = EntityType.WorkflowStatsDay;
  values[":day"] = contribution.day;
  if (contribution.currency) {
    const currency = alias(StatsAttribute.CostCurrency);
    sets.push(`${currency} = if_not_exists(${currency}, :cur)`);
    values[":cur"] = contribution.currency;
  }
  return {
    Key: { ...keys.statsDayKey(run.Name, contribution.day) },
    UpdateExpression: `SET ${sets.join(", ")} ADD ${adds.join(", ")}`,
    ConditionExpression: `NOT contains(${counted}, :id)`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
