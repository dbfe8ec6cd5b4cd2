/**
 * When a scheduled run is missed (docs/decisions/insights-overdue-and-missed.md): the
 * workflow's start trigger is SCHEDULED and ACTIVATED, one of its slots passed more
 * than scheduleGraceMinutes ago, and no run of the workflow started between the slot
 * (less a minute of clock skew) and the slot + grace.
 */
import { TriggerState, TriggerType, type WorkflowGraph } from "@glue-run-tracker/glue-model";
import type { Jsonified } from "../workflow-run/types.ts";

export interface ScheduledStart {
  triggerName: string;
  schedule: string;
}

/** Glue's clocks and ours may differ a little: a run started this much before its slot still counts. */
export const SLOT_EARLY_TOLERANCE_MS = 60_000;

/**
 * The graph's ACTIVATED SCHEDULED triggers (a workflow's start trigger is its one
 * trigger without a predicate; a SCHEDULED trigger always is one).
 *
 * @example
 * scheduledStarts(workflow.Graph); // [{ triggerName: "nightly", schedule: "cron(0 3 * * ? *)" }]
 */
export function scheduledStarts(graph: Jsonified<WorkflowGraph> | WorkflowGraph | undefined): ScheduledStart[] {
  const starts: ScheduledStart[] = [];
  for (const node of graph?.Nodes ?? []) {
    const trigger = node.TriggerDetails?.Trigger;
    if (trigger?.Type !== TriggerType.SCHEDULED || !trigger.Schedule) continue;
    // A trigger Glue reports without a state is taken as active; a deactivated one starts nothing.
    if (trigger.State !== undefined && trigger.State !== TriggerState.ACTIVATED) continue;
    starts.push({ triggerName: trigger.Name ?? node.Name ?? "(unnamed trigger)", schedule: trigger.Schedule });
  }
  return starts;
}

/** True when one of `starts` (epoch ms) falls in the slot's window. */
export function startedForSlot(slot: Date, graceMinutes: number, starts: readonly number[]): boolean {
  const from = slot.getTime() - SLOT_EARLY_TOLERANCE_MS;
  const until = slot.getTime() + graceMinutes * 60_000;
  return starts.some((start) => start >= from && start <= until);
}
