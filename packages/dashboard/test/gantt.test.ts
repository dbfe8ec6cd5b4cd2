import { describe, expect, it } from "vitest";
import { barPosition, ganttChart } from "../src/page/gantt.ts";
import { failedRun, salesRun } from "./fixtures/graphs.ts";

describe("ganttChart (Gantt rows from a run's graph)", () => {
  it("has one bar per job run and crawl of a recorded run, in start order, on the run's time span", () => {
    const run = salesRun();
    const chart = ganttChart(run.Graph, Date.parse("2030-01-01T00:00:00Z"));

    expect(chart.rows.map((r) => [r.nodeName, r.nodeType, r.state])).toEqual([
      ["raw-sales-crawler", "CRAWLER", "SUCCEEDED"],
      ["aggregate-sales", "JOB", "SUCCEEDED"],
      ["clean-sales", "JOB", "SUCCEEDED"],
      ["publish-sales-report", "JOB", "SUCCEEDED"],
    ]);
    const clean = chart.rows.find((r) => r.nodeName === "clean-sales");
    expect(clean && clean.end - clean.start).toBe(2000);
    expect(chart.start).toBe(Date.parse(run.StartedOn ?? ""));
    expect(chart.rows.every((r) => r.start >= chart.start && r.end <= chart.end)).toBe(true);
  });

  it("keeps the error message and state of a failed job", () => {
    const [row] = ganttChart(failedRun().Graph, Date.now()).rows;
    expect(row).toMatchObject({ nodeName: "extract-crm", state: "FAILED", tone: "fail", attempt: 0, open: false });
    expect(row?.errorMessage).toContain("ThrottlingException");
  });

  it("draws a running job run up to now, and one bar per attempt", () => {
    const now = Date.parse("2026-01-01T00:10:00Z");
    const chart = ganttChart(
      {
        Nodes: [
          {
            Type: "JOB",
            Name: "load",
            UniqueId: "load",
            JobDetails: {
              JobRuns: [
                {
                  Id: "jr_1",
                  Attempt: 0,
                  JobRunState: "FAILED",
                  StartedOn: "2026-01-01T00:00:00Z",
                  CompletedOn: "2026-01-01T00:02:00Z",
                },
                { Id: "jr_2", Attempt: 1, JobRunState: "RUNNING", StartedOn: "2026-01-01T00:05:00Z" },
              ],
            },
          },
          { Type: "JOB", Name: "never-started", UniqueId: "n", JobDetails: { JobRuns: [{ JobRunState: "WAITING" }] } },
        ],
      },
      now,
    );

    expect(chart.rows.map((r) => [r.attempt, r.state, r.open])).toEqual([
      [0, "FAILED", false],
      [1, "RUNNING", true],
    ]);
    expect(chart.end).toBe(now);
    expect(barPosition(chart.rows[1] as never, chart)).toEqual({ left: 50, width: 50 });
    expect(barPosition(chart.rows[0] as never, chart)).toEqual({ left: 0, width: 20 });
  });

  it("is empty for a run without a graph, and a zero-length bar stays visible", () => {
    expect(ganttChart(undefined, 0).rows).toEqual([]);
    const chart = ganttChart(
      {
        Nodes: [
          {
            Type: "CRAWLER",
            Name: "c",
            CrawlerDetails: {
              Crawls: [{ State: "SUCCEEDED", StartedOn: "2026-01-01T00:00:00Z", CompletedOn: "2026-01-01T00:00:00Z" }],
            },
          },
        ],
      },
      0,
    );
    expect(barPosition(chart.rows[0] as never, chart).width).toBeGreaterThan(0);
  });
});
