/** Day items → a window's statistics: counts add up, duration bins merge (sketch.ts). */
import {
  addCounts,
  type Counts,
  type DayAggregate,
  DurationSeries,
  emptyCounts,
  type NodeAggregate,
} from "./layout.ts";
import { addBins, summarizeBins } from "./sketch.ts";
import type {
  AutoResumeStats,
  CostTotal,
  DayStats,
  NodeStats,
  OutcomeCounts,
  StatsWindow,
  WorkflowStats,
} from "./types.ts";

/**
 * @example
 * const stats = summarizeDays("nightly", { since: "2026-11-06", until: "2026-12-05" }, items.map(readDayItem));
 * stats.successfulDuration.p95; // seconds, or undefined without a succeeded run
 */
export function summarizeDays(workflowName: string, window: StatsWindow, days: DayAggregate[]): WorkflowStats {
  const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
  const counts = emptyCounts();
  const all = new Map<string, number>();
  const succeeded = new Map<string, number>();
  const nodes = new Map<string, NodeAggregate>();
  let autoResumes = 0;
  let autoResumesSucceeded = 0;
  for (const day of sorted) {
    addCounts(counts, day.counts);
    addBins(all, day.bins[DurationSeries.All]);
    addBins(succeeded, day.bins[DurationSeries.Succeeded]);
    autoResumes += day.autoResumes;
    autoResumesSucceeded += day.autoResumesSucceeded;
    for (const [key, node] of day.nodes) {
      const into = nodes.get(key) ?? { kind: node.kind, name: node.name, counts: emptyCounts(), bins: new Map() };
      addCounts(into.counts, node.counts);
      addBins(into.bins, node.bins);
      nodes.set(key, into);
    }
  }
  return {
    workflowName,
    since: window.since,
    until: window.until,
    ...outcomeCounts(counts),
    autoResumes: autoResumeStats(autoResumes, autoResumesSucceeded),
    duration: summarizeBins(all),
    successfulDuration: summarizeBins(succeeded),
    cost: costTotal(sorted),
    days: sorted.filter((day) => day.counts.runs > 0).map(dayStats),
    nodes: [...nodes.values()]
      .sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind))
      .map(
        (node): NodeStats => ({
          type: node.kind,
          name: node.name,
          ...outcomeCounts(node.counts),
          duration: summarizeBins(node.bins),
        }),
      ),
  };
}

function dayStats(day: DayAggregate): DayStats {
  return {
    day: day.day,
    ...outcomeCounts(day.counts),
    autoResumes: autoResumeStats(day.autoResumes, day.autoResumesSucceeded),
    duration: summarizeBins(day.bins[DurationSeries.All]),
    successfulDuration: summarizeBins(day.bins[DurationSeries.Succeeded]),
    cost: costTotal([day]),
  };
}

/** Failure = Outcome FAILED or ERROR (the run did not do its work); STOPPED was someone's choice. */
function outcomeCounts(counts: Counts): OutcomeCounts {
  const result: OutcomeCounts = { ...counts };
  if (counts.runs > 0) result.failureRate = ratio(counts.failed + counts.errored, counts.runs);
  return result;
}

function autoResumeStats(count: number, succeeded: number): AutoResumeStats {
  return count > 0 ? { count, succeeded, successRate: ratio(succeeded, count) } : { count, succeeded };
}

function costTotal(days: DayAggregate[]): CostTotal {
  const total: CostTotal = { amount: 0, dpuSeconds: 0 };
  for (const day of days) {
    total.amount += day.costAmount;
    total.dpuSeconds += day.dpuSeconds;
    total.currency ??= day.currency;
  }
  total.amount = Math.round(total.amount * 1e6) / 1e6;
  return total;
}

/** Four decimals: a rate shown as a percentage keeps two. */
function ratio(part: number, whole: number): number {
  return Math.round((part / whole) * 10_000) / 10_000;
}
