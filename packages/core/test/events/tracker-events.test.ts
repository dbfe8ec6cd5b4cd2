/**
 * The tracker-event contract: what the publisher emits is what the schemas accept,
 * and the schemas take their statuses and outcomes from the domain's constants.
 */
import { describe, expect, it } from "vitest";
import {
  RunResumedEventSchema,
  RunResumeFailedEventSchema,
  RunStateChangeDetailSchema,
  RunStateChangeEventSchema,
  runResumedEntry,
  runResumeFailedEntry,
  runStateChangeEntry,
  type TrackerEventEntry,
} from "../../src/events/tracker-events.ts";
import { Outcome } from "../../src/workflow-run/types.ts";
import { failedDetail } from "../resume/fixtures.ts";

/** The event EventBridge delivers for a PutEvents entry. */
const delivered = (entry: TrackerEventEntry) => ({
  version: "0",
  id: "e-1",
  "detail-type": entry.DetailType,
  source: entry.Source,
  account: "123456789012",
  time: "2026-01-01T00:12:06Z",
  region: "eu-west-1",
  resources: [],
  detail: JSON.parse(entry.Detail),
});

describe("tracker events", () => {
  it("reads back every event the tracker publishes", () => {
    // Prepare
    const stateChange = failedDetail({ closedReason: "gone", closedAt: "2026-01-02T00:00:00.000Z" });
    const resumed = {
      workflowName: "nightly",
      runId: "wr_1",
      resumedRunId: "wr_2",
      nodeIds: ["wnode_1"],
      autoResume: { Attempts: 1, LastAttemptAt: "2026-01-01T00:20:00.000Z", Decision: "resumed" as const },
    };
    const resumeFailed = { workflowName: "nightly", runId: "wr_1", nodeIds: ["wnode_1"], attempt: 1, glueError: "X" };

    // Act
    const parsed = [
      RunStateChangeEventSchema.parse(delivered(runStateChangeEntry(stateChange))).detail,
      RunResumedEventSchema.parse(delivered(runResumedEntry(resumed))).detail,
      RunResumeFailedEventSchema.parse(delivered(runResumeFailedEntry(resumeFailed))).detail,
    ];

    // Assess
    expect(parsed).toEqual([stateChange, resumed, resumeFailed]);
  });

  it.each(Object.values(Outcome))("accepts outcome %s, as the domain defines it", (outcome) => {
    expect(RunStateChangeDetailSchema.safeParse(failedDetail({ outcome })).success).toBe(true);
  });

  it.each([
    ["a status Glue does not have", { status: "DONE" }, "status"],
    ["a previous outcome the tracker does not have", { previousOutcome: "MAYBE" }, "previousOutcome"],
    [
      "a failed node of a trigger",
      { failedNodes: [{ NodeId: "n", Type: "TRIGGER", Name: "t", State: "x" }] },
      "failedNodes",
    ],
    ["a negative statistic", { statistics: { TotalActions: -1 } }, "statistics"],
  ])("refuses %s", (_what, overrides, field) => {
    // Act
    const result = RunStateChangeDetailSchema.safeParse({ ...failedDetail(), ...overrides });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it("drops fields outside the contract instead of passing them on", () => {
    expect(RunStateChangeDetailSchema.parse({ ...failedDetail(), injected: "x" })).not.toHaveProperty("injected");
  });
});
