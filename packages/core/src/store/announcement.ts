/**
 * The announcement state of a run, kept on the run item (docs/decisions/store-single-write.md):
 * `Announced` = the state last published on the tracker bus, and one lease per state
 * (`AnnounceLease#<Status>#<Outcome>`, store/lease.ts) held by the one attempt publishing it.
 *
 * The snapshot's own write takes the lease of the state it stores with
 * `if_not_exists`: the writer that makes a transition creates that state's lease, so
 * it announces with no extra request; a later writer of the same state finds the
 * lease and leaves it alone (it never overwrites an in-flight announcer's lease).
 *
 *   t0  A  write RUNNING→COMPLETED, creates AnnounceLease#COMPLETED#FAILED (A, t0+30 s)
 *   t1  B  write COMPLETED (more statistics): lease exists, held by A → busy
 *   t2  A  PutEvents ok → commit: Announced = COMPLETED/FAILED, lease removed
 *   t3  C  write COMPLETED: Announced ≥ stored state → nothing (one request)
 *
 * A lease for a state not above `Announced` means nothing (its work is done).
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import type { Outcome, TrackedRun } from "../workflow-run/types.ts";
import type { StoreContext } from "./context.ts";
import type { Expressions } from "./expressions.ts";
import { UpdateExpression } from "./expressions.ts";
import { ANNOUNCED_ATTRIBUTE, announceLeaseAttribute, type TableKey } from "./keys.ts";
import { claimLease, guardedUpdate, type Lease, LeaseAttribute, leaseFor, settleLease } from "./lease.ts";
import { servedFromItem } from "./run-item.ts";
import type { AnnounceDecision, Announcer, RunState } from "./run-store.ts";

type Ctx = Pick<StoreContext, "client" | "tableName" | "keys" | "identity"> &
  Partial<Pick<StoreContext, "knownStates">>;

const STATUS_RANK: Record<WorkflowRunStatus, number> = {
  RUNNING: 0,
  STOPPING: 1,
  COMPLETED: 2,
  STOPPED: 2,
  ERROR: 2,
};

/**
 * Order of announced states: a run only moves forward (RUNNING → STOPPING →
 * terminal); a non-RUNNING outcome within one status is further along.
 */
export function announcementRank(state: RunState): number {
  return STATUS_RANK[state.status] * 2 + (state.outcome === "RUNNING" ? 0 : 1);
}

/** The lease of the announcement of `state`. */
export function announceLease(state: RunState): LeaseAttribute {
  return new LeaseAttribute(announceLeaseAttribute(state.status, state.outcome));
}

/** The lease this attempt writes with its snapshot (created only if that state has none). */
export function announcerLease(announcer: Announcer): Lease {
  return leaseFor(announcer.owner, announcer.now, announcer.leaseMs);
}

/** The run's state as stored in an item (Status + Outcome). */
export function storedState(item: Record<string, unknown> | undefined): RunState | undefined {
  const status = item?.Status as WorkflowRunStatus | undefined;
  const outcome = item?.Outcome as Outcome | undefined;
  return status && outcome ? { status, outcome } : undefined;
}

function announcedOf(item: Record<string, unknown> | undefined): RunState | undefined {
  const stored = item?.[ANNOUNCED_ATTRIBUTE] as { Status?: WorkflowRunStatus; Outcome?: Outcome } | undefined;
  return stored?.Status && stored.Outcome ? { status: stored.Status, outcome: stored.Outcome } : undefined;
}

/** Condition: the announced state only grows. */
function announcedBelow(e: Expressions, rank: number): string {
  return `(attribute_not_exists(${e.name(ANNOUNCED_ATTRIBUTE)}) OR ${e.name(`${ANNOUNCED_ATTRIBUTE}.Rank`)} < ${e.value(rank)})`;
}

function setAnnounced(update: UpdateExpression, state: RunState): UpdateExpression {
  return update.set(ANNOUNCED_ATTRIBUTE, {
    Status: state.status,
    Outcome: state.outcome,
    Rank: announcementRank(state),
  });
}

export interface DecisionInput {
  workflowName: string;
  runId: string;
  /** The item as it was before this attempt's write (or as read): its `Announced`. */
  item: Record<string, unknown> | undefined;
  /** The run item existed before (so its state may have been announced by the legacy ledger). */
  existed: boolean;
  /** The stored state to announce. */
  target: RunState;
  /** The target's lease as stored after this attempt's write. */
  lease: Lease | undefined;
  announcer: Announcer;
  run: () => TrackedRun;
}

