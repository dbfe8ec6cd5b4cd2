/**
 * Closing a run Glue no longer knows (docs/decisions/reliability-unknown-runs.md).
 * Two single-item conditional writes on the run, never on its snapshot fields:
 *
 *   t0   reconciler: GetWorkflowRun → EntityNotFound → noteRunNotFound: GlueNotFoundSince = t0
 *   t0+5m reconciler: EntityNotFound again; t0 is old enough → closeRun:
 *        Outcome UNKNOWN, ClosedReason, ClosedAt — still on the active (OUTCOME#RUNNING) index
 *        reconciler: announces the closure (the alerts read it from the store)
 *        finishRunClosure: off the active index, so nothing polls it again
 *
 * The first two require Outcome RUNNING, so a run that ended in the meantime is left
 * alone; a snapshot written in between removes GlueNotFoundSince (snapshot-writer.ts).
 * A crash before finishRunClosure leaves an UNKNOWN run on the active index: the next
 * cycle announces (the ledger says it once) and finishes it.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { jsonify } from "../workflow-run/snapshot.ts";
import { Outcome, type TrackedRun } from "../workflow-run/types.ts";
import type { StoreContext } from "./context.ts";
import { isConditionFailure, UpdateExpression } from "./expressions.ts";
import { outcomePartition, runKey, workflowKey } from "./keys.ts";
import { servedFromItem } from "./run-item.ts";

/** Bookkeeping (never served): when Glue first answered "not found" for the active run. */
export const NOT_FOUND_SINCE = "GlueNotFoundSince";

const DAY_SECONDS = 86_400;

/**
 * Notes that Glue does not know the active run at `at`; returns when it first did not
 * (this call's `at` for the first), or undefined when the run is not tracked or not active.
 */
export async function noteRunNotFound(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  at: string,
): Promise<string | undefined> {
  const update = new UpdateExpression();
  const e = update.expressions;
  const since = e.name(NOT_FOUND_SINCE);
  try {
    const { Attributes } = await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: runKey(workflowName, runId),
        UpdateExpression: `SET ${since} = if_not_exists(${since}, ${e.value(at)})`,
        ConditionExpression: `attribute_exists(${e.name("pk")}) AND ${e.name("Outcome")} = ${e.value(Outcome.RUNNING)}`,
        ReturnValues: "UPDATED_NEW",
        ...e.attributes(),
      }),
    );
    return Attributes?.[NOT_FOUND_SINCE] as string | undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * Closes the active run as UNKNOWN with the reason; returns the run as stored, or
 * undefined when it is not tracked or no longer active. The catalog's LastRun follows
 * when it names this run. The run stays on the active index until finishRunClosure.
 */
export async function closeRun(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  closure: { reason: string; closedAt: string },
): Promise<TrackedRun | undefined> {
  const update = new UpdateExpression()
    .set("Outcome", Outcome.UNKNOWN)
    .set("ClosedReason", closure.reason)
    .set("ClosedAt", closure.closedAt)
    .remove(NOT_FOUND_SINCE);
  // The run has ended for the tracker: retention counts from the closure, as from a completion.
  if (ctx.retentionDays > 0) {
    update.set("ExpiresAt", Math.floor(Date.parse(closure.closedAt) / 1000) + ctx.retentionDays * DAY_SECONDS);
  }
  const e = update.expressions;
  let run: TrackedRun;
  try {
    const { Attributes } = await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: runKey(workflowName, runId),
        UpdateExpression: update.toString(),
        ConditionExpression: `attribute_exists(${e.name("pk")}) AND ${e.name("Outcome")} = ${e.value(Outcome.RUNNING)}`,
        ReturnValues: "ALL_NEW",
        ...e.attributes(),
      }),
    );
    run = servedFromItem<TrackedRun>(Attributes ?? {});
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
  await closeLastRun(ctx, workflowName, runId);
  return jsonify(run);
}

/**
 * Takes a closed (UNKNOWN) run off the active-runs index once its closure was announced;
 * false when it is not closed or already off the index.
 */
export async function finishRunClosure(ctx: StoreContext, workflowName: string, runId: string): Promise<boolean> {
  const update = new UpdateExpression().set("gsi2pk", outcomePartition(Outcome.UNKNOWN));
  const e = update.expressions;
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: runKey(workflowName, runId),
        UpdateExpression: update.toString(),
        ConditionExpression: `${e.name("Outcome")} = ${e.value(Outcome.UNKNOWN)} AND ${e.name("gsi2pk")} = ${e.value(outcomePartition(Outcome.RUNNING))}`,
        ...e.attributes(),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The catalog's LastRun summary says UNKNOWN too, if it is this run. */
async function closeLastRun(ctx: StoreContext, workflowName: string, runId: string): Promise<void> {
  const update = new UpdateExpression().set("LastRun.Outcome", Outcome.UNKNOWN);
  const e = update.expressions;
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: workflowKey(workflowName),
        UpdateExpression: update.toString(),
        ConditionExpression: `${e.name("LastRun.WorkflowRunId")} = ${e.value(runId)}`,
        ...e.attributes(),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
