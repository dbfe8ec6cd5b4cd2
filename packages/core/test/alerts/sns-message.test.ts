import { describe, expect, it } from "vitest";
import { snsMessage } from "../../src/alerts/sns-message.ts";
import { failedDetail } from "../resume/fixtures.ts";
import { failure, recovered, resumeFailed, wideFailure } from "./fixtures.ts";

describe("snsMessage", () => {
  it("has a one-line subject, a readable body and filterable attributes", () => {
    // Act
    const message = snsMessage(failure());

    // Assess
    expect(message.Subject).toBe("Glue workflow FAILED: nightly");
    expect(message.MessageAttributes).toEqual({
      workflowName: { DataType: "String", StringValue: "nightly" },
      outcome: { DataType: "String", StringValue: "FAILED" },
      alertKind: { DataType: "String", StringValue: "failure" },
    });
    expect(message.Message).toBe(
      [
        "Glue workflow run FAILED",
        "",
        "Workflow:     nightly",
        "Run ID:       wr_1",
        "Outcome:      FAILED (Glue status COMPLETED)",
        "Started:      2026-01-01T00:00:00.000Z",
        "Completed:    2026-01-01T00:12:05.000Z",
        "Duration:     12m 5s",
        "Failed:       1 of 3 actions",
        "",
        "Failed nodes (1):",
        "  - load (JOB) FAILED: ThrottlingException: Rate exceeded",
        "",
        "Auto-resume: resuming (attempt 1 of 2, in 120 s)",
        "  Every failed node (1) failed with a transient error; resume attempt 1 of 2 in 120 s.",
        "",
        "Glue console: https://eu-west-1.console.aws.amazon.com/glue/home?region=eu-west-1#/v2/etl-configuration/workflows/run/nightly?runId=wr_1",
        "Tracker:      https://tracker.example.com/ui/workflows/nightly/runs/wr_1",
      ].join("\n"),
    );
  });

  it("keeps the subject under 100 printable ASCII characters whatever the workflow name", () => {
    // Act
    const { Subject, MessageAttributes } = snsMessage(
      failure(failedDetail({ workflowName: `ventes\tété\n${"x".repeat(300)}` })),
    );

    // Assess
    expect(Subject.length).toBeLessThan(100);
    expect(Subject).toMatch(/^Glue workflow FAILED: ventes ete x+\.\.\.$/);
    expect(Subject).toMatch(/^[\x20-\x7e]+$/);
    expect(MessageAttributes.workflowName?.StringValue).toBe(`ventes\tété\n${"x".repeat(300)}`);
  });

  it("lists every node of a wide failure", () => {
    // Act
    const { Message } = snsMessage(wideFailure(30));

    // Assess
    expect(Message.split("\n").filter((line) => line.startsWith("  - partition_loader_"))).toHaveLength(30);
  });

  it("marks a recovered lineage in subject and attributes", () => {
    // Act
    const message = snsMessage(recovered());

    // Assess
    expect(message.Subject).toBe("Glue workflow RECOVERED: nightly");
    expect(message.MessageAttributes.outcome?.StringValue).toBe("SUCCEEDED");
    expect(message.MessageAttributes.alertKind.StringValue).toBe("recovered");
    expect(message.Message).toContain("Recovered after 1 auto-resume attempt(s): resumed from run wr_1.");
  });

  it("marks a refused auto-resume in subject and attributes", () => {
    // Act
    const message = snsMessage(resumeFailed());

    // Assess
    expect(message.Subject).toBe("Glue workflow AUTO-RESUME FAILED: nightly");
    expect(message.MessageAttributes.alertKind.StringValue).toBe("resume-failed");
    expect(message.Message).toContain("Auto-resume: resume failed (Glue refused it)");
    expect(message.Message).toContain("Failed nodes (1):");
  });
});
