/**
 * putSnapshot: the single conditional write that decides what the store keeps and
 * which transition (if any) it made, plus the timeline entry, the catalog's
 * last-run summary and the node index around it. No transactions (dynalite has
 * none): every step is a single-item write, ordered so a crash loses nothing.
 */
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { TERMINAL_RUN_STATUSES } from "@glue-run-tracker/glue-model";
import { InvalidInputError } from "../errors.ts";
import { type RunCost, runCost } from "../insights/cost.ts";
import { normalizeInstant, progressKey, snapshotRank } from "../workflow-run/order.ts";
import { deriveOutcome, failedNodes } from "../workflow-run/outcome.ts";
import { jsonify } from "../workflow-run/snapshot.ts";
import type { FailedNode, RunSnapshot, TrackedRun } from "../workflow-run/types.ts";
import type { StoreContext } from "./context.ts";
import { Expressions, isConditionFailure, UpdateExpression } from "./expressions.ts";
import { EntityType, runIndexKeys, runKey, timelineKey, workflowKey } from "./keys.ts";
import { addNodesToIndex, catalogUpsert } from "./node-index.ts";
import { NOT_FOUND_SINCE } from "./run-closure.ts";
import { compressGraph, GRAPH_ATTRIBUTE, graphNodeRefs, SNAPSHOT_FIELDS } from "./run-item.ts";
import type { PutSnapshotResult, RunState, RunSummary, SnapshotInput, Transition } from "./run-store.ts";

const DAY_SECONDS = 86_400;
/**
 * Timeline entries of a still-running run expire this many days after the run's
 * retention would count from their observation: long enough to outlive any real run,
 * so the timeline goes with its run without rewriting old entries at completion.
 */
export const RUNNING_TIMELINE_GRACE_DAYS = 30;

interface PreparedSnapshot {
  run: RunSnapshot & { Name: string; WorkflowRunId: string; Status: NonNullable<RunSnapshot["Status"]> };
  observedAt: string;
  via: SnapshotInput["via"];
  rank: string;
  progress: string;
  outcome: TrackedRun["Outcome"];
  /** Undefined without a graph: the stored FailedNodes (from the last graph seen) stay. */
  failed: FailedNode[] | undefined;
  startedOn: string;
  terminal: boolean;
  expiresAt: number | undefined;
  graph: { bytes: Uint8Array; refs: string[] } | undefined;
  /** insights: cost per run, from the graph (undefined without one: the stored Cost stays). */
  cost: RunCost | undefined;
}

export async function putSnapshot(ctx: StoreContext, input: SnapshotInput): Promise<PutSnapshotResult> {
  const snapshot = prepare(input, ctx.retentionDays, ctx.prices);
  if (snapshot.terminal) await updateLastRun(ctx, snapshot);
  await putTimelineEntry(ctx, snapshot);
  const write = await writeRun(ctx, snapshot);
  // Even when refused: a redelivery after a crash must still index what the first attempt did not.
  if (snapshot.graph) await addNodesToIndex(ctx, snapshot.run.Name, snapshot.graph.refs);
  if (!write.stored) return { stored: false, transition: null };

  const previous = write.old ? { status: write.old.Status, outcome: write.old.Outcome } : null;
  const current: RunState = { status: snapshot.run.Status, outcome: snapshot.outcome };
  const changed = previous === null || previous.status !== current.status || previous.outcome !== current.outcome;
  if (changed && !snapshot.terminal) await updateLastRun(ctx, snapshot);
  if (!changed) return { stored: true, transition: null };

  const transition: Transition = {
    workflowName: snapshot.run.Name,
    runId: snapshot.run.WorkflowRunId,
    previous,
    current,
    run: trackedRun(snapshot, write.old),
  };
  if (snapshot.run.PreviousRunId !== undefined) transition.previousRunId = snapshot.run.PreviousRunId;
  return { stored: true, transition };
}