/**
 * Decides what the announcer does about `target`, claiming the lease (one more
 * request) only when it is free but not already this attempt's.
 */
export async function decideAnnouncement(ctx: Ctx, input: DecisionInput): Promise<AnnounceDecision> {
  const { target, announcer } = input;
  const key = ctx.keys.runKey(input.workflowName, input.runId);
  const rank = announcementRank(target);
  let announced = announcedOf(input.item);
  if (announced && announcementRank(announced) >= rank) return { kind: "announced" };
  const mine = input.lease?.owner === announcer.owner;
  if (!mine && input.lease && input.lease.until > announcer.now.toISOString()) return { kind: "busy" };
  if (!announced && input.existed) {
    // Runs from before the announcement state moved onto the run item (rare path, read once).
    const legacy = await readLegacyAnnounced(ctx, input.workflowName, input.runId);
    if (legacy && announcementRank(legacy) >= rank) {
      await recordAnnounced(ctx, key, legacy);
      return { kind: "announced" };
    }
    announced = legacy;
  }
  if (!mine) {
    const claim = await claimLease(ctx, {
      key,
      attribute: announceLease(target),
      lease: announcerLease(announcer),
      now: announcer.now,
      condition: (e) => announcedBelow(e, rank),
    });
    if (!claim.applied) return { kind: "busy" };
  }
  return { kind: "mine", state: target, previous: announced ?? null, run: input.run() };
}

/** claimAnnouncement: the stored state of a run written by other means (a closure). */
export async function claimAnnouncement(
  ctx: Ctx,
  workflowName: string,
  runId: string,
  announcer: Announcer,
): Promise<AnnounceDecision | undefined> {
  const key = ctx.keys.runKey(workflowName, runId);
  const { Item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: key, ConsistentRead: true }));
  if (!Item) return undefined;
  const target = storedState(Item);
  if (!target) return { kind: "announced" };
  return decideAnnouncement(ctx, {
    workflowName,
    runId,
    item: Item,
    existed: true,
    target,
    lease: announceLease(target).read(Item),
    announcer,
    run: () => servedFromItem<TrackedRun>(Item, ctx.identity),
  });
}

/**
 * Records `state` as announced and ends `owner`'s lease, in one write. If the lease
 * was taken over meanwhile (this attempt outlived it), the state is still recorded.
 */
export async function commitAnnouncement(
  ctx: Ctx,
  workflowName: string,
  runId: string,
  owner: string,
  state: RunState,
): Promise<void> {
  const key = ctx.keys.runKey(workflowName, runId);
  const rank = announcementRank(state);
  const settled = await settleLease(ctx, {
    key,
    attribute: announceLease(state),
    owner,
    update: setAnnounced(new UpdateExpression(), state),
    condition: (e) => announcedBelow(e, rank),
  });
  if (!settled.applied) await recordAnnounced(ctx, key, state);
  ctx.knownStates?.markAnnounced(key, state);
}

/** Ends `owner`'s lease on `state` without recording it (the publish failed). */
export async function releaseAnnouncement(
  ctx: Ctx,
  workflowName: string,
  runId: string,
  owner: string,
  state: RunState,
): Promise<void> {
  await settleLease(ctx, { key: ctx.keys.runKey(workflowName, runId), attribute: announceLease(state), owner });
}

/** Sets `Announced` if it grows (no lease involved): a legacy state carried over, a late commit. */
async function recordAnnounced(ctx: Ctx, key: TableKey, state: RunState): Promise<void> {
  const update = setAnnounced(new UpdateExpression(), state);
  const e = update.expressions;
  await guardedUpdate(ctx, {
    key,
    update,
    condition: `attribute_exists(${e.name("pk")}) AND ${announcedBelow(e, announcementRank(state))}`,
  });
}

/** The state the former ANNOUNCED# ledger item says was published, if any. */
async function readLegacyAnnounced(ctx: Ctx, workflowName: string, runId: string): Promise<RunState | undefined> {
  const { Item } = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: ctx.keys.legacyAnnouncementKey(workflowName, runId),
      ConsistentRead: true,
    }),
  );
  const status = Item?.AnnouncedStatus as WorkflowRunStatus | undefined;
  const outcome = Item?.AnnouncedOutcome as Outcome | undefined;
  return status && outcome ? { status, outcome } : undefined;
}
