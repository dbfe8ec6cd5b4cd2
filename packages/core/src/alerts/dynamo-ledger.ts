/**
 * The delivery ledger in the tracker table: one item per (transition, channel), beside
 * the run it alerts on, so that duplicates handled by two alerts containers at once
 * still send one alert (docs/decisions/store-ledgers-on-one-lease.md).
 *
 *   claim   the item's lease (store/lease.ts)    unless it says "delivered"
 *   deliver to the channel
 *   commit  "delivered", dropping the lease      (if the channel failed: only drop it)
 *
 * A container that loses the claim to a live lease throws AlertInProgressError: its
 * message comes back after the visibility timeout (longer than the lease) and then
 * finds "delivered", or an expired lease of a container that died, and delivers.
 * Items expire with their run, through the table's TTL after the run retention.
 */
import { createHash, randomUUID } from "node:crypto";
import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { UpdateExpression } from "../store/expressions.ts";
import { EntityType, keysFor, type TableKey, trackerAlertDeliveryKey } from "../store/keys.ts";
import { claimLease, LeaseAttribute, leaseFor, settleLease } from "../store/lease.ts";
import { Queues } from "../topology.ts";
import { AlertInProgressError } from "./errors.ts";
import { createDeliveryLedger, type DeliveryKey, type DeliveryLedger, deliveryKeyText } from "./ledger.ts";

const DELIVERED = "delivered";
/** The lease of the container delivering right now. */
const DELIVERY_LEASE = new LeaseAttribute("DeliveryLease");
const DAY_SECONDS = 86_400;

export interface DynamoLedgerOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** How long a claim holds: at least the alerts function's timeout (default: the alerts queue's). */
  leaseSeconds?: number;
  /** The run retention (RUN_RETENTION_DAYS): deliveries expire with their run; 0 or unset keeps them, as the run. */
  retentionDays?: number;
  now?: () => Date;
}

/**
 * The durable ledger, behind the in-process one (duplicates inside one container wait
 * for each other instead of retrying).
 *
 * @example
 * const ledger = createDynamoDeliveryLedger({ client: createDocumentClient(), tableName, retentionDays: 90 });
 * await ledger.once(key, () => sns.publish(alert)); // true: this call delivered
 */
export function createDynamoDeliveryLedger(options: DynamoLedgerOptions): DeliveryLedger {
  const inProcess = createDeliveryLedger();
  const durable = durableLedger(options);
  return {
    async once(key, deliver) {
      let delivered = false;
      const first = await inProcess.once(key, async () => {
        delivered = await durable.once(key, deliver);
      });
      return first && delivered;
    },
  };
}

function durableLedger(options: DynamoLedgerOptions): DeliveryLedger {
  const ctx = { client: options.client, tableName: options.tableName };
  const clock = options.now ?? (() => new Date());
  const leaseMs = (options.leaseSeconds ?? Queues.alerts.functionTimeoutSeconds) * 1000;
  const retentionSeconds = (options.retentionDays ?? 0) * DAY_SECONDS;

  const read = async (key: TableKey) =>
    (await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: key, ConsistentRead: true }))).Item;

  /** `owner`: this call's id, so the SDK's resend of a claim whose response was lost still wins it. */
  async function claim(key: DeliveryKey, text: string, now: Date, owner: string) {
    const itemKey =
      key.workflowName !== undefined && key.runId !== undefined
        ? keysFor(key.keyPrefix ?? "").alertDeliveryKey(key.workflowName, key.runId, digest(text))
        : trackerAlertDeliveryKey(digest(text));
    const update = new UpdateExpression().set("AlertKey", text.replaceAll("\u0000", "|"));
    update.set("entityType", EntityType.AlertDelivery);
    if (retentionSeconds > 0) update.set("ExpiresAt", Math.floor(now.getTime() / 1000) + retentionSeconds);
    const claimed = await claimLease(ctx, {
      key: itemKey,
      attribute: DELIVERY_LEASE,
      lease: leaseFor(owner, now, leaseMs),
      now,
      condition: (e) => `attribute_not_exists(${e.name("State")})`,
      update,
    });
    if (claimed.applied) return { itemKey, state: "claimed" as const };
    const item = await read(itemKey);
    return { itemKey, state: item?.State === DELIVERED ? ("delivered" as const) : ("held" as const) };
  }

  /**
   * What the ledger said before deliveries moved beside their run: a delivery recorded
   * (or under way in a container of the previous version) just before the upgrade.
   * One read per alert actually sent; remove one release after the move.
   */
  async function legacyState(text: string, now: Date): Promise<"delivered" | "held" | undefined> {
    const item = await read(trackerAlertDeliveryKey(digest(text)));
    if (item?.State === DELIVERED) return "delivered";
    const until = item?.LeaseUntil;
    return typeof until === "string" && until > now.toISOString() ? "held" : undefined;
  }

  return {
    async once(key, deliver) {
      const now = clock();
      const owner = randomUUID();
      const text = deliveryKeyText(key);
      const { itemKey, state } = await claim(key, text, now, owner);
      if (state === "delivered") return false;
      if (state === "held") throw new AlertInProgressError(text);
      const settle = (delivered: boolean) =>
        settleLease(ctx, {
          key: itemKey,
          attribute: DELIVERY_LEASE,
          owner,
          ...(delivered ? { update: new UpdateExpression().set("State", DELIVERED) } : {}),
        });
      // Only a run's delivery has an older home to consult; the others never moved.
      // A member account's deliveries were always beside their run (accounts came after the move).
      const beside = key.workflowName !== undefined && key.runId !== undefined && !key.keyPrefix;
      const legacy = beside
        ? await legacyState(text, now).catch(async (error) => {
            await settle(false).catch(() => undefined);
            throw error;
          })
        : undefined;
      if (legacy === "delivered") {
        await settle(true).catch(() => undefined);
        return false;
      }
      if (legacy === "held") {
        await settle(false).catch(() => undefined);
        throw new AlertInProgressError(text);
      }
      try {
        await deliver();
      } catch (error) {
        // Best effort: if the release fails too, the retry waits for the lease to expire.
        await settle(false).catch(() => undefined);
        throw error;
      }
      // Delivered. If recording it fails, a duplicate after the lease could send again:
      // better than reporting a delivered alert as failed and resending it at once.
      await settle(true).catch(() => undefined);
      return true;
    },
  };
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
