/**
 * Definitions: workflows, jobs and crawlers (create / update / delete / look up), with Glue's
 * existence errors. Triggers live in `trigger-catalog.ts`.
 */
import { AlreadyExistsError, CrawlerRunningError, EntityNotFoundError } from "../errors.ts";
import type { EngineContext } from "./context.ts";
import { checkCrawlerSimTags, checkJobSimArguments } from "./simulation.ts";
import type { CrawlerRecord, JobRecord, StringMap, WorkflowRecord } from "./state.ts";
import type { TriggerCatalog } from "./trigger-catalog.ts";

export interface WorkflowInput {
  Name: string;
  Description?: string | undefined;
  DefaultRunProperties?: StringMap | undefined;
  Tags?: StringMap | undefined;
  MaxConcurrentRuns?: number | undefined;
}

/** Fields that are bookkeeping, not part of a stored definition. */
const withoutKeys = (input: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(input).filter(([k, v]) => !keys.includes(k) && v !== undefined));

export class Catalog {
  constructor(
    private readonly ctx: EngineContext,
    private readonly triggers: TriggerCatalog,
  ) {}

  workflow(name: string): WorkflowRecord {
    const workflow = this.ctx.state.workflows.get(name);
    if (!workflow) throw new EntityNotFoundError(`Workflow with name ${name} not found`);
    return workflow;
  }

  job(name: string): JobRecord {
    const job = this.ctx.state.jobs.get(name);
    if (!job) throw new EntityNotFoundError(`Job with name ${name} not found`);
    return job;
  }

  crawler(name: string): CrawlerRecord {
    const crawler = this.ctx.state.crawlers.get(name);
    if (!crawler) throw new EntityNotFoundError(`Crawler with name ${name} not found`);
    return crawler;
  }

  createWorkflow(input: WorkflowInput): void {
    const { state, scheduler } = this.ctx;
    if (state.workflows.has(input.Name))
      throw new AlreadyExistsError(`Workflow with name ${input.Name} already exists`);
    const now = scheduler.now();
    state.workflows.set(input.Name, {
      name: input.Name,
      description: input.Description,
      defaultRunProperties: { ...input.DefaultRunProperties },
      maxConcurrentRuns: input.MaxConcurrentRuns,
      tags: { ...input.Tags },
      createdOn: now,
      lastModifiedOn: now,
    });
  }

  /** Only the fields given change. */
  updateWorkflow(input: Omit<WorkflowInput, "Tags">): void {
    const workflow = this.workflow(input.Name);
    if (input.Description !== undefined) workflow.description = input.Description;
    if (input.DefaultRunProperties !== undefined) workflow.defaultRunProperties = { ...input.DefaultRunProperties };
    if (input.MaxConcurrentRuns !== undefined) workflow.maxConcurrentRuns = input.MaxConcurrentRuns;
    workflow.lastModifiedOn = this.ctx.scheduler.now();
  }

  /** Deletes the workflow with its triggers and run history; a missing workflow is not an error. */
  deleteWorkflow(name: string): void {
    const { state } = this.ctx;
    if (!state.workflows.delete(name)) return;
    for (const trigger of state.triggersOf(name)) this.triggers.delete(trigger.name);
    state.runs.delete(name);
  }

  createJob(input: Record<string, unknown> & { Name: string; Tags?: StringMap | undefined }): void {
    const { state, scheduler } = this.ctx;
    if (state.jobs.has(input.Name)) throw new AlreadyExistsError(`Job with name ${input.Name} already exists`);
    checkJobSimArguments(input.DefaultArguments as StringMap | undefined);
    checkJobSimArguments(input.NonOverridableArguments as StringMap | undefined);
    const now = scheduler.now();
    state.jobs.set(input.Name, {
      name: input.Name,
      definition: withoutKeys(input, "Name", "Tags"),
      tags: { ...input.Tags },
      createdOn: now,
      lastModifiedOn: now,
      startedRuns: 0,
    });
  }

  /** Glue overwrites the whole definition with the JobUpdate. */
  updateJob(name: string, update: Record<string, unknown>): void {
    const job = this.job(name);
    checkJobSimArguments(update.DefaultArguments as StringMap | undefined);
    checkJobSimArguments(update.NonOverridableArguments as StringMap | undefined);
    job.definition = withoutKeys(update);
    job.lastModifiedOn = this.ctx.scheduler.now();
  }

  /** A missing job is not an error (as in Glue); runs already started go on. */
  deleteJob(name: string): void {
    this.ctx.state.jobs.delete(name);
  }

  createCrawler(input: Record<string, unknown> & { Name: string; Tags?: StringMap | undefined }): void {
    const { state, scheduler } = this.ctx;
    if (state.crawlers.has(input.Name)) throw new AlreadyExistsError(`Crawler with name ${input.Name} already exists`);
    checkCrawlerSimTags(input.Tags);
    const now = scheduler.now();
    const { Schedule, ...rest } = withoutKeys(input, "Name", "Tags");
    state.crawlers.set(input.Name, {
      name: input.Name,
      // GetCrawler returns the schedule as an object, CreateCrawler takes a string.
      definition:
        Schedule === undefined ? rest : { ...rest, Schedule: { ScheduleExpression: Schedule, State: "SCHEDULED" } },
      tags: { ...input.Tags },
      createdOn: now,
      lastUpdated: now,
      version: 1,
      current: undefined,
      last: undefined,
      startedCrawls: 0,
    });
  }

  deleteCrawler(name: string): void {
    const crawler = this.crawler(name);
    if (crawler.current) throw new CrawlerRunningError(`Crawler with name ${name} is running and cannot be deleted`);
    this.ctx.state.crawlers.delete(name);
  }
}