function prepare(input: SnapshotInput, retentionDays: number, prices: StoreContext["prices"]): PreparedSnapshot {
  const run = jsonify(input.run);
  if (!run.Name || !run.WorkflowRunId) throw new InvalidInputError("A run snapshot needs Name and WorkflowRunId");
  if (!run.Status) throw new InvalidInputError(`Run ${run.WorkflowRunId} of ${run.Name} has no Status`);
  const observedAt = normalizeInstant(input.observedAt, "observedAt");
  const terminal = TERMINAL_RUN_STATUSES.has(run.Status);
  const completedAt = run.CompletedOn ? normalizeInstant(run.CompletedOn, "CompletedOn") : observedAt;
  const refs = run.Graph ? graphNodeRefs(run.Graph) : [];
  return {
    run: run as PreparedSnapshot["run"],
    observedAt,
    via: input.via,
    rank: snapshotRank({ run, observedAt }),
    progress: progressKey(run),
    outcome: deriveOutcome(run),
    failed: run.Graph ? failedNodes(run) : undefined,
    startedOn: run.StartedOn ? normalizeInstant(run.StartedOn, "StartedOn") : observedAt,
    terminal,
    expiresAt: retentionDays > 0 && terminal ? epochSeconds(completedAt) + retentionDays * DAY_SECONDS : undefined,
    graph: run.Graph ? { bytes: compressGraph(run.Graph), refs } : undefined,
    cost: run.Graph ? runCost(run.Graph, prices) : undefined, // insights: cost per run
  };
}

/**
 * One entry per observed state (keyed by progress, not observation time), written
 * before the run item with "create if absent": a crash between the two loses no
 * entry, and a retry or a duplicate event creates none twice.
 */
async function putTimelineEntry(ctx: StoreContext, snapshot: PreparedSnapshot): Promise<void> {
  const { run } = snapshot;
  const expiresAt =
    snapshot.expiresAt ??
    (ctx.retentionDays > 0
      ? epochSeconds(snapshot.observedAt) + (ctx.retentionDays + RUNNING_TIMELINE_GRACE_DAYS) * DAY_SECONDS
      : undefined);
  const item = jsonify({
    ...timelineKey(run.Name, run.WorkflowRunId, snapshot.progress),
    entityType: EntityType.TimelineEntry,
    ObservedAt: snapshot.observedAt,
    ObservedVia: snapshot.via,
    Status: run.Status,
    Outcome: snapshot.outcome,
    Statistics: run.Statistics,
    ExpiresAt: expiresAt,
  });
  try {
    await ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: item,
        ConditionExpression: "attribute_not_exists(#pk)",
        ExpressionAttributeNames: { "#pk": "pk" },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** The previous item (every stored run has a Status: prepare() refuses snapshots without). */
type StoredRun = Record<string, unknown> & Required<Pick<TrackedRun, "Status">> & Pick<TrackedRun, "Outcome">;

/**
 * The conditional write. Why "absent OR stored Rank < new Rank":
 *
 *   t1  event A → GetWorkflowRun → RUNNING 2/4 finished   (rank 1.000002.000004|G|t1)
 *   t2  event B → GetWorkflowRun → COMPLETED 4/4          (rank 3.000004.000004|G|t2)
 *   t3  B's write lands: stored = COMPLETED                → transition RUNNING → COMPLETED
 *   t4  A's write lands late: 1.… < 3.… → refused          → no regression, no transition
 *   t5  B redelivered (same snapshot, same rank) → refused → the transition is not reported twice
 *
 * UpdateItem, not PutItem: ResumedAs, AutoResume and FirstSeenAt are written by
 * others (or only once) and must survive. ALL_OLD gives the previous state.
 */
async function writeRun(
  ctx: StoreContext,
  snapshot: PreparedSnapshot,
): Promise<{ stored: false } | { stored: true; old: StoredRun | undefined }> {
  const { run } = snapshot;
  const expressions = new Expressions();
  const update = new UpdateExpression(expressions);
  update.set("entityType", EntityType.Run).set("Rank", snapshot.rank);
  for (const [key, value] of Object.entries(
    runIndexKeys(run.Name, run.WorkflowRunId, snapshot.startedOn, snapshot.outcome),
  )) {
    update.set(key, value);
  }
  for (const field of SNAPSHOT_FIELDS) update.setOrRemove(field, run[field]);
  update.set("Outcome", snapshot.outcome).set("LastObservedAt", snapshot.observedAt).set("ObservedVia", snapshot.via);
  update.setIfAbsent("FirstSeenAt", snapshot.observedAt);
  if (snapshot.failed) update.set("FailedNodes", snapshot.failed);
  else update.setIfAbsent("FailedNodes", []);
  if (snapshot.graph) update.set(GRAPH_ATTRIBUTE, snapshot.graph.bytes);
  if (snapshot.cost) update.set("Cost", snapshot.cost); // insights: cost per run
  update.setOrRemove("ExpiresAt", snapshot.expiresAt);
  // Glue knows the run: a later "not found" starts a fresh confirmation, and a closure no longer holds (run-closure.ts).
  update.remove(NOT_FOUND_SINCE).remove("ClosedReason").remove("ClosedAt");
  const condition = `attribute_not_exists(${expressions.name("pk")}) OR ${expressions.name("Rank")} < ${expressions.value(snapshot.rank)}`;
  try {
    const result = await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: runKey(run.Name, run.WorkflowRunId),
        UpdateExpression: update.toString(),
        ConditionExpression: condition,
        ReturnValues: "ALL_OLD",
        ...expressions.attributes(),
      }),
    );
    return { stored: true, old: result.Attributes as StoredRun | undefined };
  } catch (error) {
    if (isConditionFailure(error)) return { stored: false };
    throw error;
  }
}

