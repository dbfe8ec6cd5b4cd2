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
import { jsonify } from "../workflow-run/snapshot.ts";
import { Outcome, type TrackedRun } from "../workflow-run/types.ts";
import type { StoreContext } from "./context.ts";
import { type Expressions, UpdateExpression } from "./expressions.ts";

import { guardedUpdate } from "./lease.ts";
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
  const update = new UpdateExpression().setIfAbsent(NOT_FOUND_SINCE, at);
  const noted = await guardedUpdate(ctx, {
    key: ctx.keys.runKey(workflowName, runId),
    update,
    condition: activeRun(update.expressions),
    returnValues: "UPDATED_NEW",
  });
  return noted.applied ? (noted.attributes?.[NOT_FOUND_SINCE] as string | undefined) : undefined;
}

/**
 * Closes the active run as UNKNOWN with the reason; returns the run as stored, or
 * undefined when it is not tracked or no longer active (the catalog's LastRun, read from
 * the run, follows). The run stays on the active index until finishRunClosure.
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
  const closed = await guardedUpdate(ctx, {
    key: ctx.keys.runKey(workflowName, runId),
    update,
    condition: activeRun(update.expressions),
    returnValues: "ALL_NEW",
  });
  if (!closed.applied) return undefined;
  const run = servedFromItem<TrackedRun>(closed.attributes ?? {}, ctx.identity);
  return jsonify(run);
}

/**
 * Takes a closed (UNKNOWN) run off the active-runs index once its closure was announced;
 * false when it is not closed or already off the index.
 */
export async function finishRunClosure(ctx: StoreContext, workflowName: string, runId: string): Promise<boolean> {
  const update = new UpdateExpression().set("gsi2pk", ctx.keys.outcomePartition(Outcome.UNKNOWN));
  const e = update.expressions;
  const finished = await guardedUpdate(ctx, {
    key: ctx.keys.runKey(workflowName, runId),
    update,
    condition: `${e.name("Outcome")} = ${e.value(Outcome.UNKNOWN)} AND ${e.name("gsi2pk")} = ${e.value(ctx.keys.outcomePartition(Outcome.RUNNING))}`,
  });
  return finished.applied;
}

/** The run is tracked and still active (a run that ended in the meantime is left alone). */
function activeRun(e: Expressions): string {
  return `attribute_exists(${e.name("pk")}) AND ${e.name("Outcome")} = ${e.value(Outcome.RUNNING)}`;
}
