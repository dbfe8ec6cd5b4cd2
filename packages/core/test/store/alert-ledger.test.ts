/**
 * The alerts delivery ledger in the tracker table (dynalite, and DynamoDB Local with
 * `npm run test:dynamodb-local`): one alert per (transition, channel) even when two
 * alerts containers handle duplicates of an event at the same time.
 */
import { createHash } from "node:crypto";
import { PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createDynamoDeliveryLedger } from "../../src/alerts/dynamo-ledger.ts";
import { AlertInProgressError } from "../../src/alerts/errors.ts";
import { useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();
const KEY = {
  workflowName: "nightly",
  runId: "wr_1",
  kind: "failure",
  detail: ["COMPLETED", "FAILED"],
  channel: "sns",
};
const T0 = Date.parse("2026-11-30T12:00:00.000Z");

/** A fresh table, and a factory of "containers": ledgers on it, each with its own process state and clock. */
async function containers(retentionDays?: number) {
  const { tableName } = await local.freshStore();
  const container = (now = T0) =>
    createDynamoDeliveryLedger({
      client: local.dynamo.documentClient,
      tableName,
      leaseSeconds: 60,
      now: () => new Date(now),
      ...(retentionDays === undefined ? {} : { retentionDays }),
    });
  return Object.assign(container, { tableName });
}

/** Every item in the run's partition (pk WF#nightly). */
async function runPartition(tableName: string) {
  const { Items } = await local.dynamo.documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": "WF#nightly" },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

/** An item as the ledger before the move wrote it (pk ALERTS, sk DELIVERY#<sha256 of the key as it was then>). */
async function legacyDelivery(tableName: string, item: Record<string, unknown>) {
  const digest = createHash("sha256")
    .update("failure\u0000nightly\u0000wr_1\u0000COMPLETED\u0000FAILED|sns")
    .digest("hex");
  await local.dynamo.documentClient.send(
    new PutCommand({ TableName: tableName, Item: { pk: "ALERTS", sk: `DELIVERY#${digest}`, ...item } }),
  );
}

describe("alerts delivery ledger (DynamoDB)", () => {
  it("delivers once across two containers; the one that loses the race is retried, then sees it delivered", async () => {
    // Prepare
    const container = await containers();
    const [first, second] = [container(), container()];
    const sent: string[] = [];
    const slowSend = (by: string) => async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      sent.push(by);
    };

    // Act
    const results = await Promise.allSettled([
      first.once(KEY, slowSend("first")),
      second.once(KEY, slowSend("second")),
    ]);
    const retried = await container(T0 + 360_000).once(KEY, slowSend("retry"));

    // Assess
    expect(sent).toHaveLength(1);
    const fulfilled = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);
    expect(fulfilled).toEqual([true]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toBeInstanceOf(AlertInProgressError);
    expect(retried).toBe(false);
  });

  it("lets another container deliver after a failed delivery gave its claim back", async () => {
    // Prepare
    const container = await containers();
    const failing = container();
    const other = container(T0 + 1_000);

    // Act
    const failed = failing.once(KEY, async () => {
      throw new Error("SNS unavailable");
    });
    await expect(failed).rejects.toThrow("SNS unavailable");
    const delivered = await other.once(KEY, async () => undefined);

    // Assess
    expect(delivered).toBe(true);
  });

  it("takes over the claim of a container that died mid-delivery once its lease has expired", async () => {
    // Prepare: the first container never finishes (until the test lets it)
    const container = await containers();
    let finish: () => void = () => undefined;
    const stuck = container().once(KEY, () => new Promise<void>((resolve) => (finish = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Act
    const whileHeld = container(T0 + 30_000).once(KEY, async () => undefined);
    await expect(whileHeld).rejects.toBeInstanceOf(AlertInProgressError);
    const afterLease = await container(T0 + 61_000).once(KEY, async () => undefined);
    finish();
    await stuck;

    // Assess
    expect(afterLease).toBe(true);
    expect(await container(T0 + 120_000).once(KEY, async () => undefined)).toBe(false);
  });

  it("still delivers when its claim was written but the response lost (the SDK sends it again)", async () => {
    // Prepare: a client that sends the first write twice, answering with the second result
    const { tableName } = await local.freshStore();
    const real = local.dynamo.documentClient;
    let resent = false;
    const lossy = {
      send: async (command: Parameters<typeof real.send>[0]) => {
        if (!resent && command instanceof UpdateCommand) {
          resent = true;
          await real.send(command);
        }
        return real.send(command);
      },
    } as typeof real;
    const ledger = createDynamoDeliveryLedger({ client: lossy, tableName, now: () => new Date(T0) });
    const sent: string[] = [];

    // Act
    const delivered = await ledger.once(KEY, async () => void sent.push("sns"));

    // Assess
    expect(resent).toBe(true);
    expect(delivered).toBe(true);
    expect(sent).toEqual(["sns"]);
  });

  it("records each delivery beside its run, one item per channel, expiring with the run", async () => {
    // Prepare
    const container = await containers(90);

    // Act
    await container().once(KEY, async () => undefined);
    await container().once({ ...KEY, channel: "slack" }, async () => undefined);

    // Assess
    const items = await runPartition(container.tableName);
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.sk).toMatch(/^RUN#wr_1#ALERT#[0-9a-f]{64}$/);
      expect(item).toMatchObject({
        State: "delivered",
        entityType: "AlertDelivery",
        ExpiresAt: T0 / 1000 + 90 * 86_400,
      });
      expect(item).not.toHaveProperty("DeliveryLease");
    }
    expect(items.map((item) => item.AlertKey).sort()).toEqual([
      "failure|nightly|wr_1|COMPLETED|FAILED|slack",
      "failure|nightly|wr_1|COMPLETED|FAILED|sns",
    ]);
  });

  it("keeps deliveries as long as the run when runs are kept forever (no retention)", async () => {
    // Prepare
    const container = await containers();

    // Act
    await container().once(KEY, async () => undefined);

    // Assess
    const [item] = await runPartition(container.tableName);
    expect(item?.State).toBe("delivered");
    expect(item).not.toHaveProperty("ExpiresAt");
  });

  it("does not send again what the ledger recorded before deliveries moved beside their run", async () => {
    // Prepare
    const container = await containers();
    await legacyDelivery(container.tableName, { State: "delivered", AlertKey: "failure|nightly|wr_1" });
    const sent: string[] = [];

    // Act
    const first = await container().once(KEY, async () => void sent.push("sns"));
    const again = await container(T0 + 1_000).once(KEY, async () => void sent.push("sns"));

    // Assess
    expect([first, again]).toEqual([false, false]);
    expect(sent).toEqual([]);
    expect((await runPartition(container.tableName))[0]?.State).toBe("delivered");
  });

  it("waits for a delivery a container of the previous version is making, and takes over once its lease expired", async () => {
    // Prepare
    const container = await containers();
    const leaseUntil = new Date(T0 + 60_000).toISOString();
    await legacyDelivery(container.tableName, { State: "delivering", LeaseUntil: leaseUntil, LeaseOwner: "old" });
    const sent: string[] = [];

    // Act
    const whileHeld = container(T0 + 1_000).once(KEY, async () => void sent.push("during"));
    await expect(whileHeld).rejects.toBeInstanceOf(AlertInProgressError);
    const afterLease = await container(T0 + 61_000).once(KEY, async () => void sent.push("after"));

    // Assess
    expect(afterLease).toBe(true);
    expect(sent).toEqual(["after"]);
  });
});
