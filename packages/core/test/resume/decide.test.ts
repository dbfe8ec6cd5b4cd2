import { describe, expect, it } from "vitest";
import { decide } from "../../src/resume/decide.ts";
import { resumePolicyFromEnv } from "../../src/resume/policy.ts";
import { failedNode } from "./fixtures.ts";

const policy = resumePolicyFromEnv({});

describe("decide", () => {
  it("resumes a COMPLETED run whose every failed node is transient, with exactly those nodes", () => {
    // Prepare
    const run = {
      Status: "COMPLETED" as const,
      FailedNodes: [
        failedNode({ NodeId: "job-a", Name: "a" }),
        failedNode({ NodeId: "crawler-b", Type: "CRAWLER", Name: "b", ErrorMessage: "Rate exceeded" }),
        failedNode({ NodeId: "job-a", Name: "a" }),
      ],
    };

    // Act
    const verdict = decide(run, 0, policy);

    // Assess
    expect(verdict).toEqual({
      decision: "resumed",
      reason: "Every failed node (2) failed with a transient error; resume attempt 1 of 2 in 120 s.",
      nodeIds: ["job-a", "crawler-b"],
      attempt: 1,
      delaySeconds: 120,
    });
  });

  it("waits twice as long for the second attempt", () => {
    // Act
    const verdict = decide({ Status: "COMPLETED", FailedNodes: [failedNode()] }, 1, policy);

    // Assess
    expect(verdict).toMatchObject({ decision: "resumed", attempt: 2, delaySeconds: 240 });
  });

  it("does not resume when one failed node is not transient, and says which", () => {
    // Prepare
    const run = {
      Status: "COMPLETED" as const,
      FailedNodes: [failedNode(), failedNode({ NodeId: "job-x", Name: "transform", ErrorMessage: "Table not found" })],
    };

    // Act
    const verdict = decide(run, 0, policy);

    // Assess
    expect(verdict).toEqual({
      decision: "not transient",
      reason: 'transform failed with an error that is not transient: "Table not found"',
    });
  });

  it("treats a node without an error message as not transient", () => {
    // Act
    const verdict = decide(
      { Status: "COMPLETED", FailedNodes: [failedNode({ ErrorMessage: undefined, State: "TIMEOUT" })] },
      0,
      policy,
    );

    // Assess
    expect(verdict.decision).toBe("not transient");
    expect(verdict.reason).toContain("no error message (state TIMEOUT)");
  });

  it("stops at the lineage's attempt limit", () => {
    // Act
    const verdict = decide({ Status: "COMPLETED", FailedNodes: [failedNode()] }, 2, policy);

    // Assess
    expect(verdict).toEqual({
      decision: "exhausted",
      reason: "All 2 auto-resume attempt(s) of this lineage are used (AUTO_RESUME_MAX_ATTEMPTS=2).",
    });
  });

  it("does nothing but say so when disabled", () => {
    // Act
    const verdict = decide({ Status: "COMPLETED", FailedNodes: [failedNode()] }, 0, { ...policy, enabled: false });

    // Assess
    expect(verdict.decision).toBe("disabled");
  });

  it.each(["ERROR", "STOPPED"] as const)("never resumes a %s run (Glue resumes only COMPLETED runs)", (status) => {
    // Act
    const verdict = decide({ Status: status, FailedNodes: [failedNode()] }, 0, policy);

    // Assess
    expect(verdict).toEqual({
      decision: "not transient",
      reason: `Glue resumes only COMPLETED workflow runs; this run ended ${status}.`,
    });
  });

  it("is not fooled by a run without failed job or crawler nodes", () => {
    // Act
    const verdict = decide({ Status: "COMPLETED", FailedNodes: [] }, 0, policy);

    // Assess
    expect(verdict).toEqual({ decision: "not transient", reason: "No failed job or crawler node to resume." });
  });
});
