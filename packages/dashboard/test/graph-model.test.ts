import { describe, expect, it } from "vitest";
import { graphModel, NOT_RUN } from "../src/page/graph-model.ts";
import { layoutGraph, nodeWidth, shorten } from "../src/page/layout.ts";
import { failedRun, layeredGraph, salesRun } from "./fixtures/graphs.ts";

describe("graphModel (stored WorkflowGraph → layout input)", () => {
  it("gives every node of a recorded run its type and state, and keeps its edges", () => {
    const model = graphModel(salesRun().Graph);

    const byName = Object.fromEntries(model.nodes.map((n) => [n.name, n]));
    expect(Object.keys(byName).sort()).toEqual([
      "aggregate-sales",
      "clean-sales",
      "publish-sales-report",
      "raw-sales-crawler",
      "sales-publish",
      "sales-start",
      "sales-transform",
    ]);
    expect(byName["raw-sales-crawler"]).toMatchObject({ type: "CRAWLER", state: "SUCCEEDED", tone: "ok" });
    expect(byName["clean-sales"]).toMatchObject({ type: "JOB", state: "SUCCEEDED" });
    expect(byName["sales-start"]).toMatchObject({ type: "TRIGGER", state: "CREATED", tone: "waiting" });
    expect(model.edges).toHaveLength(7);
    expect(
      model.edges.every((e) => model.nodes.some((n) => n.id === e.from) && model.nodes.some((n) => n.id === e.to)),
    ).toBe(true);
  });

  it("marks the failed job FAILED and the job after it NOT_RUN", () => {
    const model = graphModel(failedRun().Graph);
    expect(model.nodes.find((n) => n.name === "extract-crm")).toMatchObject({ state: "FAILED", tone: "fail" });
    expect(model.nodes.find((n) => n.name === "merge-customers")).toMatchObject({ state: NOT_RUN });
  });

  it("takes the latest attempt's state, not the first one's", () => {
    const model = graphModel({
      Nodes: [
        {
          Type: "JOB",
          Name: "j",
          UniqueId: "j",
          JobDetails: {
            JobRuns: [
              { Attempt: 1, JobRunState: "SUCCEEDED", StartedOn: "2026-01-01T00:02:00Z" },
              { Attempt: 0, JobRunState: "FAILED", StartedOn: "2026-01-01T00:00:00Z" },
            ],
          },
        },
      ],
    });
    expect(model.nodes[0]?.state).toBe("SUCCEEDED");
    expect(model.nodes[0]?.jobRuns.map((r) => r.Attempt)).toEqual([0, 1]);
  });

  it("survives a loose graph: no graph, unknown types, missing ids, dangling and duplicate edges", () => {
    expect(graphModel(undefined)).toEqual({ nodes: [], edges: [] });
    const model = graphModel({
      Nodes: [
        { Type: "JOB", Name: "a" },
        { Name: "mystery", UniqueId: "m" },
        { Type: "JOB", Name: "a" },
        { Type: "TRIGGER", Name: "t", UniqueId: "t" },
      ] as never,
      Edges: [
        { SourceId: "JOB:a", DestinationId: "m" },
        { SourceId: "JOB:a", DestinationId: "m" },
        { SourceId: "m", DestinationId: "gone" },
        { SourceId: "m", DestinationId: "m" },
        {},
      ],
    });
    expect(model.nodes.map((n) => [n.id, n.type, n.state])).toEqual([
      ["JOB:a", "JOB", NOT_RUN],
      ["m", "UNKNOWN", NOT_RUN],
      ["JOB:a#2", "JOB", NOT_RUN],
      ["t", "TRIGGER", "UNKNOWN"],
    ]);
    expect(model.nodes.at(-1)?.tone).toBe("waiting");
    expect(model.edges).toEqual([{ id: "JOB:a->m", from: "JOB:a", to: "m" }]);
  });
});

describe("layoutGraph (layout → SVG geometry)", () => {
  it("lays a recorded run out left to right: every edge points rightwards, no two nodes overlap", () => {
    const layout = layoutGraph(graphModel(salesRun().Graph));
    const box = Object.fromEntries(layout.nodes.map((n) => [n.node.id, n]));
    for (const edge of layout.edges) {
      const from = box[edge.from];
      const to = box[edge.to];
      expect(from && to && from.x + from.width <= to.x).toBe(true);
      expect(edge.path).toMatch(/^M[\d.-]+,[\d.-]+( L[\d.-]+,[\d.-]+)+$/);
    }
    expectNoOverlap(layout.nodes);
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width + 0.5);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height + 0.5);
    }
  });

  it("lists the placed nodes in reading order, the keyboard's Tab order", () => {
    const layout = layoutGraph(graphModel(salesRun().Graph));
    expect(layout.nodes.map((n) => n.node.name)).toEqual([
      "sales-start",
      "raw-sales-crawler",
      "sales-transform",
      expect.stringMatching(/^(aggregate|clean)-sales$/),
      expect.stringMatching(/^(aggregate|clean)-sales$/),
      "sales-publish",
      "publish-sales-report",
    ]);
  });

  it("places a 100-node graph in rank order without overlaps", () => {
    const layout = layoutGraph(graphModel(layeredGraph(10, 9)));
    expect(layout.nodes).toHaveLength(100);
    expectNoOverlap(layout.nodes);
    const x = (id: string) => layout.nodes.find((n) => n.node.id === id)?.x ?? Number.NaN;
    expect(x("t0")).toBeLessThan(x("j0-0"));
    expect(x("j0-8")).toBeLessThan(x("t1"));
    expect(x("t1")).toBeLessThan(x("j9-0"));
  });

  it("sizes boxes to their names within bounds and shortens very long names", () => {
    expect(nodeWidth("a")).toBe(132);
    expect(nodeWidth("x".repeat(300))).toBe(232);
    expect(shorten("short")).toBe("short");
    const long = shorten("a-very-long-glue-job-name-that-would-not-fit-in-a-box");
    expect(long.endsWith("…")).toBe(true);
    expect(long.length).toBeLessThan(32);
  });
});

function expectNoOverlap(nodes: { x: number; y: number; width: number; height: number }[]): void {
  for (const [i, a] of nodes.entries()) {
    for (const b of nodes.slice(i + 1)) {
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart).toBe(true);
    }
  }
}
