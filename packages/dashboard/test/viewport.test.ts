import { describe, expect, it } from "vitest";
import {
  fitViewport,
  frameHeight,
  initialViewport,
  MAX_SCALE,
  panToShow,
  READABLE_SCALE,
  zoomAt,
} from "../src/page/viewport.ts";

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

  it("pans just enough to show a node that keyboard focus reached off-screen", () => {
    const frame = { width: 1000, height: 400 };
    const view = { scale: 0.5, x: 0, y: 0 };
    // Visible: unchanged (the same object, so no re-render).
    expect(panToShow(view, { x: 100, y: 100, width: 100, height: 40 }, frame)).toBe(view);
    // Off to the right: its right edge lands 24 px inside the frame.
    const right = panToShow(view, { x: 3000, y: 100, width: 200, height: 40 }, frame);
    expect(right.x + (3000 + 200) * 0.5).toBe(1000 - 24);
    expect(right.y).toBe(0);
    // Off to the top-left after panning away: its top-left lands 24 px inside.
    const back = panToShow({ scale: 0.5, x: -1500, y: -300 }, { x: 100, y: 100, width: 100, height: 40 }, frame);
    expect([back.x + 100 * 0.5, back.y + 100 * 0.5]).toEqual([24, 24]);
    // Wider than the frame: its start is shown.
    const wide = panToShow(view, { x: 3000, y: 0, width: 3000, height: 40 }, frame);
    expect(wide.x + 3000 * 0.5).toBe(24);
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
