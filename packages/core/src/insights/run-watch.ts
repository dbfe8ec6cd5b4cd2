/**
 * The overdue and missed checks (docs/decisions/insights-overdue-and-missed.md): a
 * step the reconciler's schedule runs after reconciling, reading only what the
 * tracker stores (no Glue call). Each announcement is claim → publish → commit on
 * the store (store/overdue-marks.ts), so two checks running at once, or one after
 * the other, publish each alert once; a crash between publish and commit repeats
 * it at most (the alerts ledger then delivers it once), never loses it.
 */
import { randomUUID } from "node:crypto";
import { type AccountFailure, acrossAccounts, type PerAccount } from "../accounts/per-account.ts";
import { type RunWhere, runWhere } from "../events/event-account.ts";
import {
  type RunMissedDetail,
  type RunOverdueDetail,
  runMissedEntry,
  runOverdueEntry,
} from "../events/tracker-events.ts";
import type { TrackerEventPublisher } from "../ingest/tracker-publisher.ts";
import { leaseFor } from "../store/lease.ts";
import type { OverdueMarks } from "../store/overdue-marks.ts";
import type { RunStore } from "../store/run-store.ts";
import { Outcome, type TrackedRun } from "../workflow-run/types.ts";
import { parseGlueSchedule } from "./glue-schedule.ts";
import { type ScheduledStart, SLOT_EARLY_TOLERANCE_MS, scheduledStarts, startedForSlot } from "./missed.ts";
import {
  type DurationBaseline,
  overdueSeconds,
  percentile,
  type RunLimit,
  runDurationSeconds,
  runLimit,
} from "./overdue.ts";
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowSettings } from "./settings.ts";
import type { WorkflowInsightsSource } from "./workflow-insights-source.ts";

export interface RunWatchDeps {
  store: Pick<RunStore, "listActiveRuns" | "listRuns" | "listWorkflows" | "getWorkflow" | "getRun">;
  insights: WorkflowInsightsSource;
  marks: OverdueMarks;
  publisher: TrackerEventPublisher;
  now?: () => Date;
  logger?: { warn(message: string, ...extra: Record<string, unknown>[]): void };
}

export interface RunWatchOptions {
  /** How long a claim holds before another check may take over (default 2 min). */
  leaseMs?: number;
  /** Slots older than this are not checked (default 24 h). */
  missedLookbackMs?: number;
  /** Newest slots checked per trigger (default 10), so a `cron(0/1 …)` stays cheap. */
  maxSlotsPerTrigger?: number;
  /** The baseline's window of successful runs (default 30 days). */
  baselineDays?: number;
  /** Successful runs read for the baseline when no statistics are kept (default 50). */
  baselineRunsRead?: number;
}

export interface RunWatchReport {
  activeRunsChecked: number;
  overdueAnnounced: number;
  overdueEndsAnnounced: number;
  scheduledWorkflowsChecked: number;
  missedAnnounced: number;
}

const DAY_MS = 86_400_000;

/**
 * @example
 * const report = await watchRuns({ store, insights: insightsFromStore(store), marks, publisher });
 * logger.info("overdue and missed checked", { ...report });
 */
export async function watchRuns(deps: RunWatchDeps, options: RunWatchOptions = {}): Promise<RunWatchReport> {
  const now = (deps.now ?? (() => new Date()))();
  const report = emptyReport();
  const watch = new Watch(deps, options, now, report);
  await watch.overdueRuns();
  await watch.overdueEnds();
  await watch.missedSlots();
  return report;
}

/**
 * The overdue and missed checks of every tracked account, each with its own store and
 * marks (docs/decisions/accounts-flows.md); an account whose check fails is reported
 * in `failedAccounts` and the others are checked.
 *
 * @example
 * const report = await watchRunsAcrossAccounts({ ...homeDeps, accounts });
 */
export async function watchRunsAcrossAccounts(
  deps: RunWatchDeps & { accounts?: PerAccount<RunWatchDeps> },
  options: RunWatchOptions = {},
): Promise<RunWatchReport & { failedAccounts: AccountFailure[] }> {
  const across = await acrossAccounts(deps, (accountDeps) => watchRuns(accountDeps, options));
  if (!across) return { ...(await watchRuns(deps, options)), failedAccounts: [] };
  const { results, failures } = across;
  const total = { ...emptyReport(), failedAccounts: failures };
  for (const { result } of results) {
    for (const key of Object.keys(result) as (keyof RunWatchReport)[]) total[key] += result[key];
  }
  return total;
}

