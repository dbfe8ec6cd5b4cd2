/**
 * The delivery ledger in the tracker table: one item per (transition, channel), so
 * that duplicates handled by two alerts containers at once still send one alert.
 *
 *   claim   "delivering", with a lease   (only if absent, or a lease that expired)
 *   deliver to the channel
 *   commit  "delivered"                  (or, if the channel failed, release the claim)
 *
 * A container that loses the claim to a live lease throws AlertInProgressError: its
 * message comes back after the visibility timeout (longer than the lease) and then
 * finds "delivered", or an expired lease of a container that died, and delivers.
 * Items expire through the table's TTL after `retentionDays`.
 */
import { createHash, randomUUID } from "node:crypto";
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "../store/expressions.ts";
import { alertDeliveryKey, EntityType } from "../store/keys.ts";
import { Queues } from "../topology.ts";
import { AlertInProgressError } from "./errors.ts";
import { createDeliveryLedger, type DeliveryLedger } from "./ledger.ts";

const DeliveryState = { Delivering: "delivering", Delivered: "delivered" } as const;

export interface DynamoLedgerOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** How long a claim holds: at least the alerts function's timeout (default: the alerts queue's). */
  leaseSeconds?: number;
  /** How long delivered entries are kept (default 30 days; duplicates come within minutes). */
  retentionDays?: number;
  now?: () => Date;
}

/**
 * The durable ledger, behind the in-process one (duplicates inside one container wait
 * for each other instead of retrying).
 *
 * @example
 * const ledger = createDynamoDeliveryLedger({ client: createDocumentClient(), tableName });
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
  const { client, tableName } = options;
  const clock = options.now ?? (() => new Date());
  const leaseMs = (options.leaseSeconds ?? Queues.alerts.functionTimeoutSeconds) * 1000;
  const retentionSeconds = (options.retentionDays ?? 30) * 86_400;
  const keyOf = (key: string) => alertDeliveryKey(createHash("sha256").update(key).digest("hex"));

  /** `owner`: this call's id, so the SDK's retry of a claim whose response was lost still wins it. */
  async function claim(
    key: string,
    leaseUntil: string,
    now: Date,
    owner: string,
  ): Promise<"claimed" | "delivered" | "held"> {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(key),
          UpdateExpression:
            "SET #state = :delivering, LeaseUntil = :until, LeaseOwner = :owner, AlertKey = :key, entityType = :type, ExpiresAt = :expires",
          ConditionExpression:
            "attribute_not_exists(pk) OR (#state = :delivering AND (LeaseUntil < :now OR LeaseOwner = :owner))",
          ExpressionAttributeNames: { "#state": "State" },
          ExpressionAttributeValues: {
            ":delivering": DeliveryState.Delivering,
            ":until": leaseUntil,
            ":owner": owner,
            ":now": now.toISOString(),
            ":key": key.replaceAll("\u0000", "|"),
            ":type": EntityType.AlertDelivery,
            ":expires": Math.floor(now.getTime() / 1000) + retentionSeconds,
          },
        }),
      );
      return "claimed";
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(key), ConsistentRead: true }));
    return Item?.State === DeliveryState.Delivered ? "delivered" : "held";
  }

  /** Only the claim this call made (a later claimer's lease is not ours to touch). */
  async function settle(key: string, leaseUntil: string, delivered: boolean): Promise<void> {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(key),
          UpdateExpression: delivered ? "SET #state = :delivered REMOVE LeaseUntil" : "SET LeaseUntil = :released",
          ConditionExpression: "#state = :delivering AND LeaseUntil = :until",
          ExpressionAttributeNames: { "#state": "State" },
          ExpressionAttributeValues: {
            ":delivering": DeliveryState.Delivering,
            ":until": leaseUntil,
            ...(delivered ? { ":delivered": DeliveryState.Delivered } : { ":released": "" }),
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  return {
    async once(key, deliver) {
      const now = clock();
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      const claimed = await claim(key, leaseUntil, now, randomUUID());
      if (claimed === "delivered") return false;
      if (claimed === "held") throw new AlertInProgressError(key);
      try {
        await deliver();
      } catch (error) {
        // Best effort: if the release fails too, the retry waits for the lease to expire.
        await settle(key, leaseUntil, false).catch(() => undefined);
        throw error;
      }
      // Delivered. If recording it fails, a duplicate after the lease could send again:
      // better than reporting a delivered alert as failed and resending it at once.
      await settle(key, leaseUntil, true).catch(() => undefined);
      return true;
    },
  };
}
