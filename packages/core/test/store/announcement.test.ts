/**
 * The announcement state on the run item (store/announcement.ts) through
 * recordSnapshot, on dynalite and DynamoDB Local: the request count per kind of
 * snapshot, the lease's subtle cases, and data written before the state moved
 * onto the run item (the ANNOUNCED# ledger item, separate timeline items).
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { Announcement, announceRunState, recordSnapshot } from "../../src/ingest/record-snapshot.ts";
import { runIndexKeys } from "../../src/store/keys.ts";
import { snapshotRank } from "../../src/workflow-run/order.ts";
import { at, type run, runId, threeActionRun } from "../workflow-run/fixtures.ts";
import { useLocalDynamo } from "./harness.ts";
import { type TrackerProcess, trackerProcess } from "./tracker-process.ts";

const local = useLocalDynamo();
const T0 = new Date(at(10));
const { running, failed } = threeActionRun;

async function fresh(options: Parameters<typeof trackerProcess>[2] = {}) {
  const { tableName } = await local.freshStore();
  const process = trackerProcess(local.dynamo, tableName, options);
  const deps = (now = T0) => ({ store: process.store, publisher: process.publisher, now: () => now });
  return { tableName, process, deps };
}

/** The requests one call sent. */
async function counted<T>(process: TrackerProcess, call: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  const before = process.requests.length;
  const result = await call();
  return { result, requests: process.requests.slice(before) };
}

describe("announcement state on the run item", () => {
  it("costs one request for a snapshot that changes nothing; write + commit for a state change, and the day's statistics when the run ends", async () => {
    // Prepare
    const { process, deps } = await fresh();
    const id = runId("count");
    // Act
    const first = await counted(process, () => recordSnapshot(deps(), running(id), "event", at(1)));
    const progress = await counted(process, () => recordSnapshot(deps(), running(id, 1), "event", at(2)));
    const change = await counted(process, () => recordSnapshot(deps(), failed(id), "event", at(3)));
    const duplicate = await counted(process, () => recordSnapshot(deps(), failed(id), "event", at(3)));
    // Assess
    expect(first.result.announcement).toBe(Announcement.Published);
    // A workflow this process has not seen: its catalog entry is checked (GetItem) and, new, created first.
    expect(first.requests).toEqual(["GetItemCommand", "UpdateItemCommand", "UpdateItemCommand", "UpdateItemCommand"]);
    expect(progress.result).toMatchObject({ stored: true, transition: null, announcement: Announcement.None });
    expect(progress.requests).toEqual(["UpdateItemCommand"]);
    expect(change.result.announcement).toBe(Announcement.Published);
    // Write, the day's statistics (the run ended: insights), commit; no catalog LastRun (read from the runs).
    expect(change.requests).toEqual(["UpdateItemCommand", "UpdateItemCommand", "UpdateItemCommand"]);
    // The rare path: refused (a repeated delivery) → its timeline entry, which returns the stored item.
    expect(duplicate.result).toMatchObject({ stored: false, announcement: Announcement.None });
    expect(duplicate.requests).toEqual(["UpdateItemCommand", "UpdateItemCommand"]);
    expect(process.published.map((d) => `${d.status}/${d.outcome}`)).toEqual(["RUNNING/RUNNING", "COMPLETED/FAILED"]);
  });

  it("a write that changes nothing leaves an in-flight announcer's lease alone: it waits, the announcer commits", async () => {
    // Prepare: A's publish of COMPLETED/FAILED hangs until released.
    let release: () => void = () => {};
    const hanging = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { tableName, deps } = await fresh({ publish: () => hanging });
    const id = runId("in-flight");
    const other = trackerProcess(local.dynamo, tableName);
    const otherDeps = { store: other.store, publisher: other.publisher, now: () => new Date(T0.getTime() + 5_000) };
    const lease = async () =>
      (
        await local.dynamo.documentClient.send(
          new GetCommand({
            TableName: tableName,
            Key: { pk: "WF#nightly-etl", sk: `RUN#${id}` },
            ConsistentRead: true,
          }),
        )
      ).Item?.["AnnounceLease#COMPLETED#FAILED"];
    const announcing = recordSnapshot(deps(), failed(id), "event", at(3));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Act: B stores a later observation of the same state while A publishes.
    const during = await recordSnapshot(otherDeps, failed(id), "recheck", at(4));
    const leaseDuring = await lease();
    release();
    const announced = await announcing;
    const after = await recordSnapshot(otherDeps, failed(id), "recheck", at(5));
    // Assess
    expect(during).toMatchObject({ stored: true, transition: null, announcement: Announcement.InProgress });
    expect(announced.announcement).toBe(Announcement.Published);
    expect(after.announcement).toBe(Announcement.None);
    expect(other.published).toEqual([]);
    expect(leaseDuring).toMatchObject({ Until: new Date(T0.getTime() + 30_000).toISOString() });
  });

  it("a resend of the same attempt's write (its response lost) wins its own lease; another attempt waits", async () => {
    // Prepare
    const { process } = await fresh();
    const id = runId("resend");
    const attempt = { owner: "attempt-1", now: T0, leaseMs: 30_000 };
    const input = { run: failed(id), observedAt: at(3), via: "event" as const, announcer: attempt };
    await process.store.putSnapshot(input);
    // Act: the SDK sends the same request again; another attempt meets the same state.
    const resend = await process.store.putSnapshot(input);
    const another = await process.store.putSnapshot({ ...input, announcer: { ...attempt, owner: "attempt-2" } });
    // Assess
    expect(resend).toMatchObject({ stored: false, announce: { kind: "mine", state: { status: "COMPLETED" } } });
    expect(another).toMatchObject({ stored: false, announce: { kind: "busy" } });
  });

  it("a run that ended before quietBefore is noted as announced without publishing, then never announced", async () => {
    // Prepare
    const { process, deps } = await fresh();
    const id = runId("quiet");
    // Act
    const imported = await recordSnapshot(deps(), failed(id), "backfill", at(6), { quietBefore: at(60) });
    const later = await recordSnapshot(deps(), failed(id), "reconcile", at(7));
    // Assess
    expect(imported.announcement).toBe(Announcement.None);
    expect(later.announcement).toBe(Announcement.None);
    expect(process.published).toEqual([]);
  });

  it("announces a run closed as UNKNOWN once, and again only if the first publish failed", async () => {
    // Prepare
    let fail = true;
    const { process, deps } = await fresh({
      publish: async () => {
        if (fail) throw new Error("EventBridge unavailable");
      },
    });
    const id = runId("closed");
    fail = false;
    await recordSnapshot(deps(), running(id), "event", at(1));
    fail = true;
    const closed = await process.store.closeRun("nightly-etl", id, { reason: "Glue forgot it", closedAt: at(9) });
    if (!closed) throw new Error("the run should close");
    // Act
    const failedPublish = announceRunState(deps(), closed);
    await expect(failedPublish).rejects.toThrow("EventBridge unavailable");
    fail = false;
    const retried = await announceRunState(deps(), closed);
    const again = await announceRunState(deps(), closed);
    // Assess
    expect(retried).toBe(Announcement.Published);
    expect(again).toBe(Announcement.None);
    expect(process.published.map((d) => `${d.status}/${d.outcome}`)).toEqual(["RUNNING/RUNNING", "RUNNING/UNKNOWN"]);
    expect(process.published[1]).toMatchObject({ closedReason: "Glue forgot it", previousOutcome: "RUNNING" });
  });
});

