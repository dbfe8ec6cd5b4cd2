/**
 * Triggers: create / update / delete / start / stop, with Glue's rules — one start trigger
 * (ON_DEMAND or SCHEDULED) per workflow, CONDITIONAL needs a predicate, SCHEDULED a cron()
 * schedule, ON_DEMAND cannot StartOnCreation; EVENT triggers are refused.
 */
import { AlreadyExistsError, EntityNotFoundError, InvalidInputError } from "../errors.ts";
import type { EngineContext } from "./context.ts";
import type { CrawlRunner } from "./crawls.ts";
import { CronError, parseSchedule } from "./cron.ts";
import { startTriggerOf } from "./graph.ts";
import type { JobRunner } from "./job-runs.ts";
import { checkJobSimArguments } from "./simulation.ts";
import type { ActionRecord, PredicateRecord, StringMap, TriggerRecord } from "./state.ts";
import { TriggerClock } from "./triggers.ts";
import type { WorkflowRunner } from "./workflow-runs.ts";

export interface TriggerInput {
  Name: string;
  WorkflowName?: string | undefined;
  Type: TriggerRecord["type"];
  Schedule?: string | undefined;
  Predicate?: PredicateRecord | undefined;
  Actions: ActionRecord[];
  Description?: string | undefined;
  StartOnCreation?: boolean | undefined;
  Tags?: StringMap | undefined;
  EventBatchingCondition?: TriggerRecord["eventBatchingCondition"];
}

export interface TriggerUpdateInput {
  Description?: string | undefined;
  Schedule?: string | undefined;
  Actions?: ActionRecord[] | undefined;
  Predicate?: PredicateRecord | undefined;
  EventBatchingCondition?: TriggerRecord["eventBatchingCondition"];
}

export class TriggerCatalog {
  private readonly clock: TriggerClock;

  constructor(
    private readonly ctx: EngineContext,
    private readonly runs: WorkflowRunner,
    private readonly jobs: JobRunner,
    private readonly crawls: CrawlRunner,
  ) {
    this.clock = new TriggerClock(ctx, (trigger) => this.fireScheduled(trigger));
  }

  trigger(name: string): TriggerRecord {
    const trigger = this.ctx.state.triggers.get(name);
    if (!trigger) throw new EntityNotFoundError(`Trigger with name ${name} not found`);
    return trigger;
  }

  create(input: TriggerInput): TriggerRecord {
    const { state } = this.ctx;
    if (input.Type === "EVENT") {
      throw new InvalidInputError(
        "EVENT triggers are not supported by glue-local; use ON_DEMAND, SCHEDULED or CONDITIONAL",
      );
    }
    if (state.triggers.has(input.Name)) throw new AlreadyExistsError(`Trigger with name ${input.Name} already exists`);
    if (input.WorkflowName !== undefined) {
      if (!state.workflows.has(input.WorkflowName))
        throw new EntityNotFoundError(`Workflow with name ${input.WorkflowName} not found`);
      const existing = startTriggerOf(state, input.WorkflowName);
      if (input.Type !== "CONDITIONAL" && existing) {
        throw new InvalidInputError(`Workflow ${input.WorkflowName} already has a start trigger (${existing.name})`);
      }
    }
    if (input.Type === "ON_DEMAND" && input.StartOnCreation) {
      throw new InvalidInputError("StartOnCreation is not supported for ON_DEMAND triggers");
    }
    this.checkShape(input.Type, input.Schedule, input.Predicate);
    this.checkActions(input.Actions);
    const trigger: TriggerRecord = {
      name: input.Name,
      workflowName: input.WorkflowName,
      type: input.Type,
      state: input.Type !== "ON_DEMAND" && input.StartOnCreation ? "ACTIVATED" : "CREATED",
      description: input.Description,
      schedule: input.Schedule,
      actions: input.Actions,
      predicate: input.Predicate && {
        Logical: input.Predicate.Logical ?? "AND",
        Conditions: input.Predicate.Conditions,
      },
      eventBatchingCondition: input.EventBatchingCondition,
      tags: { ...input.Tags },
      createdSeq: state.nextSeq(),
      timer: undefined,
    };
    state.triggers.set(trigger.name, trigger);
    this.clock.arm(trigger);
    return trigger;
  }

  update(name: string, update: TriggerUpdateInput): TriggerRecord {
    const trigger = this.trigger(name);
    const schedule = update.Schedule ?? trigger.schedule;
    const predicate = update.Predicate ?? trigger.predicate;
    this.checkShape(trigger.type, schedule, predicate);
    if (update.Actions) this.checkActions(update.Actions);
    if (update.Description !== undefined) trigger.description = update.Description;
    if (update.Actions) trigger.actions = update.Actions;
    if (update.Predicate)
      trigger.predicate = { Logical: update.Predicate.Logical ?? "AND", Conditions: update.Predicate.Conditions };
    if (update.EventBatchingCondition) trigger.eventBatchingCondition = update.EventBatchingCondition;
    trigger.schedule = schedule;
    this.clock.arm(trigger);
    return trigger;
  }