/**
 * The catalog's LastRun: replaced only by the same or a later-started run. Terminal
 * snapshots update it before the run item, so a crash after the run write cannot
 * leave a finished run shown as running (the redelivery repeats this step).
 */
async function updateLastRun(ctx: StoreContext, snapshot: PreparedSnapshot): Promise<void> {
  const { run } = snapshot;
  const summary: RunSummary = jsonify({
    WorkflowRunId: run.WorkflowRunId,
    Status: run.Status,
    Outcome: snapshot.outcome,
    StartedOn: run.StartedOn,
    CompletedOn: run.CompletedOn,
  });
  // Later-started runs win; for the same run, the more progressed snapshot.
  const lastRunKey = `${snapshot.startedOn}#${run.WorkflowRunId}#${snapshot.rank}`;
  const update = catalogUpsert(run.Name).set("LastRun", summary).set("LastRunKey", lastRunKey);
  const { expressions } = update;
  const key = expressions.name("LastRunKey");
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: workflowKey(run.Name),
        UpdateExpression: update.toString(),
        ConditionExpression: `attribute_not_exists(${key}) OR ${key} <= ${expressions.value(lastRunKey)}`,
        ...expressions.attributes(),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** The run as stored after this write: the snapshot plus what the item already held. */
function trackedRun(snapshot: PreparedSnapshot, old: StoredRun | undefined): TrackedRun {
  // Run properties are stored, never part of the read model (run-item.ts).
  const { WorkflowRunProperties: _stored, ...served } = snapshot.run;
  return jsonify({
    ...served,
    Outcome: snapshot.outcome,
    FailedNodes: snapshot.failed ?? (old?.FailedNodes as FailedNode[] | undefined) ?? [],
    ResumedAs: old?.ResumedAs as string[] | undefined,
    AutoResume: old?.AutoResume as TrackedRun["AutoResume"],
    FirstSeenAt: (old?.FirstSeenAt as string | undefined) ?? snapshot.observedAt,
    LastObservedAt: snapshot.observedAt,
    ObservedVia: snapshot.via,
    Cost: snapshot.cost ?? (old?.Cost as TrackedRun["Cost"]), // insights: cost per run
  });
}

function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
