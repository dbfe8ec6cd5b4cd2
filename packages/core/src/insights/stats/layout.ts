/**
 * How a day's statistics item stores its aggregates: flat, top-level number
 * attributes, so that counting one run is a single UpdateItem of `ADD name 1`
 * clauses (ADD creates a missing top-level attribute; a nested map path would
 * need the map to exist first). Names carry what they count:
 *
 *   Runs, Succeeded, Failed, Stopped, Errored, Unknown     terminal runs by Outcome
 *   AutoResumes, AutoResumesSucceeded                      runs started by auto-resume
 *   CostAmount, DpuSeconds (+ CostCurrency, a string)      summed run.Cost
 *   D|all|<bin>, D|ok|<bin>                                duration bins, all / succeeded runs
 *   N|<JOB|CRAWLER>|<Succeeded|…|D<bin>>|<node name>       per node: outcome counts and duration bins
 *
 * The node name comes last so that any character it holds (even "|") parses back.
 */
import type { DurationBins } from "./sketch.ts";
import { NodeKindName } from "./types.ts";

export const OutcomeCounter = {
  Runs: "Runs",
  Succeeded: "Succeeded",
  Failed: "Failed",
  Stopped: "Stopped",
  Errored: "Errored",
  Unknown: "Unknown",
} as const;
export type OutcomeCounter = (typeof OutcomeCounter)[keyof typeof OutcomeCounter];

export const StatsAttribute = {
  AutoResumes: "AutoResumes",
  AutoResumesSucceeded: "AutoResumesSucceeded",
  CostAmount: "CostAmount",
  DpuSeconds: "DpuSeconds",
  CostCurrency: "CostCurrency",
  /** Hashes of the run ids already counted: the condition that makes counting idempotent. */
  CountedRuns: "CountedRuns",
  Day: "Day",
} as const;

export const DurationSeries = { All: "all", Succeeded: "ok" } as const;
export type DurationSeries = (typeof DurationSeries)[keyof typeof DurationSeries];

const NODE_OUTCOMES = [
  OutcomeCounter.Succeeded,
  OutcomeCounter.Failed,
  OutcomeCounter.Stopped,
  OutcomeCounter.Errored,
] as const;
export type NodeOutcomeCounter = (typeof NODE_OUTCOMES)[number];

export const durationAttribute = (series: DurationSeries, bin: string) => `D|${series}|${bin}`;

export const nodeOutcomeAttribute = (kind: NodeKindName, counter: NodeOutcomeCounter, name: string) =>
  `N|${kind}|${counter}|${name}`;

export const nodeDurationAttribute = (kind: NodeKindName, bin: string, name: string) => `N|${kind}|D${bin}|${name}`;

export interface Counts {
  runs: number;
  succeeded: number;
  failed: number;
  stopped: number;
  errored: number;
  unknown: number;
}

export const emptyCounts = (): Counts => ({ runs: 0, succeeded: 0, failed: 0, stopped: 0, errored: 0, unknown: 0 });

export function addCounts(into: Counts, counts: Counts): Counts {
  for (const key of Object.keys(into) as (keyof Counts)[]) into[key] += counts[key];
  return into;
}

export interface NodeAggregate {
  kind: NodeKindName;
  name: string;
  counts: Counts;
  bins: DurationBins;
}

/** One day's item, parsed. */
export interface DayAggregate {
  day: string;
  counts: Counts;
  autoResumes: number;
  autoResumesSucceeded: number;
  costAmount: number;
  dpuSeconds: number;
  currency?: string;
  bins: Record<DurationSeries, DurationBins>;
  nodes: Map<string, NodeAggregate>;
}

const COUNT_FIELD: Record<NodeOutcomeCounter | "Unknown", keyof Counts> = {
  Succeeded: "succeeded",
  Failed: "failed",
  Stopped: "stopped",
  Errored: "errored",
  Unknown: "unknown",
};

const KINDS: ReadonlySet<string> = new Set(Object.values(NodeKindName));

/** Reads a day item (as the document client returns it) back into aggregates; unknown attributes are ignored. */
export function readDayItem(item: Record<string, unknown>): DayAggregate {
  const number = (name: string) => (typeof item[name] === "number" ? (item[name] as number) : 0);
  const counts: Counts = {
    runs: number(OutcomeCounter.Runs),
    succeeded: number(OutcomeCounter.Succeeded),
    failed: number(OutcomeCounter.Failed),
    stopped: number(OutcomeCounter.Stopped),
    errored: number(OutcomeCounter.Errored),
    unknown: number(OutcomeCounter.Unknown),
  };
  const day: DayAggregate = {
    day: String(item[StatsAttribute.Day] ?? ""),
    counts,
    autoResumes: number(StatsAttribute.AutoResumes),
    autoResumesSucceeded: number(StatsAttribute.AutoResumesSucceeded),
    costAmount: number(StatsAttribute.CostAmount),
    dpuSeconds: number(StatsAttribute.DpuSeconds),
    bins: { all: new Map(), ok: new Map() },
    nodes: new Map(),
  };
  const currency = item[StatsAttribute.CostCurrency];
  if (typeof currency === "string") day.currency = currency;
  for (const [name, value] of Object.entries(item)) {
    if (typeof value !== "number") continue;
    if (name.startsWith("D|")) readDurationBin(day, name, value);
    else if (name.startsWith("N|")) readNodeAttribute(day, name, value);
  }
  return day;
}

const ALL_PREFIX = `D|${DurationSeries.All}|`;
const SUCCEEDED_PREFIX = `D|${DurationSeries.Succeeded}|`;

function readDurationBin(day: DayAggregate, name: string, value: number): void {
  // Hot path of the stats route (hundreds of attributes per day): no split, no temporary maps.
  if (name.startsWith(ALL_PREFIX)) increment(day.bins.all, name.slice(ALL_PREFIX.length), value);
  else if (name.startsWith(SUCCEEDED_PREFIX)) increment(day.bins.ok, name.slice(SUCCEEDED_PREFIX.length), value);
}

function increment(bins: DurationBins, bin: string, value: number): void {
  bins.set(bin, (bins.get(bin) ?? 0) + value);
}

function readNodeAttribute(day: DayAggregate, name: string, value: number): void {
  const second = name.indexOf("|", 2);
  const third = name.indexOf("|", second + 1);
  if (second < 0 || third < 0) return;
  const kind = name.slice(2, second);
  const field = name.slice(second + 1, third);
  const nodeName = name.slice(third + 1);
  if (!KINDS.has(kind)) return;
  const key = `${kind}|${nodeName}`;
  let node = day.nodes.get(key);
  if (!node) {
    node = { kind: kind as NodeKindName, name: nodeName, counts: emptyCounts(), bins: new Map() };
    day.nodes.set(key, node);
  }
  if (field.startsWith("D")) {
    increment(node.bins, field.slice(1), value);
  } else if (field in COUNT_FIELD) {
    node.counts[COUNT_FIELD[field as NodeOutcomeCounter]] += value;
    node.counts.runs += value;
  }
}
