/**
 * The write of a snapshot that changes no state (snapshot-writer.ts writeUnchanged), on
 * dynalite and DynamoDB Local: one UpdateItem with nothing returned when this process
 * stored and announced the state, and the full write whenever the stored item says
 * otherwise — the process's memory is only a hint.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { Announcement, recordSnapshot } from "../../src/ingest/record-snapshot.ts";
import { at, runId, threeActionRun } from "../workflow-run/fixtures.ts";
import { useLocalDynamo } from "./harness.ts";
import { type TrackerProcess, trackerProcess } from "./tracker-process.ts";

const local = useLocalDynamo();
const T0 = new Date(at(10));
const { running, failed } = threeActionRun;

const deps = (process: TrackerProcess) => ({ store: process.store, publisher: process.publisher, now: () => T0 });

async function counted<T>(process: TrackerProcess, call: () => Promise<T>) {
  const before = process.requests.length;
  const result = await call();
  return { result, requests: process.requests.slice(before) };
}

describe("a snapshot that changes no state", () => {
  it("is one UpdateItem with nothing returned, and stores the observation as the full write would", async () => {
    // Prepare
    const { tableName } = await local.freshStore();
    const a = trackerProcess(local.dynamo, tableName);
    const id = runId("unchanged");
    await recordSnapshot(deps(a), running(id, 0), "event", at(1));
    // Act
    const next = await counted(a, () => recordSnapshot(deps(a), running(id, 1), "event", at(2)));
    // Assess
    expect(next.result).toMatchObject({ stored: true, transition: null, announcement: Announcement.None });
    expect(next.requests).toEqual(["UpdateItemCommand"]);
    expect(await a.store.getRun("nightly-etl", id)).toMatchObject({
      Statistics: { SucceededActions: 1 },
      LastObservedAt: at(2),
      FirstSeenAt: at(1),
    });
    expect((await a.store.getTimeline("nightly-etl", id)).map((e) => e.Statistics?.SucceededActions)).toEqual([0, 1]);
  });

  it("falls back to the full write when another process moved the run on: no regression, no transition", async () => {
    // Prepare: A stores RUNNING; B, another process, stores and announces COMPLETED/FAILED.
    const { tableName } = await local.freshStore();
    const a = trackerProcess(local.dynamo, tableName);
    const b = trackerProcess(local.dynamo, tableName);
    const id = runId("moved-on");
    await recordSnapshot(deps(a), running(id, 0), "event", at(1));
    await recordSnapshot(deps(b), failed(id), "event", at(3));
    // Act: A observes RUNNING again (a late read), believing the run still RUNNING.
    const late = await counted(a, () => recordSnapshot(deps(a), running(id, 1), "event", at(4)));
    // Assess: refused by the stored item (the unchanged write, then the full write), nothing published by A.
    expect(late.result).toMatchObject({ stored: false, transition: null, announcement: Announcement.None });
    expect(late.requests.slice(0, 2)).toEqual(["UpdateItemCommand", "UpdateItemCommand"]);
    expect(await a.store.getRun("nightly-etl", id)).toMatchObject({ Status: "COMPLETED", Outcome: "FAILED" });
    expect(a.published.map((d) => `${d.status}/${d.outcome}`)).toEqual(["RUNNING/RUNNING"]);
    expect(b.published.map((d) => `${d.status}/${d.outcome}`)).toEqual(["COMPLETED/FAILED"]);
  });

  it("falls back and announces when the stored item does not hold the state as announced", async () => {
    // Prepare: A stores and announces RUNNING; then the item loses its Announced (as data from before it existed).
    const { tableName } = await local.freshStore();
    const a = trackerProcess(local.dynamo, tableName);
    const id = runId("unannounced");
    await recordSnapshot(deps(a), running(id, 0), "event", at(1));
    await local.dynamo.documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: "WF#nightly-etl", sk: `RUN#${id}` },
        UpdateExpression: "REMOVE Announced",
      }),
    );
    // Act
    const next = await counted(a, () => recordSnapshot(deps(a), running(id, 1), "event", at(2)));
    // Assess: the unchanged write is refused, the full write finds the state due and announces it.
    expect(next.result.announcement).toBe(Announcement.Published);
    expect(next.requests[0]).toBe("UpdateItemCommand");
    expect(next.requests.length).toBeGreaterThan(1);
    expect(a.published.map((d) => `${d.status}/${d.outcome}`)).toEqual(["RUNNING/RUNNING", "RUNNING/RUNNING"]);
  });
});