describe("data written before the announcement state moved onto the run item", () => {
  /** A run item, a separate timeline entry and an ANNOUNCED# ledger item as the former code wrote them. */
  async function legacyRun(tableName: string, id: string, snapshot: ReturnType<typeof run>, observedAt: string) {
    const status = snapshot.Status ?? "RUNNING";
    const outcome = status === "RUNNING" ? "RUNNING" : "FAILED";
    const progress = status === "RUNNING" ? "1.000000.000003" : "3.000003.000003";
    const put = (Item: Record<string, unknown>) =>
      local.dynamo.documentClient.send(new PutCommand({ TableName: tableName, Item }));
    await put({
      pk: "WF#nightly-etl",
      sk: `RUN#${id}`,
      entityType: "Run",
      Rank: snapshotRank({ run: snapshot, observedAt }),
      ...runIndexKeys("nightly-etl", id, at(0), outcome),
      ...snapshot,
      Outcome: outcome,
      FailedNodes: [],
      FirstSeenAt: observedAt,
      LastObservedAt: observedAt,
      ObservedVia: "event",
    });
    await put({
      pk: "WF#nightly-etl",
      sk: `RUN#${id}#TL#${progress}`,
      entityType: "TimelineEntry",
      ObservedAt: observedAt,
      ObservedVia: "event",
      Status: status,
      Outcome: outcome,
      Statistics: snapshot.Statistics,
    });
    await put({
      pk: "WF#nightly-etl",
      sk: `ANNOUNCED#${id}`,
      entityType: "Announcement",
      Version: 2,
      AnnouncedStatus: status,
      AnnouncedOutcome: outcome,
    });
  }

  it("does not announce again a state the former ledger announced, and carries it onto the run item", async () => {
    // Prepare
    const { tableName, process, deps } = await fresh();
    const id = runId("legacy-done");
    await legacyRun(tableName, id, failed(id), at(6));
    // Act: a later observation of the same state, then another.
    const first = await counted(process, () => recordSnapshot(deps(), failed(id), "reconcile", at(7)));
    const second = await counted(process, () => recordSnapshot(deps(), failed(id), "reconcile", at(8)));
    // Assess
    expect(first.result.announcement).toBe(Announcement.None);
    // The process's first look at the workflow checks its catalog entry (none here: created), then the
    // write, the former ledger's read, and its state carried onto the run item.
    expect(first.requests).toEqual([
      "GetItemCommand",
      "UpdateItemCommand",
      "UpdateItemCommand",
      "GetItemCommand",
      "UpdateItemCommand",
    ]);
    expect(second.result.announcement).toBe(Announcement.None);
    expect(second.requests).toEqual(["UpdateItemCommand"]);
    expect(process.published).toEqual([]);
  });

  it("announces the next state once, relative to the former ledger's, and serves the old timeline with the new", async () => {
    // Prepare
    const { tableName, process, deps } = await fresh();
    const id = runId("legacy-running");
    await legacyRun(tableName, id, running(id), at(1));
    // Act
    const change = await recordSnapshot(deps(), failed(id), "event", at(6));
    const duplicate = await recordSnapshot(deps(), failed(id), "event", at(7));
    const timeline = await process.store.getTimeline("nightly-etl", id);
    const served = await process.store.getRun("nightly-etl", id);
    // Assess
    expect(change.announcement).toBe(Announcement.Published);
    expect(duplicate.announcement).toBe(Announcement.None);
    expect(process.published).toMatchObject([
      { status: "COMPLETED", previousStatus: "RUNNING", previousOutcome: "RUNNING" },
    ]);
    expect(timeline.map((e) => [e.Status, e.ObservedAt])).toEqual([
      ["RUNNING", at(1)],
      ["COMPLETED", at(6)],
    ]);
    expect(Object.keys(served ?? {}).filter((name) => name.startsWith("TL#") || name.startsWith("Announce"))).toEqual(
      [],
    );
  });
});
