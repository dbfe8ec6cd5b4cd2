import type { WorkflowRun } from "@glue-run-tracker/glue-model";
import { describe, expect, it } from "vitest";
import { toRunSnapshot } from "../../src/workflow-run/snapshot.ts";

describe("toRunSnapshot", () => {
  it("turns every Date into an ISO string, deep into the graph's JobRuns and Crawls", () => {
    // Prepare
    const started = new Date("2026-11-01T08:00:00Z");
    const glueRun: WorkflowRun = {
      Name: "nightly-etl",
      WorkflowRunId: "wr_1",
      StartedOn: started,
      Status: "RUNNING",
      ErrorMessage: undefined,
      Graph: {
        Nodes: [
          {
            Type: "JOB",
            Name: "load",
            JobDetails: { JobRuns: [{ Id: "jr_1", StartedOn: started, JobRunState: "RUNNING" }] },
          },
          { Type: "CRAWLER", Name: "raw", CrawlerDetails: { Crawls: [{ State: "RUNNING", StartedOn: started }] } },
        ],
        Edges: [],
      },
    };
    // Act
    const snapshot = toRunSnapshot(glueRun);
    // Assess
    expect(snapshot).toEqual({
      Name: "nightly-etl",
      WorkflowRunId: "wr_1",
      StartedOn: "2026-11-01T08:00:00.000Z",
      Status: "RUNNING",
      Graph: {
        Nodes: [
          {
            Type: "JOB",
            Name: "load",
            JobDetails: { JobRuns: [{ Id: "jr_1", StartedOn: "2026-11-01T08:00:00.000Z", JobRunState: "RUNNING" }] },
          },
          {
            Type: "CRAWLER",
            Name: "raw",
            CrawlerDetails: { Crawls: [{ State: "RUNNING", StartedOn: "2026-11-01T08:00:00.000Z" }] },
          },
        ],
        Edges: [],
      },
    });
    expect("ErrorMessage" in snapshot).toBe(false);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});