  /** A missing trigger is not an error (as in Glue). */
  delete(name: string): void {
    const trigger = this.ctx.state.triggers.get(name);
    if (!trigger) return;
    this.clock.disarm(trigger);
    this.ctx.state.triggers.delete(name);
  }

  /** SCHEDULED / CONDITIONAL → ACTIVATED; an ON_DEMAND trigger fires now. */
  start(name: string): void {
    const trigger = this.trigger(name);
    if (trigger.type === "ON_DEMAND") {
      if (trigger.workflowName !== undefined) this.runs.start(this.workflowOf(trigger), undefined, true);
      else this.fireStandalone(trigger, true);
      return;
    }
    trigger.state = "ACTIVATED";
    this.clock.arm(trigger);
  }

  stop(name: string): void {
    const trigger = this.trigger(name);
    if (trigger.type === "ON_DEMAND") throw new InvalidInputError(`Trigger ${name} is ON_DEMAND and cannot be stopped`);
    trigger.state = "DEACTIVATED";
    this.clock.disarm(trigger);
  }

  private workflowOf(trigger: TriggerRecord) {
    const workflow =
      trigger.workflowName === undefined ? undefined : this.ctx.state.workflows.get(trigger.workflowName);
    if (!workflow) throw new EntityNotFoundError(`Workflow with name ${trigger.workflowName} not found`);
    return workflow;
  }

  private fireScheduled(trigger: TriggerRecord): void {
    if (trigger.workflowName === undefined) {
      this.fireStandalone(trigger, false);
      return;
    }
    const workflow = this.ctx.state.workflows.get(trigger.workflowName);
    if (workflow) this.runs.start(workflow, undefined, false);
  }

  /** A trigger outside any workflow starts its jobs and crawlers on their own. */
  private fireStandalone(trigger: TriggerRecord, fromApi: boolean): void {
    for (const action of trigger.actions) {
      const job = action.JobName === undefined ? undefined : this.ctx.state.jobs.get(action.JobName);
      if (job) {
        this.jobs.start(job, {
          arguments: action.Arguments,
          triggerName: trigger.name,
          timeoutMinutes: action.Timeout,
          notifyDelayAfter: action.NotificationProperty?.NotifyDelayAfter,
          fromApi,
        });
      }
      const crawler = action.CrawlerName === undefined ? undefined : this.ctx.state.crawlers.get(action.CrawlerName);
      if (crawler && (fromApi || !crawler.current)) this.crawls.start(crawler, undefined, fromApi);
    }
  }

  private checkShape(
    type: TriggerRecord["type"],
    schedule: string | undefined,
    predicate: PredicateRecord | undefined,
  ) {
    if (type === "SCHEDULED") {
      if (schedule === undefined) throw new InvalidInputError("Schedule: a SCHEDULED trigger needs a cron() schedule");
      try {
        parseSchedule(schedule);
      } catch (error) {
        if (error instanceof CronError) throw new InvalidInputError(`Schedule: ${error.message}`);
        throw error;
      }
    } else if (schedule !== undefined) {
      throw new InvalidInputError(`Schedule: only SCHEDULED triggers take a schedule (this one is ${type})`);
    }
    if (type === "CONDITIONAL" && !predicate?.Conditions?.length) {
      throw new InvalidInputError("Predicate: a CONDITIONAL trigger needs at least one condition");
    }
    if (type !== "CONDITIONAL" && predicate !== undefined) {
      throw new InvalidInputError(`Predicate: only CONDITIONAL triggers take a predicate (this one is ${type})`);
    }
    for (const condition of predicate?.Conditions ?? []) {
      if (condition.JobName !== undefined && !this.ctx.state.jobs.has(condition.JobName)) {
        throw new EntityNotFoundError(`Job with name ${condition.JobName} not found (Predicate)`);
      }
      if (condition.CrawlerName !== undefined && !this.ctx.state.crawlers.has(condition.CrawlerName)) {
        throw new EntityNotFoundError(`Crawler with name ${condition.CrawlerName} not found (Predicate)`);
      }
    }
  }

  private checkActions(actions: ActionRecord[]): void {
    for (const action of actions) {
      if (action.JobName !== undefined && !this.ctx.state.jobs.has(action.JobName)) {
        throw new EntityNotFoundError(`Job with name ${action.JobName} not found (Actions)`);
      }
      if (action.CrawlerName !== undefined && !this.ctx.state.crawlers.has(action.CrawlerName)) {
        throw new EntityNotFoundError(`Crawler with name ${action.CrawlerName} not found (Actions)`);
      }
      checkJobSimArguments(action.Arguments);
    }
  }
}
