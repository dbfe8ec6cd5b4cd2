/** The inline timeline's bound, measured the way DynamoDB counts item size (no DynamoDB needed). */
import { describe, expect, it } from "vitest";
import { itemSizeBytes } from "../../src/store/item-size.ts";
import { timelineAttribute } from "../../src/store/keys.ts";
import { MAX_INLINE_TIMELINE_ACTIONS } from "../../src/store/snapshot-writer.ts";
import { progressKey } from "../../src/workflow-run/order.ts";

describe("the timeline inside the run item", () => {
  it("stays under 100 KB for the longest chain of states a run within the bound can show", () => {
    // Prepare: every step finishes or adds an action (or changes status): ≤ 2 × N + 4 states.
    const n = MAX_INLINE_TIMELINE_ACTIONS;
    const item: Record<string, unknown> = {};
    const add = (status: "RUNNING" | "STOPPING" | "COMPLETED", finished: number, total: number) => {
      const Statistics = {
        TotalActions: total,
        TimeoutActions: 0,
        FailedActions: finished,
        StoppedActions: 0,
        SucceededActions: 0,
        RunningActions: total - finished,
        ErroredActions: 0,
        WaitingActions: total - finished,
      };
      item[timelineAttribute(progressKey({ Status: status, Statistics }))] = {
        ObservedAt: "2026-12-05T19:40:00.000Z",
        ObservedVia: "reconcile",
        Status: status,
        Outcome: status === "COMPLETED" ? "FAILED" : "RUNNING",
        Statistics,
      };
    };
    // Act
    for (let total = 0; total <= n; total++) {
      add("RUNNING", Math.max(total - 1, 0), total);
      add("RUNNING", total, total);
    }
    add("STOPPING", n, n);
    add("COMPLETED", n, n);
    // Assess
    expect(Object.keys(item).length).toBeGreaterThanOrEqual(2 * n);
    expect(itemSizeBytes(item)).toBeLessThan(100 * 1024);
  });
});
