/**
 * Gantt rows from a run's graph: one bar per job run attempt and per crawl, from
 * StartedOn to CompletedOn (or now while it runs), on a shared time scale.
 */
import type { WorkflowGraph } from "./api-types.ts";
import { parseInstant } from "./format.ts";
import { graphModel } from "./graph-model.ts";
import { type Tone, toneOf } from "./outcome.ts";

export interface GanttRow {
  key: string;
  nodeName: string;
  nodeType: "JOB" | "CRAWLER";
  /** Job run attempt (0 = first), undefined for crawls. */
  attempt: number | undefined;
  state: string;
  tone: Tone;
  start: number;
  end: number;
  /** No CompletedOn yet: the bar reaches now. */
  open: boolean;
  errorMessage: string | undefined;
  startedOn: string;
  completedOn: string | undefined;
}

export interface GanttChart {
  rows: GanttRow[];
  start: number;
  end: number;
}

export function ganttChart(graph: WorkflowGraph | undefined, now: number): GanttChart {
  const rows: GanttRow[] = [];
  const add = (bar: Bar) => {
    const row = ganttRow(bar, now);
    if (row) rows.push(row);
  };
  for (const node of graphModel(graph).nodes) {
    for (const [i, run] of node.jobRuns.entries()) {
      add({
        key: `${node.id}/job/${run.Id ?? i}`,
        nodeName: node.name,
        nodeType: "JOB",
        attempt: run.Attempt ?? i,
        state: run.JobRunState,
        errorMessage: run.ErrorMessage,
        startedOn: run.StartedOn,
        completedOn: run.CompletedOn,
      });
    }
    for (const [i, crawl] of node.crawls.entries()) {
      add({
        key: `${node.id}/crawl/${i}`,
        nodeName: node.name,
        nodeType: "CRAWLER",
        attempt: undefined,
        state: crawl.State,
        errorMessage: crawl.ErrorMessage,
        startedOn: crawl.StartedOn,
        completedOn: crawl.CompletedOn,
      });
    }
  }
  rows.sort((a, b) => a.start - b.start || a.nodeName.localeCompare(b.nodeName));
  const start = rows.length ? Math.min(...rows.map((r) => r.start)) : now;
  const end = rows.length ? Math.max(...rows.map((r) => r.end)) : now;
  return { rows, start, end: Math.max(end, start + 1) };
}

/** A bar's left offset and width as percentages of the chart (at least a visible sliver). */
export function barPosition(row: GanttRow, chart: GanttChart): { left: number; width: number } {
  const span = chart.end - chart.start;
  const left = ((row.start - chart.start) / span) * 100;
  const width = Math.max(((row.end - row.start) / span) * 100, 0.5);
  return { left: round2(left), width: round2(Math.min(width, 100 - left)) };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A job run or a crawl, as the graph gives it. */
type Bar = Pick<GanttRow, "key" | "nodeName" | "nodeType" | "attempt" | "errorMessage" | "completedOn"> & {
  state: string | undefined;
  startedOn: string | undefined;
};

/** A bar from StartedOn to CompletedOn (or now while it runs); none without a start. */
function ganttRow(bar: Bar, now: number): GanttRow | undefined {
  const start = parseInstant(bar.startedOn);
  if (start === undefined || bar.startedOn === undefined) return undefined;
  const completed = parseInstant(bar.completedOn);
  return {
    ...bar,
    state: bar.state ?? "UNKNOWN",
    tone: toneOf(bar.state),
    start,
    end: Math.max(start, completed ?? now),
    open: completed === undefined,
    startedOn: bar.startedOn,
  };
}
