/**
 * The one lease mechanism of the tracker (docs/decisions/store-one-lease.md). Every
 * "only one of us does this" — announcing a run's state, resuming a run, delivering
 * an alert — is a lease on the item it guards: a map attribute `{ Owner, Until }`
 * written by a conditional UpdateItem, so it can ride along with any other change
 * to that item in the same request.
 *
 *   claim    when absent, expired, or already ours
 *   commit   only while ours: remove the lease (plus the caller's result, same write)
 *   release  only while ours: remove the lease, so a retry may claim at once
 *
 * "Already ours" matters: when a claim's response is lost, the SDK resends it, and
 * the resend must win rather than find the lease held and drop the work. So owners
 * are per attempt (a UUID or a message id), never per process.
 * `Until` is an ISO-8601 UTC instant: those compare in time order as strings.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { StoreContext } from "./context.ts";
import { type Expressions, isConditionFailure, UpdateExpression } from "./expressions.ts";
import type { TableKey } from "./keys.ts";

export interface Lease {
  owner: string;
  /** ISO-8601 UTC instant after which anyone may claim. */
  until: string;
}

/** A lease as stored (the map attribute's shape). */
interface StoredLease {
  Owner?: string;
  Until?: string;
}

/** The lease kept in one attribute of an item. */
export class LeaseAttribute {
  constructor(readonly name: string) {}

  /** Condition: nobody else holds a live lease at `now`. */
  claimable(e: Expressions, owner: string, now: string): string {
    const lease = e.name(this.name);
    return `(attribute_not_exists(${lease}) OR ${e.name(`${this.name}.Until`)} <= ${e.value(now)} OR ${this.ownedBy(e, owner)})`;
  }

  /** Condition: `owner` still holds it (whether or not it has expired: nobody took it over). */
  ownedBy(e: Expressions, owner: string): string {
    return `${e.name(`${this.name}.Owner`)} = ${e.value(owner)}`;
  }

  /** Adds "take the lease" to an update. */
  take(update: UpdateExpression, lease: Lease): UpdateExpression {
    return update.set(this.name, { Owner: lease.owner, Until: lease.until });
  }

  /** Adds "drop the lease" to an update. */
  drop(update: UpdateExpression): UpdateExpression {
    return update.remove(this.name);
  }

  /** The lease an item holds, if any. */
  read(item: Record<string, unknown> | undefined): Lease | undefined {
    const stored = item?.[this.name] as StoredLease | undefined;
    return stored?.Owner && stored.Until ? { owner: stored.Owner, until: stored.Until } : undefined;
  }

  /** True when someone other than `owner` holds a lease that is live at `now`. */
  heldByOther(item: Record<string, unknown> | undefined, owner: string, now: string): boolean {
    const lease = this.read(item);
    return lease !== undefined && lease.owner !== owner && lease.until > now;
  }
}

/** A lease that starts at `now` and lasts `ms`. */
export function leaseFor(owner: string, now: Date, ms: number): Lease {
  return { owner, until: new Date(now.getTime() + ms).toISOString() };
}

export interface GuardedUpdate {
  key: TableKey;
  update: UpdateExpression;
  /** ConditionExpression built on `update.expressions`. */
  condition: string;
  /** Ask for the item as it was before the write (ALL_OLD), after it (ALL_NEW), or only what it changed (UPDATED_NEW). */
  returnValues?: "ALL_OLD" | "ALL_NEW" | "UPDATED_NEW";
}

export type GuardedResult = { applied: true; attributes: Record<string, unknown> | undefined } | { applied: false };

/**
 * One conditional UpdateItem; a failed condition is an answer (`applied: false`),
 * every other error is thrown.
 */
export async function guardedUpdate(
  ctx: Pick<StoreContext, "client" | "tableName">,
  request: GuardedUpdate,
): Promise<GuardedResult> {
  try {
    const result = await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: request.key,
        UpdateExpression: request.update.toString(),
        ConditionExpression: request.condition,
        ...(request.returnValues ? { ReturnValues: request.returnValues } : {}),
        ...request.update.expressions.attributes(),
      }),
    );
    return { applied: true, attributes: result.Attributes as Record<string, unknown> | undefined };
  } catch (error) {
    if (isConditionFailure(error)) return { applied: false };
    throw error;
  }
}

export interface ClaimRequest {
  key: TableKey;
  attribute: LeaseAttribute;
  lease: Lease;
  now: Date;
  /** More conditions the claim needs (built on `update.expressions`), ANDed to "claimable". */
  condition?: (e: Expressions) => string | undefined;
  /** More changes to write with the claim. */
  update?: UpdateExpression;
  returnValues?: "ALL_OLD" | "ALL_NEW";
}

/** Takes the lease if nobody else holds a live one (and the extra condition holds). */
export function claimLease(
  ctx: Pick<StoreContext, "client" | "tableName">,
  request: ClaimRequest,
): Promise<GuardedResult> {
  const update = request.attribute.take(request.update ?? new UpdateExpression(), request.lease);
  const e = update.expressions;
  const extra = request.condition?.(e);
  const claimable = request.attribute.claimable(e, request.lease.owner, request.now.toISOString());
  return guardedUpdate(ctx, {
    key: request.key,
    update,
    condition: extra ? `${claimable} AND ${extra}` : claimable,
    ...(request.returnValues ? { returnValues: request.returnValues } : {}),
  });
}

export interface SettleRequest {
  key: TableKey;
  attribute: LeaseAttribute;
  owner: string;
  /** The result to record with the commit (omit to just drop the lease). */
  update?: UpdateExpression;
  condition?: (e: Expressions) => string | undefined;
}

/**
 * Ends the lease `owner` holds, writing `update` in the same request: a commit when
 * it carries the work's result, a release when it carries nothing. Applied only
 * while the lease is still `owner`'s: a later claimer's lease is not ours to touch.
 */
export function settleLease(
  ctx: Pick<StoreContext, "client" | "tableName">,
  request: SettleRequest,
): Promise<GuardedResult> {
  const update = request.attribute.drop(request.update ?? new UpdateExpression());
  const e = update.expressions;
  const extra = request.condition?.(e);
  const owned = request.attribute.ownedBy(e, request.owner);
  return guardedUpdate(ctx, { key: request.key, update, condition: extra ? `${owned} AND ${extra}` : owned });
}
