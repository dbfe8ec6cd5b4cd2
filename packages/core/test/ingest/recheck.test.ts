import { describe, expect, it } from "vitest";
import { needsRecheck, recheckDelaySeconds } from "../../src/ingest/recheck.ts";

describe("re-checks", () => {
  it("backs off by doubling, capped at SQS's 900 s", () => {
    const policy = { baseDelaySeconds: 10, maxDelaySeconds: 900, maxAttempts: 12 };
    expect([1, 2, 3, 7, 12].map((attempt) => recheckDelaySeconds(attempt, policy))).toEqual([10, 20, 40, 640, 900]);
  });

  it("looks again only at runs Glue has not closed although nothing runs in them", () => {
    expect(needsRecheck({ Status: "RUNNING", Statistics: { TotalActions: 2, RunningActions: 0 } })).toBe(true);
    expect(needsRecheck({ Status: "RUNNING", Statistics: { TotalActions: 2, RunningActions: 1 } })).toBe(false);
    expect(needsRecheck({ Status: "STOPPING", Statistics: { RunningActions: 1 } })).toBe(true);
    expect(needsRecheck({ Status: "COMPLETED", Statistics: { RunningActions: 0 } })).toBe(false);
  });
});
