import { describe, expect, it } from "vitest";
import type { Run } from "../src/page/api-types.ts";
import { isLive, mergeFeeds, resumableNodes, runActions } from "../src/page/run-actions.ts";
import { failedRun, salesRun } from "./fixtures/graphs.ts";

describe("resumableNodes", () => {
  it("offers the jobs and crawlers of the run, the failed one first and marked", () => {
    const nodes = resumableNodes(failedRun());
    expect(nodes.map((n) => [n.label, n.failed])).toEqual([
      ["extract-crm (JOB, FAILED)", true],
      ["merge-customers (JOB, NOT_RUN)", false],
    ]);
    expect(nodes[0]?.id).toBe(failedRun().FailedNodes[0]?.NodeId);
  });

  it("still offers a failed node the stored graph lacks", () => {
    const run = { ...failedRun(), Graph: undefined };
    expect(resumableNodes(run)).toEqual([
      { id: failedRun().FailedNodes[0]?.NodeId, label: "extract-crm (JOB, FAILED)", failed: true },
    ]);
  });
});

describe("runActions and isLive", () => {
  it("offers Resume only for a completed run with failed nodes, Stop only while running", () => {
    expect(runActions(failedRun())).toEqual({ stop: false, resume: true });
    expect(runActions(salesRun())).toEqual({ stop: false, resume: false });
    expect(runActions({ Status: "RUNNING", FailedNodes: [] })).toEqual({ stop: true, resume: false });
  });

  it("polls while the run may still change", () => {
    expect(isLive({ Status: "RUNNING", Outcome: "RUNNING" })).toBe(true);
    expect(isLive({ Status: "STOPPING", Outcome: "RUNNING" })).toBe(true);
    expect(isLive(failedRun())).toBe(false);
    expect(isLive({ Status: "COMPLETED", Outcome: "UNKNOWN" as Run["Outcome"] })).toBe(false);
  });
});

describe("mergeFeeds", () => {
  it("merges the FAILED and ERROR feeds newest first, up to the limit", () => {
    const r = (id: string, StartedOn: string) => ({ WorkflowRunId: id, StartedOn }) as Run;
    const merged = mergeFeeds(
      3,
      [r("f1", "2026-01-03"), r("f2", "2026-01-01")],
      [r("e1", "2026-01-02"), r("e2", "2025-12-31")],
    );
    expect(merged.map((x) => x.WorkflowRunId)).toEqual(["f1", "e1", "f2"]);
  });
});
