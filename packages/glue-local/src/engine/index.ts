/**
 * The emulator's backend: state, virtual clock, runners and catalogs, wired together. The
 * server calls `call()` around every operation so that due work runs first, time is pinned
 * for the call, and old runs are forgotten.
 */
import type { GlueLocalConfig } from "../config.ts";
import { EventSink } from "../events.ts";
import { runIdSource } from "../ids.ts";
import { Catalog } from "./catalog.ts";
import type { EngineContext } from "./context.ts";
import { CrawlRunner, isActiveCrawl } from "./crawls.ts";
import { isActiveJobRun, JobRunner } from "./job-runs.ts";
import { forgetOldRuns } from "./retention.ts";
import { Scheduler } from "./scheduler.ts";
import { GlueState, type NodeKey, type RunLink } from "./state.ts";
import { TriggerCatalog } from "./trigger-catalog.ts";
import { isActiveRun, WorkflowRunner } from "./workflow-runs.ts";

/** A safety net for `runUntilIdle()`: this many tasks without settling means a loop. */
const MAX_TASKS_UNTIL_IDLE = 100_000;
/** How far `runUntilIdle()` may jump by default: past Glue's longest job timeout (7 days). */
export const DEFAULT_IDLE_HORIZON_MS = 8 * 86_400_000;

export class GlueEngine {
  readonly state = new GlueState();
  readonly scheduler: Scheduler;
  readonly events: EventSink;
  readonly jobRuns: JobRunner;
  readonly crawls: CrawlRunner;
  readonly runs: WorkflowRunner;
  readonly triggers: TriggerCatalog;
  readonly catalog: Catalog;
  private readonly retentionMs: number | undefined;
  private idleWaiters: Array<() => void> = [];
  private busy: (() => boolean) | undefined;

  constructor(config: GlueLocalConfig) {
    this.scheduler = new Scheduler({ timeScale: config.timeScale, onSettled: () => this.notifyIfIdle() });
    this.events = new EventSink(config);
    this.retentionMs = config.retentionSeconds === undefined ? undefined : config.retentionSeconds * 1000;
    const ctx: EngineContext = {
      state: this.state,
      scheduler: this.scheduler,
      events: this.events,
      region: config.region,
      accountId: config.accountId,
      ids: runIdSource(config.runIdSeed),
      actionFinished: (link: RunLink, key: NodeKey, endState: string) => this.runs.actionFinished(link, key, endState),
    };
    this.jobRuns = new JobRunner(ctx);
    this.crawls = new CrawlRunner(ctx);
    this.runs = new WorkflowRunner(ctx, this.jobRuns, this.crawls);
    this.triggers = new TriggerCatalog(ctx, this.runs, this.jobRuns, this.crawls);
    this.catalog = new Catalog(ctx, this.triggers);
  }

  /** Runs `fn` as one API call: due work first, one instant for the whole call. */
  call<T>(fn: (now: number) => T): T {
    try {
      return this.scheduler.pinnedAt(() => {
        const now = this.scheduler.now();
        if (this.retentionMs !== undefined) forgetOldRuns(this.state, now, this.retentionMs);
        return fn(now);
      });
    } finally {
      this.notifyIfIdle();
    }
  }

  /** True when no workflow run, job run or crawl is in progress. */
  isIdle(): boolean {
    // The last thing found busy usually still is: check it first instead of scanning everything.
    if (this.busy?.()) return false;
    const { state } = this;
    for (const runs of state.runs.values()) {
      for (const run of runs.values()) {
        if (!isActiveRun(run)) continue;
        this.busy = () => state.runs.get(run.workflowName)?.get(run.runId) === run && isActiveRun(run);
        return false;
      }
    }
    for (const jobRun of state.jobRuns.values()) {
      if (!isActiveJobRun(jobRun)) continue;
      this.busy = () => state.jobRuns.get(jobRun.id) === jobRun && isActiveJobRun(jobRun);
      return false;
    }
    for (const crawler of state.crawlers.values()) {
      const crawl = crawler.current;
      if (!crawl || !isActiveCrawl(crawl)) continue;
      this.busy = () =>
        state.crawlers.get(crawler.name) === crawler && crawler.current === crawl && isActiveCrawl(crawl);
      return false;
    }
    this.busy = undefined;
    return true;
  }

  /** Resolves when nothing is in progress (time running at its own pace). */
  whenIdle(): Promise<void> {
    this.scheduler.runDue();
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Jumps virtual time from task to task until nothing is in progress. Throws when that does
   * not happen within `horizonMs` of virtual time (e.g. a SCHEDULED trigger that keeps starting
   * runs faster than they end).
   */
  runUntilIdle(horizonMs = DEFAULT_IDLE_HORIZON_MS): void {
    this.scheduler.runDue();
    const limit = this.scheduler.now() + horizonMs;
    for (let i = 0; !this.isIdle(); i++) {
      const next = this.scheduler.nextDue();
      if (next === undefined) break;
      if (i >= MAX_TASKS_UNTIL_IDLE || next > limit) {
        throw new Error(
          `glue-local: still busy after ${horizonMs} virtual ms (a SCHEDULED trigger that keeps starting runs?)`,
        );
      }
      this.scheduler.runNext();
    }
    this.notifyIfIdle();
  }

  stop(): void {
    this.scheduler.stop();
    this.notifyIfIdle(true);
  }

  private notifyIfIdle(force = false): void {
    if (this.idleWaiters.length === 0 || (!force && !this.isIdle())) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
