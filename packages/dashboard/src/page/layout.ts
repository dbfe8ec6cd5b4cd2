/**
 * Graph model → SVG geometry, laid out by dagre (left to right, like Glue's console).
 * Pure: same model, same picture; the SVG component only draws what this returns.
 */
import dagre from "@dagrejs/dagre";
import type { GraphModel, ModelNode } from "./graph-model.ts";

export const NODE_HEIGHT = 44;
const MIN_WIDTH = 132;
const MAX_WIDTH = 232;
/** Rough width of one character of the 12 px label font. */
const CHAR_WIDTH = 6.8;
/** Width of one character of the 10 px bold, spaced, upper-case kind line. */
const KIND_CHAR_WIDTH = 7.2;
const MAX_LABEL_CHARS = Math.floor((MAX_WIDTH - 34) / CHAR_WIDTH);

export interface PlacedNode {
  node: ModelNode;
  /** Top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The name as drawn (shortened with … when too long; the full name is in the label). */
  label: string;
}

export interface PlacedEdge {
  id: string;
  from: string;
  to: string;
  /** An SVG path through dagre's points. */
  path: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  /** In reading order (left to right, then top to bottom): the keyboard's Tab order. */
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export function layoutGraph(model: GraphModel): GraphLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 16, ranksep: 56, edgesep: 8, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of model.nodes) {
    g.setNode(node.id, { width: nodeWidth(node.name, kindLine(node)), height: NODE_HEIGHT });
  }
  for (const edge of model.edges) g.setEdge(edge.from, edge.to);
  dagre.layout(g);

  const nodes = model.nodes
    .map((node): PlacedNode => {
      const box = g.node(node.id);
      return {
        node,
        x: round(box.x - box.width / 2),
        y: round(box.y - box.height / 2),
        width: box.width,
        height: box.height,
        label: shorten(node.name),
      };
    })
    .sort((a, b) => a.x - b.x || a.y - b.y);
  const edges = model.edges.map((edge): PlacedEdge => {
    const points = g.edge(edge.from, edge.to)?.points ?? [];
    return { id: edge.id, from: edge.from, to: edge.to, path: pathThrough(points) };
  });
  const graph = g.graph();
  return { width: Math.max(graph.width ?? 0, 1), height: Math.max(graph.height ?? 0, 1), nodes, edges };
}

/** The box's first line, e.g. "JOB · FAILED". */
export function kindLine(node: Pick<ModelNode, "type" | "state">): string {
  return `${node.type} · ${node.state === "NOT_RUN" ? "NOT RUN" : node.state}`;
}

/** Wide enough for the name (up to MAX_WIDTH, then shortened) and for the kind line. */
export function nodeWidth(name: string, kind = ""): number {
  const forName = Math.min(MAX_WIDTH, Math.ceil(name.length * CHAR_WIDTH) + 34);
  const forKind = Math.ceil(kind.length * KIND_CHAR_WIDTH) + 28;
  return Math.max(MIN_WIDTH, forName, forKind);
}

export function shorten(name: string): string {
  return name.length <= MAX_LABEL_CHARS ? name : `${name.slice(0, MAX_LABEL_CHARS - 1)}…`;
}

function pathThrough(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${round(p.x)},${round(p.y)}`).join(" ");
}

const round = (n: number) => Math.round(n * 10) / 10;
