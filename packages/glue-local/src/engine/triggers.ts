/**
 * Trigger behaviour: predicate evaluation over a run's node states, and the timers of
 * ACTIVATED SCHEDULED triggers.
 */
import type { EngineContext } from "./context.ts";
import { nextFireTime, parseSchedule } from "./cron.ts";
import { crawlerKey, jobKey, type NodeKey, type PredicateRecord, type TriggerRecord } from "./state.ts";

/** AND: every condition holds; ANY: at least one does. A condition compares a node's end state. */
export function predicateHolds(predicate: PredicateRecord | undefined, states: ReadonlyMap<NodeKey, string>): boolean {
  const conditions = predicate?.Conditions ?? [];
  if (conditions.length === 0) return false;
  const holds = conditions.map((c) =>
    c.JobName !== undefined
      ? states.get(jobKey(c.JobName)) === c.State
      : c.CrawlerName !== undefined && states.get(crawlerKey(c.CrawlerName)) === c.CrawlState,
  );
  return predicate?.Logical === "ANY" ? holds.some(Boolean) : holds.every(Boolean);
}

/** Does the trigger's predicate watch this node? */
export function watches(trigger: TriggerRecord, key: NodeKey): boolean {
  return (trigger.predicate?.Conditions ?? []).some(
    (c) =>
      (c.JobName !== undefined && jobKey(c.JobName) === key) ||
      (c.CrawlerName !== undefined && crawlerKey(c.CrawlerName) === key),
  );
}

/** Keeps one timer per ACTIVATED SCHEDULED trigger, calling `fire` at each scheduled minute. */
export class TriggerClock {
  constructor(
    private readonly ctx: EngineContext,
    private readonly fire: (trigger: TriggerRecord) => void,
  ) {}

  arm(trigger: TriggerRecord): void {
    this.disarm(trigger);
    if (trigger.type !== "SCHEDULED" || trigger.state !== "ACTIVATED" || !trigger.schedule) return;
    const at = nextFireTime(parseSchedule(trigger.schedule), this.ctx.scheduler.now());
    if (at === undefined) return;
    trigger.timer = this.ctx.scheduler.at(at, () => {
      trigger.timer = undefined;
      if (this.ctx.state.triggers.get(trigger.name) !== trigger || trigger.state !== "ACTIVATED") return;
      this.fire(trigger);
      this.arm(trigger);
    });
  }

  disarm(trigger: TriggerRecord): void {
    this.ctx.scheduler.cancel(trigger.timer);
    trigger.timer = undefined;
  }
}
