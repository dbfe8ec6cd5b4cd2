/** Zoom and pan of the run graph: pure arithmetic on {scale, x, y}. */

export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.2;
export const MAX_SCALE = 2.5;
/** Below this, 12 px labels are no longer readable: the first view stops here and pans instead. */
export const READABLE_SCALE = 0.6;

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** The whole graph in the frame, centred, never enlarged beyond 1:1. */
export function fitViewport(
  content: { width: number; height: number },
  frame: { width: number; height: number },
): Viewport {
  const scale = clampScale(Math.min(frame.width / content.width, frame.height / content.height, 1));
  return {
    scale,
    x: (frame.width - content.width * scale) / 2,
    y: (frame.height - content.height * scale) / 2,
  };
}

/**
 * The first view: fit when that stays readable; otherwise readable size, from the left
 * edge (the triggers), or centred on `focus` (the first failed node) when given.
 */
export function initialViewport(
  content: { width: number; height: number },
  frame: { width: number; height: number },
  focus?: { x: number; y: number; width: number; height: number },
): Viewport {
  const fit = fitViewport(content, frame);
  if (fit.scale >= READABLE_SCALE) return fit;
  const scale = READABLE_SCALE;
  const fitsHeight = content.height * scale <= frame.height;
  const middleY = (frame.height - content.height * scale) / 2;
  if (!focus) return { scale, x: 0, y: fitsHeight ? middleY : 0 };
  // Centre the focus, but never scroll past the graph's edges.
  const centre = (size: number, at: number, length: number, contentLength: number) =>
    Math.min(0, Math.max(size - contentLength * scale, size / 2 - (at + length / 2) * scale));
  return {
    scale,
    x: centre(frame.width, focus.x, focus.width, content.width),
    y: fitsHeight ? middleY : centre(frame.height, focus.y, focus.height, content.height),
  };
}

/** Zoom by `factor` keeping the point (cx, cy) of the frame where it is. */
export function zoomAt(view: Viewport, factor: number, cx: number, cy: number): Viewport {
  const scale = clampScale(view.scale * factor);
  const k = scale / view.scale;
  return { scale, x: cx - (cx - view.x) * k, y: cy - (cy - view.y) * k };
}

/** The frame height for a graph: its own height at readable size, within bounds. */
export function frameHeight(contentHeight: number): number {
  return Math.round(Math.min(560, Math.max(200, contentHeight + 24)));
}

/**
 * The view moved just enough for `box` (graph coordinates) to be inside the frame with a
 * margin: keyboard focus on a node off-screen brings it into view. Unchanged when visible.
 */
export function panToShow(
  view: Viewport,
  box: { x: number; y: number; width: number; height: number },
  frame: { width: number; height: number },
  margin = 24,
): Viewport {
  // The offset (view.x or view.y) that brings [start, start + length] inside [margin, size - margin].
  const place = (offset: number, start: number, length: number, size: number): number => {
    const from = offset + start * view.scale;
    const to = from + length * view.scale;
    if (from < margin) return offset + margin - from;
    // Too far right or down: move back, but never past its start (a box wider than the frame shows its start).
    if (to > size - margin) return offset + Math.max(size - margin - to, margin - from);
    return offset;
  };
  const x = place(view.x, box.x, box.width, frame.width);
  const y = place(view.y, box.y, box.height, frame.height);
  return x === view.x && y === view.y ? view : { ...view, x, y };
}
