/**
 * putSnapshot: one conditional UpdateItem of the run item decides what the store
 * keeps and which transition (if any) it made; the same write records the timeline
 * entry (`TL#<progress>`, create-if-absent) and, for an announcer, takes the lease of
 * the state it stores (announcement.ts). The node index is written only when a graph
 * names new nodes (docs/decisions/store-single-write.md); the catalog's last run is read
 * from the runs, never written here (docs/decisions/store-last-run-on-read.md).
 * No transactions (dynalite has none): every step is a single-item write, ordered
 * so a crash loses nothing.
 */
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { TERMINAL_RUN_STATUSES } from "@glue-run-tracker/glue-model";
import { InvalidInputError } from "../errors.ts";
import { type RunCost, runCost } from "../insights/cost.ts";
import { normalizeInstant, progressKey, snapshotRank } from "../workflow-run/order.ts";
import { deriveOutcome, failedNodes } from "../workflow-run/outcome.ts";
import { jsonify } from "../workflow-run/snapshot.ts";
import type { FailedNode, RunSnapshot, TrackedRun } from "../workflow-run/types.ts";
import { announceLease, announcementRank, announcerLease, decideAnnouncement, storedState } from "./announcement.ts";
import type { StoreContext } from "./context.ts";
import { Expressions, isConditionFailure, UpdateExpression } from "./expressions.ts";
import { ANNOUNCED_ATTRIBUTE, EntityType, timelineAttribute } from "./keys.ts";
import { guardedUpdate } from "./lease.ts";
import { addNodesToIndex } from "./node-index.ts";
import { NOT_FOUND_SINCE } from "./run-closure.ts";
import { compressGraph, GRAPH_ATTRIBUTE, graphNodeRefs, SNAPSHOT_FIELDS, servedFromItem } from "./run-item.ts";
import type {
  AnnounceDecision,
  Announcer,
  PutSnapshotResult,
  RunState,
  SnapshotInput,
  Transition,
} from "./run-store.ts";

const DAY_SECONDS = 86_400;
/**
 * Separate timeline entries (overflow) of a still-running run expire this many days
 * after the run's retention would count from their observation: long enough to
 * outlive any real run, so they go with their run without being rewritten.
 */
export const RUNNING_TIMELINE_GRACE_DAYS = 30;

/**
 * The timeline stays inside the run item while the run's finished and total action
 * counts stay at or below this. A run's observed states form a chain (each step
 * finishes or adds an action, or changes status), so it holds at most 2 × 150 + 4
 * entries of < 300 B each: under 100 KB beside the graph (a test measures it).
 * Beyond, each entry is its own item under the run's key (one more request per
 * snapshot for such runs); reads merge both.
 */
export const MAX_INLINE_TIMELINE_ACTIONS = 150;

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
  /** The timeline entry goes inside the run item (within MAX_INLINE_TIMELINE_ACTIONS). */
  inlineTimeline: boolean;
  /** insights: cost per run, from the graph (undefined without one: the stored Cost stays). */
  cost: RunCost | undefined;
}

export async function putSnapshot(ctx: StoreContext, input: SnapshotInput): Promise<PutSnapshotResult> {
  const snapshot = prepare(input, ctx.retentionDays, ctx.prices);
  const { announcer } = input;
  // Catalog entry and node index first: a crash after them leaves extra work, never a run missing from them.
  await addNodesToIndex(ctx, snapshot.run.Name, snapshot.graph?.refs ?? []);
  if (!snapshot.inlineTimeline) await putTimelineItem(ctx, snapshot);
  const current: RunState = { status: snapshot.run.Status, outcome: snapshot.outcome };
  const key = ctx.keys.runKey(snapshot.run.Name, snapshot.run.WorkflowRunId);
  // The common case, a new observation of a state already stored and announced: one write, nothing returned.
  if (await writeUnchanged(ctx, snapshot, current, announcer !== undefined)) {
    return announcer
      ? { stored: true, transition: null, announce: { kind: "announced" } }
      : { stored: true, transition: null };
  }
  const write = await writeRun(ctx, snapshot, announcer);
  if (!write.stored) {
    ctx.knownStates.forget(key);
    return refused(ctx, snapshot, announcer);
  }

  const { old } = write;
  const previous = storedState(old) ?? null;
  const changed = previous === null || previous.status !== current.status || previous.outcome !== current.outcome;
  const run = () => trackedRun(snapshot, old, ctx.identity);
  const announce = announcer
    ? await decideAnnouncement(ctx, {
        workflowName: snapshot.run.Name,
        runId: snapshot.run.WorkflowRunId,
        item: old,
        existed: old !== undefined,
        target: current,
        // The write created this state's lease unless one was there already.
        lease: announceLease(current).read(old) ?? announcerLease(announcer),
        announcer,
        run,
      })
    : undefined;
  ctx.knownStates.set(key, { ...current, announced: announce?.kind === "announced", rank: snapshot.rank });
  const result: PutSnapshotResult = { stored: true, transition: null };
  if (announce) result.announce = announce;
  if (!changed) return result;

  const transition: Transition = {
    workflowName: snapshot.run.Name,
    runId: snapshot.run.WorkflowRunId,
    previous,
    current,
    run: announce?.kind === "mine" ? announce.run : run(),
  };
  if (snapshot.run.PreviousRunId !== undefined) transition.previousRunId = snapshot.run.PreviousRunId;
  return { ...result, transition };
}

