/**
 * The run's WorkflowGraph as SVG: dagre's layout (layout.ts) drawn as boxes and arrows,
 * coloured by state with the state also written in the box. Nodes are focusable
 * buttons (Enter or Space opens their details); zoom, pan (drag) and fit.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { GraphModel } from "../graph-model.ts";
import { kindLine, layoutGraph, type PlacedNode } from "../layout.ts";
import { stateLabel, TONE_COLOURS } from "../outcome.ts";
import { fitViewport, frameHeight, initialViewport, panToShow, type Viewport, zoomAt } from "../viewport.ts";

export function RunGraph(props: { model: GraphModel; selected: string | undefined; onSelect: (id: string) => void }) {
  const layout = useMemo(() => layoutGraph(props.model), [props.model]);
  const frameRef = useRef<HTMLDivElement>(null);
  const height = frameHeight(layout.height);
  const [view, setView] = useState<Viewport | undefined>(undefined);
  const drag = useRef<{ x: number; y: number; start: Viewport } | undefined>(undefined);
  const layoutKey = layout.nodes.map((n) => n.node.id).join("|");

  const frame = () => ({ width: frameRef.current?.clientWidth || 1000, height });
  const firstFailed = layout.nodes.find((n) => n.node.tone === "fail");
  // A new set of nodes (not a state change of the same nodes) resets the view.
  useEffect(() => setView(initialViewport(layout, frame(), firstFailed)), [layoutKey]);

  const current = view ?? initialViewport(layout, { width: 1000, height }, firstFailed);
  const zoom = (factor: number) => {
    const f = frame();
    setView(zoomAt(current, factor, f.width / 2, f.height / 2));
  };

  if (props.model.nodes.length === 0) return <p class="muted">This run has no stored graph.</p>;

  return (
    <div class="graph">
      <div class="graph-tools">
        <button type="button" class="button small" onClick={() => zoom(1.25)}>
          Zoom in
        </button>
        <button type="button" class="button small" onClick={() => zoom(0.8)}>
          Zoom out
        </button>
        <button type="button" class="button small" onClick={() => setView(fitViewport(layout, frame()))}>
          Fit
        </button>
        <span class="muted small">
          {props.model.nodes.length} nodes · drag to pan · Ctrl+wheel to zoom · {Math.round(current.scale * 100)}%
        </span>
      </div>
      <div class="graph-frame" ref={frameRef} style={{ height: `${height}px` }}>
        {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing groups its node buttons; it cannot be a fieldset. */}
        <svg
          data-testid="run-graph"
          width="100%"
          height={height}
          role="group"
          aria-label={`Workflow graph: ${props.model.nodes.length} nodes`}
          onPointerDown={(e) => {
            if ((e.target as Element).closest("[data-testid=graph-node]")) return;
            drag.current = { x: e.clientX, y: e.clientY, start: current };
            (e.currentTarget as SVGSVGElement).setPointerCapture(e.pointerId);
          }}
          onPointerMove={(e) => {
            const d = drag.current;
            if (d) setView({ ...d.start, x: d.start.x + e.clientX - d.x, y: d.start.y + e.clientY - d.y });
          }}
          onPointerUp={() => {
            drag.current = undefined;
          }}
          onWheel={(e) => {
            if (!e.ctrlKey && !e.metaKey) return;
            e.preventDefault();
            const box = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
            setView(zoomAt(current, e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - box.left, e.clientY - box.top));
          }}
        >
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" fill="#6b7480" />
            </marker>
          </defs>
          <g transform={`translate(${current.x},${current.y}) scale(${current.scale})`}>
            {layout.edges.map((edge) => (
              <path key={edge.id} d={edge.path} class="edge" marker-end="url(#arrow)" />
            ))}
            {layout.nodes.map((placed) => (
              <GraphNodeBox
                key={placed.node.id}
                node={placed.node}
                x={placed.x}
                y={placed.y}
                width={placed.width}
                height={placed.height}
                label={placed.label}
                selected={props.selected === placed.node.id}
                onSelect={props.onSelect}
                onFocus={() => setView(panToShow(current, placed, frame()))}
              />
            ))}
          </g>
        </svg>
      </div>
    </div>
  );
}

const TYPE_LABEL: Record<string, string> = { TRIGGER: "Trigger", JOB: "Job", CRAWLER: "Crawler" };

function GraphNodeBox(
  props: PlacedNode & {
    selected: boolean;
    onSelect: (id: string) => void;
    onFocus: () => void;
  },
) {
  const { node } = props;
  const colours = TONE_COLOURS[node.tone];
  const kind = TYPE_LABEL[node.type] ?? node.type;
  const trigger = node.type === "TRIGGER";
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; role, tabindex and keys make it one.
    <g
      data-testid="graph-node"
      data-node-name={node.name}
      data-node-type={node.type}
      data-state={node.state}
      class={`node${props.selected ? " selected" : ""}`}
      transform={`translate(${props.x},${props.y})`}
      role="button"
      tabindex={0}
      aria-pressed={props.selected}
      onClick={() => props.onSelect(node.id)}
      onFocus={props.onFocus}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          props.onSelect(node.id);
        }
      }}
    >
      {/* The accessible name (and the tooltip): the full name even when the box shortens it. */}
      <title>{`${kind} ${node.name}: ${stateLabel(node.state)}`}</title>
      <rect
        width={props.width}
        height={props.height}
        rx={trigger ? 22 : 6}
        fill={colours.fill}
        stroke={colours.stroke}
        stroke-width={props.selected ? 3 : 1.5}
        stroke-dasharray={trigger ? "5 3" : undefined}
      />
      <text x={12} y={17} class="node-kind" fill={colours.ink}>
        {kindLine(node)}
      </text>
      <text x={12} y={34} class="node-name" fill="#1b1f24">
        {props.label}
      </text>
    </g>
  );
}
