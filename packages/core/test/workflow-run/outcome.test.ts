import { describe, expect, it } from "vitest";
import { deriveOutcome, failedNodes } from "../../src/workflow-run/outcome.ts";
import { crawlerNode, jobNode, run } from "./fixtures.ts";

describe("deriveOutcome", () => {
  it("is RUNNING while the run is RUNNING or STOPPING, even with failed actions", () => {
    // Prepare
    const running = run({ status: "RUNNING", stats: { TotalActions: 2, FailedActions: 1 } });
    const stopping = run({ status: "STOPPING" });
    // Act & Assess
    expect(deriveOutcome(running)).toBe("RUNNING");
    expect(deriveOutcome(stopping)).toBe("RUNNING");
  });

  it("is SUCCEEDED for a COMPLETED run whose every action succeeded", () => {
    const completed = run({ status: "COMPLETED", stats: { TotalActions: 3, SucceededActions: 3 } });
    expect(deriveOutcome(completed)).toBe("SUCCEEDED");
  });

  it.each([
    ["FailedActions", { TotalActions: 2, SucceededActions: 1, FailedActions: 1 }],
    ["TimeoutActions", { TotalActions: 2, SucceededActions: 1, TimeoutActions: 1 }],
    ["ErroredActions", { TotalActions: 2, SucceededActions: 1, ErroredActions: 1 }],
  ])("is FAILED for a COMPLETED run with %s (what Glue's Status hides)", (_field, stats) => {
    expect(deriveOutcome(run({ status: "COMPLETED", stats }))).toBe("FAILED");
  });

  it("is FAILED when the graph shows a failed last attempt although the statistics look clean", () => {
    // Prepare
    const graph = { Nodes: [jobNode("load", ["SUCCEEDED"]), crawlerNode("raw", ["FAILED"], "boom")] };
    const completed = run({ status: "COMPLETED", stats: { TotalActions: 2, SucceededActions: 2 }, graph });
    // Act
    const outcome = deriveOutcome(completed);
    // Assess
    expect(outcome).toBe("FAILED");
  });

  it("is STOPPED for a COMPLETED run with a stopped action and no failure", () => {
    const completed = run({ status: "COMPLETED", stats: { TotalActions: 2, SucceededActions: 1, StoppedActions: 1 } });
    expect(deriveOutcome(completed)).toBe("STOPPED");
  });

  it("is STOPPED for STOPPED runs and ERROR for ERROR runs", () => {
    expect(deriveOutcome(run({ status: "STOPPED" }))).toBe("STOPPED");
    expect(deriveOutcome(run({ status: "ERROR", errorMessage: "Concurrent runs exceeded for workflow: foo" }))).toBe(
      "ERROR",
    );
  });
});

describe("failedNodes", () => {
  it("names job and crawler nodes whose last attempt failed, timed out or errored", () => {
    // Prepare
    const graph = {
      Nodes: [
        jobNode("extract", ["SUCCEEDED"]),
        jobNode("transform", ["SUCCEEDED", "TIMEOUT"], "Job run timed out"),
        jobNode("load", ["FAILED"], "Rate exceeded"),
        crawlerNode("raw", ["ERROR"], "Internal service exception"),
      ],
    };
    const snapshot = run({ status: "COMPLETED", graph });
    // Act
    const failed = failedNodes(snapshot);
    // Assess
    expect(failed).toEqual([
      {
        NodeId: "wnode_job_transform",
        Type: "JOB",
        Name: "transform",
        State: "TIMEOUT",
        ErrorMessage: "Job run timed out",
      },
      { NodeId: "wnode_job_load", Type: "JOB", Name: "load", State: "FAILED", ErrorMessage: "Rate exceeded" },
      {
        NodeId: "wnode_crawler_raw",
        Type: "CRAWLER",
        Name: "raw",
        State: "ERROR",
        ErrorMessage: "Internal service exception",
      },
    ]);
  });

  it("ignores a node whose failed attempt was retried successfully, and trigger nodes", () => {
    const graph = {
      Nodes: [
        jobNode("load", ["FAILED", "SUCCEEDED"], "flaky"),
        { Type: "TRIGGER" as const, Name: "t", UniqueId: "t" },
      ],
    };
    expect(failedNodes(run({ status: "COMPLETED", graph }))).toEqual([]);
  });

  it("picks the last attempt by StartedOn, not by position", () => {
    // Prepare: Glue may list the newest attempt first
    const node = jobNode("load", ["SUCCEEDED", "FAILED"], "late failure");
    node.JobDetails?.JobRuns?.reverse();
    // Act
    const failed = failedNodes(run({ status: "COMPLETED", graph: { Nodes: [node] } }));
    // Assess
    expect(failed.map((n) => n.State)).toEqual(["FAILED"]);
  });

  it("is empty without a graph", () => {
    expect(failedNodes(run({ status: "COMPLETED", stats: { TotalActions: 1, FailedActions: 1 } }))).toEqual([]);
  });
});
