import { describe, expect, it } from "vitest";
import { fitViewport, frameHeight, initialViewport, MAX_SCALE, READABLE_SCALE, zoomAt } from "../src/page/viewport.ts";

describe("graph viewport", () => {
  it("fits a small graph centred at 1:1 and a large one scaled down", () => {
    expect(fitViewport({ width: 400, height: 100 }, { width: 1000, height: 300 })).toEqual({
      scale: 1,
      x: 300,
      y: 100,
    });
    const big = fitViewport({ width: 4000, height: 600 }, { width: 1000, height: 300 });
    expect(big.scale).toBe(0.25);
    expect(big.x).toBe(0);
  });

  it("starts a huge graph at a readable size from its left edge instead of a tiny fit", () => {
    const first = initialViewport({ width: 6000, height: 2000 }, { width: 1200, height: 560 });
    expect(first).toEqual({ scale: READABLE_SCALE, x: 0, y: 0 });
  });

  it("centres the first view of a huge graph on the failed node, without scrolling past the edges", () => {
    const content = { width: 6000, height: 2000 };
    const frame = { width: 1200, height: 560 };
    const failed = { x: 3000, y: 1000, width: 100, height: 40 };
    const view = initialViewport(content, frame, failed);
    expect(view.scale).toBe(READABLE_SCALE);
    // The failed node's centre lands in the frame's centre.
    expect(view.x + (failed.x + failed.width / 2) * view.scale).toBeCloseTo(frame.width / 2);
    expect(view.y + (failed.y + failed.height / 2) * view.scale).toBeCloseTo(frame.height / 2);
    const nearEdge = initialViewport(content, frame, { x: 10, y: 10, width: 100, height: 40 });
    expect([nearEdge.x, nearEdge.y]).toEqual([0, 0]);
    const farEdge = initialViewport(content, frame, { x: 5900, y: 1960, width: 100, height: 40 });
    expect([farEdge.x, farEdge.y]).toEqual([frame.width - 6000 * READABLE_SCALE, frame.height - 2000 * READABLE_SCALE]);
  });

  it("zooms around a point and stays within bounds", () => {
    const zoomed = zoomAt({ scale: 1, x: 0, y: 0 }, 2, 100, 50);
    expect(zoomed).toEqual({ scale: 2, x: -100, y: -50 });
    expect(zoomAt({ scale: 2, x: 0, y: 0 }, 10, 0, 0).scale).toBe(MAX_SCALE);
  });

  it("gives the frame the graph's height within 200–560 px", () => {
    expect(frameHeight(50)).toBe(200);
    expect(frameHeight(300)).toBe(324);
    expect(frameHeight(5000)).toBe(560);
  });
});
