/**
 * Closing runs Glue no longer knows, in the table (dynalite, and DynamoDB Local with
 * `npm run test:dynamodb-local`): the first "not found" time is kept, a closed run
 * leaves the active index, and a run that ended (or is not tracked) is left alone.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { runKey } from "../../src/store/keys.ts";
import { useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();
const RUNNING = {
  Name: "wf",
  WorkflowRunId: "wr_1",
  Status: "RUNNING",
  StartedOn: "2026-12-05T09:00:00.000Z",
} as const;

describe("run closure (DynamoDB)", () => {
  it("keeps the first not-found time, closes the run as UNKNOWN off the active index, with TTL from the closure", async () => {
    // Prepare
    const { store, tableName } = await local.freshStore({ retentionDays: 7 });
    await store.putSnapshot({ run: RUNNING, observedAt: "2026-12-05T09:00:00.000Z", via: "event" });

    // Act
    const first = await store.noteRunNotFound("wf", "wr_1", "2026-12-05T10:00:00.000Z");
    const second = await store.noteRunNotFound("wf", "wr_1", "2026-12-05T10:06:00.000Z");
    const closed = await store.closeRun("wf", "wr_1", { reason: "gone", closedAt: "2026-12-05T10:06:00.000Z" });
    const again = await store.closeRun("wf", "wr_1", { reason: "gone", closedAt: "2026-12-05T10:07:00.000Z" });
    const activeUntilFinished = (await store.listActiveRuns()).items.map((run) => run.Outcome);
    const finished = await store.finishRunClosure("wf", "wr_1");
    const finishedAgain = await store.finishRunClosure("wf", "wr_1");

    // Assess
    expect([first, second]).toEqual(["2026-12-05T10:00:00.000Z", "2026-12-05T10:00:00.000Z"]);
    expect(closed).toMatchObject({ Status: "RUNNING", Outcome: "UNKNOWN", ClosedReason: "gone" });
    expect(closed).not.toHaveProperty("GlueNotFoundSince");
    expect(again).toBeUndefined();
    expect(activeUntilFinished).toEqual(["UNKNOWN"]);
    expect([finished, finishedAgain]).toEqual([true, false]);
    expect((await store.listActiveRuns()).items).toEqual([]);
    expect((await store.listRunsByOutcome("UNKNOWN")).items).toHaveLength(1);
    expect((await store.getWorkflow("wf"))?.LastRun?.Outcome).toBe("UNKNOWN");
    const { Item } = await local.dynamo.documentClient.send(
      new GetCommand({ TableName: tableName, Key: runKey("wf", "wr_1") }),
    );
    expect(Item?.ExpiresAt).toBe(Date.parse("2026-12-05T10:06:00.000Z") / 1000 + 7 * 86_400);
  });

  it("a snapshot after a not-found starts the confirmation over; an ended or unknown run is not noted", async () => {
    // Prepare
    const { store } = await local.freshStore();
    await store.putSnapshot({ run: RUNNING, observedAt: "2026-12-05T09:00:00.000Z", via: "event" });
    await store.noteRunNotFound("wf", "wr_1", "2026-12-05T10:00:00.000Z");

    // Act
    await store.putSnapshot({ run: RUNNING, observedAt: "2026-12-05T10:01:00.000Z", via: "reconcile" });
    const afresh = await store.noteRunNotFound("wf", "wr_1", "2026-12-05T10:02:00.000Z");
    await store.putSnapshot({
      run: { ...RUNNING, Status: "COMPLETED", CompletedOn: "2026-12-05T10:03:00.000Z" },
      observedAt: "2026-12-05T10:03:00.000Z",
      via: "event",
    });
    const ended = await store.noteRunNotFound("wf", "wr_1", "2026-12-05T10:04:00.000Z");
    const untracked = await store.noteRunNotFound("wf", "wr_nope", "2026-12-05T10:04:00.000Z");

    // Assess
    expect([afresh, ended, untracked]).toEqual(["2026-12-05T10:02:00.000Z", undefined, undefined]);
  });
});