function prepare(input: SnapshotInput, retentionDays: number, prices: StoreContext["prices"]): PreparedSnapshot {
  const run = jsonify(input.run);
  if (!run.Name || !run.WorkflowRunId) throw new InvalidInputError("A run snapshot needs Name and WorkflowRunId");
  if (!run.Status) throw new InvalidInputError(`Run ${run.WorkflowRunId} of ${run.Name} has no Status`);
  const observedAt = normalizeInstant(input.observedAt, "observedAt");
  const terminal = TERMINAL_RUN_STATUSES.has(run.Status);
  const completedAt = run.CompletedOn ? normalizeInstant(run.CompletedOn, "CompletedOn") : observedAt;
  const refs = run.Graph ? graphNodeRefs(run.Graph) : [];
  const progress = progressKey(run);
  const [, finished = 0, total = 0] = progress.split(".").map(Number);
  return {
    run: run as PreparedSnapshot["run"],
    observedAt,
    via: input.via,
    rank: snapshotRank({ run, observedAt }),
    progress,
    outcome: deriveOutcome(run),
    failed: run.Graph ? failedNodes(run) : undefined,
    startedOn: run.StartedOn ? normalizeInstant(run.StartedOn, "StartedOn") : observedAt,
    terminal,
    expiresAt: retentionDays > 0 && terminal ? epochSeconds(completedAt) + retentionDays * DAY_SECONDS : undefined,
    graph: run.Graph ? { bytes: compressGraph(run.Graph), refs } : undefined,
    cost: run.Graph ? runCost(run.Graph, prices) : undefined, // insights: cost per run
    inlineTimeline: finished <= MAX_INLINE_TIMELINE_ACTIONS && total <= MAX_INLINE_TIMELINE_ACTIONS,
  };
}

/** One timeline entry: the observed state (keyed by progress, so a duplicate creates none). */
function timelineEntry(snapshot: PreparedSnapshot) {
  return jsonify({
    ObservedAt: snapshot.observedAt,
    ObservedVia: snapshot.via,
    Status: snapshot.run.Status,
    Outcome: snapshot.outcome,
    Statistics: snapshot.run.Statistics,
  });
}

/**
 * Overflow only (a run past MAX_INLINE_TIMELINE_ACTIONS): the entry as its own item,
 * written before the run item with "create if absent", so a crash between the two
 * loses no entry, and a retry or a duplicate creates none twice.
 */
