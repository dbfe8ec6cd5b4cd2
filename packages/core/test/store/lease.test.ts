/**
 * The one lease module (dynalite, and DynamoDB Local with `npm run test:dynamodb-local`):
 * claim when free, expired or ours; commit and release only while ours; extra
 * conditions and changes ride in the same request.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { UpdateExpression } from "../../src/store/expressions.ts";
import { claimLease, LeaseAttribute, leaseFor, settleLease } from "../../src/store/lease.ts";
import { useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();
const KEY = { pk: "WF#nightly", sk: "RUN#wr_1" };
const WORK = new LeaseAttribute("WorkLease");
const T0 = new Date("2026-12-05T12:00:00.000Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

async function table() {
  const { tableName } = await local.freshStore();
  const ctx = { client: local.dynamo.documentClient, tableName };
  await ctx.client.send(new PutCommand({ TableName: tableName, Item: { ...KEY, State: "pending" } }));
  const item = async () =>
    (await ctx.client.send(new GetCommand({ TableName: tableName, Key: KEY, ConsistentRead: true }))).Item;
  const claim = (owner: string, now: Date, ms = 30_000) =>
    claimLease(ctx, { key: KEY, attribute: WORK, lease: leaseFor(owner, now, ms), now });
  return { ctx, item, claim };
}

describe("lease", () => {
  it("one of two owners claims a free lease; the other is refused while it is live", async () => {
    // Prepare
    const { claim, item } = await table();

    // Act
    const first = await claim("a", T0);
    const second = await claim("b", later(1_000));

    // Assert
    expect(first.applied).toBe(true);
    expect(second.applied).toBe(false);
    expect(WORK.read(await item())).toEqual({ owner: "a", until: later(30_000).toISOString() });
  });

  it("a resend by the same owner wins (a claim whose response was lost)", async () => {
    // Prepare
    const { claim } = await table();
    await claim("a", T0);

    // Act
    const resend = await claim("a", later(10));

    // Assert
    expect(resend.applied).toBe(true);
  });

  it("an expired lease can be claimed by another owner, and the old owner can no longer settle it", async () => {
    // Prepare
    const { ctx, claim, item } = await table();
    await claim("a", T0);

    // Act
    const taken = await claim("b", later(30_000));
    const staleCommit = await settleLease(ctx, {
      key: KEY,
      attribute: WORK,
      owner: "a",
      update: new UpdateExpression().set("State", "done-by-a"),
    });

    // Assert
    expect(taken.applied).toBe(true);
    expect(staleCommit.applied).toBe(false);
    expect((await item())?.State).toBe("pending");
    expect(WORK.read(await item())?.owner).toBe("b");
  });

  it("commit writes the result and drops the lease in one request", async () => {
    // Prepare
    const { ctx, claim, item } = await table();
    await claim("a", T0);

    // Act
    const committed = await settleLease(ctx, {
      key: KEY,
      attribute: WORK,
      owner: "a",
      update: new UpdateExpression().set("State", "done"),
    });

    // Assert
    expect(committed.applied).toBe(true);
    const stored = await item();
    expect(stored?.State).toBe("done");
    expect(WORK.read(stored)).toBeUndefined();
  });

  it("release lets another owner claim at once", async () => {
    // Prepare
    const { ctx, claim } = await table();
    await claim("a", T0);

    // Act
    await settleLease(ctx, { key: KEY, attribute: WORK, owner: "a" });
    const next = await claim("b", later(1));

    // Assert
    expect(next.applied).toBe(true);
  });

  it("an extra condition is ANDed to the claim, and extra changes ride along with it", async () => {
    // Prepare
    const { ctx, item } = await table();
    const request = (expected: string) =>
      claimLease(ctx, {
        key: KEY,
        attribute: WORK,
        lease: leaseFor("a", T0, 1_000),
        now: T0,
        condition: (e) => `${e.name("State")} = ${e.value(expected)}`,
        update: new UpdateExpression().set("ClaimedFor", "resume"),
        returnValues: "ALL_OLD",
      });

    // Act
    const refused = await request("other");
    const applied = await request("pending");

    // Assert
    expect(refused.applied).toBe(false);
    expect(applied).toEqual({ applied: true, attributes: { ...KEY, State: "pending" } });
    expect((await item())?.ClaimedFor).toBe("resume");
  });

  it("heldByOther tells a live lease of someone else from an expired or own one", () => {
    const item = { WorkLease: { Owner: "a", Until: later(1_000).toISOString() } };
    expect(WORK.heldByOther(item, "b", T0.toISOString())).toBe(true);
    expect(WORK.heldByOther(item, "a", T0.toISOString())).toBe(false);
    expect(WORK.heldByOther(item, "b", later(1_000).toISOString())).toBe(false);
    expect(WORK.heldByOther(undefined, "b", T0.toISOString())).toBe(false);
  });
});