function emptyReport(): RunWatchReport {
  return {
    activeRunsChecked: 0,
    overdueAnnounced: 0,
    overdueEndsAnnounced: 0,
    scheduledWorkflowsChecked: 0,
    missedAnnounced: 0,
  };
}

class Watch {
  private readonly limits = new Map<string, Promise<RunLimit | undefined>>();
  private readonly settings = new Map<string, Promise<WorkflowSettings>>();

  constructor(
    private readonly deps: RunWatchDeps,
    private readonly options: RunWatchOptions,
    private readonly now: Date,
    private readonly report: RunWatchReport,
  ) {}

  private lease() {
    return leaseFor(randomUUID(), this.now, this.options.leaseMs ?? 120_000);
  }

  private settingsOf(name: string): Promise<WorkflowSettings> {
    let settings = this.settings.get(name);
    if (!settings) {
      settings = this.deps.insights.settings(name);
      this.settings.set(name, settings);
    }
    return settings;
  }

  async overdueRuns(): Promise<void> {
    let nextToken: string | undefined;
    do {
      const page = await this.deps.store.listActiveRuns({ maxResults: 100, nextToken });
      for (const run of page.items) {
        this.report.activeRunsChecked += 1;
        if (run.Overdue || run.Outcome !== Outcome.RUNNING) continue;
        await this.checkOverdue(run);
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }

  private async checkOverdue(run: TrackedRun): Promise<void> {
    const limit = await this.limitOf(run.Name);
    if (!limit || !run.StartedOn) return;
    const running = overdueSeconds(run.StartedOn, limit, this.now);
    if (running === undefined) return;
    const lease = this.lease();
    if (!(await this.deps.marks.claimOverdue(run.Name, run.WorkflowRunId, lease, this.now))) return;
    const detail: RunOverdueDetail = {
      ...runWhere(run),
      workflowName: run.Name,
      runId: run.WorkflowRunId,
      startedOn: run.StartedOn,
      limitSeconds: Math.round(limit.limitSeconds),
      limitSource: limit.source,
      usualSeconds: limit.usualSeconds === undefined ? undefined : Math.round(limit.usualSeconds),
      runningSeconds: running,
      observedAt: this.now.toISOString(),
    };
    await this.deps.publisher.publish([runOverdueEntry(detail)]);
    await this.deps.marks.commitOverdue(run.Name, run.WorkflowRunId, lease.owner, {
      AnnouncedAt: detail.observedAt,
      LimitSeconds: detail.limitSeconds,
      LimitSource: detail.limitSource,
      UsualSeconds: detail.usualSeconds,
    });
    this.report.overdueAnnounced += 1;
  }

  private limitOf(name: string): Promise<RunLimit | undefined> {
    let limit = this.limits.get(name);
    if (!limit) {
      limit = (async () => runLimit(await this.settingsOf(name), await this.baseline(name)))();
      this.limits.set(name, limit);
    }
    return limit;
  }

  /** p95 of recent successful runs: from the statistics when kept, else from a bounded read of runs. */
  private async baseline(name: string): Promise<DurationBaseline | undefined> {
    const since = new Date(this.now.getTime() - (this.options.baselineDays ?? 30) * DAY_MS).toISOString();
    const stats = await this.deps.insights.stats(name, { since, until: this.now.toISOString() });
    if (stats) return stats.successfulDuration;
    const page = await this.deps.store.listRuns(name, {
      outcome: Outcome.SUCCEEDED,
      startedAfter: since,
      maxResults: this.options.baselineRunsRead ?? 50,
    });
    const durations = page.items.map(runDurationSeconds).filter((d): d is number => d !== undefined);
    return { count: durations.length, p95: percentile(durations, 0.95) };
  }

  async overdueEnds(): Promise<void> {
    for (const { workflowName, runId } of await this.deps.marks.watchedRuns()) {
      const run = await this.deps.store.getRun(workflowName, runId);
      // Not marked overdue yet while RUNNING: the announcer puts the watch entry before it commits the
      // mark, so another reconciler can get here in between; dropping the entry then lost the end alert.
      const settled = !run || run.Overdue?.EndAnnouncedAt || (!run.Overdue && run.Outcome !== Outcome.RUNNING);
      if (settled) {
        await this.deps.marks.unwatch(workflowName, runId);
        continue;
      }
      if (!run.Overdue || run.Outcome === Outcome.RUNNING || !run.Status) continue;
      const lease = this.lease();
      if (!(await this.deps.marks.claimOverdueEnd(workflowName, runId, lease, this.now))) continue;
      const duration = runDurationSeconds(run);
      const detail: RunOverdueDetail = {
        ...runWhere(run),
        workflowName,
        runId,
        startedOn: run.StartedOn ?? run.FirstSeenAt,
        limitSeconds: run.Overdue.LimitSeconds,
        limitSource: run.Overdue.LimitSource,
        usualSeconds: run.Overdue.UsualSeconds,
        runningSeconds: Math.floor(
          duration ?? (this.now.getTime() - Date.parse(run.StartedOn ?? run.FirstSeenAt)) / 1000,
        ),
        observedAt: this.now.toISOString(),
        ended: {
          status: run.Status,
          outcome: run.Outcome,
          completedOn: run.CompletedOn,
          durationSeconds: duration === undefined ? undefined : Math.round(duration),
        },
      };
      await this.deps.publisher.publish([runOverdueEntry(detail)]);
      await this.deps.marks.commitOverdueEnd(workflowName, runId, lease.owner, detail.observedAt);
      await this.deps.marks.unwatch(workflowName, runId);
      this.report.overdueEndsAnnounced += 1;
    }
  }

  async missedSlots(): Promise<void> {
    let nextToken: string | undefined;
    do {
      const page = await this.deps.store.listWorkflows({ maxResults: 100, nextToken });
      for (const listed of page.items) {
        if (listed.DeletedFromGlueAt) continue;
        const workflow = await this.deps.store.getWorkflow(listed.Name, { includeGraph: true });
        const starts = scheduledStarts(workflow?.Graph);
        if (!workflow || starts.length === 0) continue;
        this.report.scheduledWorkflowsChecked += 1;
        for (const start of starts) await this.checkSlots(workflow, start);
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }

  private async checkSlots(
    workflow: { Name: string; CreatedOn?: string } & RunWhere,
    start: ScheduledStart,
  ): Promise<void> {
    const { Name: name, CreatedOn: createdOn } = workflow;
    let schedule: ReturnType<typeof parseGlueSchedule>;
    try {
      schedule = parseGlueSchedule(start.schedule);
    } catch (error) {
      this.deps.logger?.warn("Schedule not understood; missed runs are not checked for it", {
        workflowName: name,
        trigger: start.triggerName,
        error: (error as Error).message,
      });
      return;
    }
    const grace = (await this.settingsOf(name)).scheduleGraceMinutes ?? DEFAULT_WORKFLOW_SETTINGS.scheduleGraceMinutes;
    const lookback = this.now.getTime() - (this.options.missedLookbackMs ?? DAY_MS);
    // Slots before the workflow existed were not missed.
    const created = createdOn ? Date.parse(createdOn) : Number.NaN;
    const after = new Date(Number.isFinite(created) ? Math.max(lookback, created) : lookback);
    const due = new Date(this.now.getTime() - grace * 60_000);
    const slots = schedule.slotsBetween(after, due, this.options.maxSlotsPerTrigger ?? 10);
    const first = slots[0];
    const last = slots.at(-1);
    if (!first || !last) return;

    const runs = await this.deps.store.listRuns(name, {
      startedAfter: new Date(first.getTime() - SLOT_EARLY_TOLERANCE_MS).toISOString(),
      maxResults: 1000,
    });
    const starts = runs.items.map((run) => Date.parse(run.StartedOn ?? run.FirstSeenAt));
    const announced = new Set(
      (await this.deps.marks.missedSlots(name, first.toISOString(), last.toISOString()))
        .filter((record) => record.triggerName === start.triggerName && record.announcedAt)
        .map((record) => record.slot),
    );
    const newest = (await this.deps.store.listRuns(name, { maxResults: 1 })).items[0];
    for (const slot of slots) {
      const at = slot.toISOString();
      if (announced.has(at) || startedForSlot(slot, grace, starts)) continue;
      const lease = this.lease();
      if (!(await this.deps.marks.claimMissedSlot(name, at, start.triggerName, lease, this.now))) continue;
      const detail: RunMissedDetail = {
        ...runWhere(workflow),
        workflowName: name,
        triggerName: start.triggerName,
        schedule: start.schedule,
        slot: at,
        graceMinutes: grace,
        observedAt: this.now.toISOString(),
        lastStartedOn: newest?.StartedOn,
      };
      await this.deps.publisher.publish([runMissedEntry(detail)]);
      await this.deps.marks.commitMissedSlot(name, at, start.triggerName, lease.owner, detail.observedAt);
      this.report.missedAnnounced += 1;
    }
  }
}