async function putTimelineItem(ctx: StoreContext, snapshot: PreparedSnapshot): Promise<void> {
  const { run } = snapshot;
  const expiresAt =
    snapshot.expiresAt ??
    (ctx.retentionDays > 0
      ? epochSeconds(snapshot.observedAt) + (ctx.retentionDays + RUNNING_TIMELINE_GRACE_DAYS) * DAY_SECONDS
      : undefined);
  const item = jsonify({
    ...ctx.keys.timelineKey(run.Name, run.WorkflowRunId, snapshot.progress),
    entityType: EntityType.TimelineEntry,
    ...timelineEntry(snapshot),
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
 * UpdateItem, not PutItem: ResumedAs, AutoResume, FirstSeenAt, the timeline and the
 * announcement state are written by others (or only once) and must survive.
 * `TL#<progress>` and the announcement lease are dynamic top-level names set with
 * if_not_exists, which works alike for a new item and an existing one. ALL_OLD gives
 * the previous state.
 */
async function writeRun(
  ctx: StoreContext,
  snapshot: PreparedSnapshot,
  announcer: Announcer | undefined,
): Promise<{ stored: false } | { stored: true; old: StoredRun | undefined }> {
  const { run } = snapshot;
  const update = snapshotUpdate(ctx, snapshot);
  const { expressions } = update;
  if (announcer) {
    const lease = announcerLease(announcer);
    const state: RunState = { status: run.Status, outcome: snapshot.outcome };
    update.setIfAbsent(announceLease(state).name, { Owner: lease.owner, Until: lease.until });
  }
  const condition = `attribute_not_exists(${expressions.name("pk")}) OR ${expressions.name("Rank")} < ${expressions.value(snapshot.rank)}`;
  try {
    const result = await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: ctx.keys.runKey(run.Name, run.WorkflowRunId),
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

/** What every write of a snapshot sets: keys, fields, graph, cost, retention, the timeline entry. */
function snapshotUpdate(ctx: StoreContext, snapshot: PreparedSnapshot): UpdateExpression {
  const { run } = snapshot;
  const update = new UpdateExpression(new Expressions());
  update.set("entityType", EntityType.Run).set("Rank", snapshot.rank);
  for (const [key, value] of Object.entries(
    ctx.keys.runIndexKeys(run.Name, run.WorkflowRunId, snapshot.startedOn, snapshot.outcome),
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
  if (snapshot.inlineTimeline) update.setIfAbsent(timelineAttribute(snapshot.progress), timelineEntry(snapshot));
  return update;
}

/**
 * The write of a snapshot that, as far as this process knows, changes no state: the same
 * update, applied only if the stored item is older, holds the very same state and (for an
 * announcer) has it announced already — then nothing is to report and nothing is returned
 * (ALL_OLD, the whole old item with its graph, was most of the write's cost). Any other
 * stored item refuses it, and the full write decides. False when it was not applied.
 * (docs/decisions/store-unchanged-state-write.md)
 */
async function writeUnchanged(
  ctx: StoreContext,
  snapshot: PreparedSnapshot,
  state: RunState,
  announcing: boolean,
): Promise<boolean> {
  const key = ctx.keys.runKey(snapshot.run.Name, snapshot.run.WorkflowRunId);
  const known = ctx.knownStates.get(key);
  if (!known || known.status !== state.status || known.outcome !== state.outcome) return false;
  if ((announcing && !known.announced) || snapshot.rank <= known.rank) return false;
  const update = snapshotUpdate(ctx, snapshot);
  const e = update.expressions;
  const conditions = [
    `attribute_exists(${e.name("pk")})`,
    `${e.name("Rank")} < ${e.value(snapshot.rank)}`,
    `${e.name("Status")} = ${e.value(state.status)}`,
    `${e.name("Outcome")} = ${e.value(state.outcome)}`,
  ];
  if (announcing) conditions.push(`${e.name(`${ANNOUNCED_ATTRIBUTE}.Rank`)} >= ${e.value(announcementRank(state))}`);
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: key,
        UpdateExpression: update.toString(),
        ConditionExpression: conditions.join(" AND "),
        ...e.attributes(),
      }),
    );
    ctx.knownStates.set(key, { ...known, rank: snapshot.rank });
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    ctx.knownStates.forget(key);
    return false;
  }
}

/**
 * The rare path: the stored snapshot is as or more progressed (a late or repeated
 * delivery). Its timeline entry is still recorded (a second UpdateItem, which also
 * returns the stored item), and an announcer learns whether the stored state still
 * awaits its announcement — e.g. the first attempt crashed before publishing.
 */
async function refused(
  ctx: StoreContext,
  snapshot: PreparedSnapshot,
  announcer: Announcer | undefined,
): Promise<PutSnapshotResult> {
  const result: PutSnapshotResult = { stored: false, transition: null };
  if (!snapshot.inlineTimeline && !announcer) return result;
  const { run } = snapshot;
  const key = ctx.keys.runKey(run.Name, run.WorkflowRunId);
  let item: Record<string, unknown> | undefined;
  if (snapshot.inlineTimeline) {
    const update = new UpdateExpression().setIfAbsent(timelineAttribute(snapshot.progress), timelineEntry(snapshot));
    const e = update.expressions;
    const stored = await guardedUpdate(ctx, {
      key,
      update,
      condition: `attribute_exists(${e.name("pk")})`,
      ...(announcer ? { returnValues: "ALL_NEW" as const } : {}),
    });
    item = stored.applied ? stored.attributes : undefined;
  } else {
    const read = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: key, ConsistentRead: true }));
    item = read.Item;
  }
  if (!announcer) return result;
  const target = storedState(item);
  if (!item || !target) return { ...result, announce: { kind: "announced" } };
  const announce: AnnounceDecision = await decideAnnouncement(ctx, {
    workflowName: run.Name,
    runId: run.WorkflowRunId,
    item,
    existed: true,
    target,
    lease: announceLease(target).read(item),
    announcer,
    run: () => servedFromItem<TrackedRun>(item, ctx.identity),
  });
  return { ...result, announce };
}

/** The run as stored after this write: the snapshot plus what the item already held. */
function trackedRun(snapshot: PreparedSnapshot, old: StoredRun | undefined, identity: object): TrackedRun {
  // Run properties are stored, never part of the read model (run-item.ts).
  const { WorkflowRunProperties: _stored, ...served } = snapshot.run;
  return jsonify({
    ...identity,
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
