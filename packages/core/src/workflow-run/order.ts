/**
 * The snapshot order: which of two observations of one run is the more progressed.
 * It decides what the store keeps (a conditional write on `rank`), so duplicate and
 * reordered Glue events can never move a stored run backwards (docs/architecture.md#snapshot-ordering).
 */
import { WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import { InvalidInputError } from "../errors.ts";
import type { RunSnapshot } from "./types.ts";

/** A snapshot with the time the tracker observed it (the store's SnapshotInput fits). */
export interface ObservedSnapshot {
  run: RunSnapshot;
  /** ISO-8601 time of the observation. */
  observedAt: string;
}

/** RUNNING < STOPPING < any terminal status; a missing Status ranks lowest. */
const STATUS_RANK: Record<WorkflowRunStatus, number> = {
  [WorkflowRunStatus.RUNNING]: 1,
  [WorkflowRunStatus.STOPPING]: 2,
  [WorkflowRunStatus.COMPLETED]: 3,
  [WorkflowRunStatus.STOPPED]: 3,
  [WorkflowRunStatus.ERROR]: 3,
};
const COUNT_WIDTH = 6;
const MAX_COUNT = 10 ** COUNT_WIDTH - 1;

/**
 * How far the run had got, as a fixed-width string that sorts like the order:
 * status class, then finished actions, then total actions. Equal progress = the
 * same observed state (the timeline keeps one entry per progress).
 *
 * @example
 * progressKey({ Status: "RUNNING", Statistics: { TotalActions: 3, SucceededActions: 1 } }); // "1.000001.000003"
 */
export function progressKey(run: RunSnapshot): string {
  const stats = run.Statistics ?? {};
  const finished =
    (stats.SucceededActions ?? 0) +
    (stats.FailedActions ?? 0) +
    (stats.TimeoutActions ?? 0) +
    (stats.StoppedActions ?? 0) +
    (stats.ErroredActions ?? 0);
  const status = run.Status === undefined ? 0 : (STATUS_RANK[run.Status] ?? 0);
  return `${status}.${count(finished)}.${count(stats.TotalActions ?? 0)}`;
}

/**
 * The sortable rank of an observed snapshot: progress, then whether it carries the
 * graph (so a graph-less listing never displaces what GetWorkflowRun(IncludeGraph)
 * saw of the same state), then the observation time. A greater rank replaces a
 * smaller one; an equal rank is a duplicate.
 *
 * @example
 * snapshotRank({ run, observedAt: "2026-11-24T17:00:00Z" }); // "3.000004.000004|G|2026-11-24T17:00:00.000Z"
 */
export function snapshotRank(snapshot: ObservedSnapshot): string {
  const graph = snapshot.run.Graph === undefined ? "-" : "G";
  return `${progressKey(snapshot.run)}|${graph}|${normalizeInstant(snapshot.observedAt, "observedAt")}`;
}

/**
 * Orders two observations of one run: negative when `a` is less progressed.
 * A terminal status never regresses to running, STOPPING is beyond RUNNING; among
 * equal status more finished actions, then more actions, then a snapshot with the graph,
 * then the later observation win.
 *
 * @example
 * snapshots.sort(compareSnapshots).at(-1); // the most progressed
 */
export function compareSnapshots(a: ObservedSnapshot, b: ObservedSnapshot): number {
  const left = snapshotRank(a);
  const right = snapshotRank(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** An ISO-8601 instant in the fixed-width UTC form that sorts as text; throws on garbage. */
export function normalizeInstant(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidInputError(`${field} is not an ISO-8601 time: ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
}

function count(value: number): string {
  const bounded = Math.min(Math.max(Math.trunc(value), 0), MAX_COUNT);
  return String(bounded).padStart(COUNT_WIDTH, "0");
}
