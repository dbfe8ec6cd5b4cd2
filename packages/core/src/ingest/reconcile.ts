/**
 * The reconciler: what events cannot tell. Runs whose events were lost, runs
 * started outside the tracker's sight, Glue closing a run without an event, and
 * workflows created or deleted in Glue. Scheduled; each invocation spends at most
 * `maxGlueCalls` and saves a cursor, so the next one resumes where it left off.
 */
import { TERMINAL_RUN_STATUSES } from "@glue-run-tracker/glue-model";
import { InvalidInputError } from "../errors.ts";
import type { GlueFor, GlueGateway } from "../glue/gateway.ts";
import type { RunStore } from "../store/run-store.ts";
import { Outcome, type RunSnapshot } from "../workflow-run/types.ts";
import type { IngestLogger } from "./deps.ts";
import { type ReconcileCursor, type ReconcileCursorStore, ReconcilePhase } from "./reconcile-cursor.ts";
import { type RecordSnapshotDeps, recordSnapshot } from "./record-snapshot.ts";
import { onRunUnknownToGlue, UnknownRunResult } from "./unknown-runs.ts";

export interface ReconcileDeps extends RecordSnapshotDeps {
  store: RunStore;
  glue: GlueFor<"reconciler"> & Pick<GlueGateway, "calls">;
  cursor: ReconcileCursorStore;
  logger?: IngestLogger;
}

export interface ReconcileOptions {
  /** Glue calls one invocation may make (default 200). */
  maxGlueCalls?: number;
  /** Newest runs read per workflow (default 25). */
  runsPerWorkflow?: number;
  /** Runs that ended longer ago than this are stored without a tracker event (default 1 h). */
  quietAfterMs?: number;
  /** An active run Glue does not know is closed as UNKNOWN when still unknown this long after (default 5 min). */
  confirmUnknownAfterMs?: number;
}

export interface ReconcileReport {
  activeRunsChecked: number;
  workflowsChecked: number;
  workflowsDiscovered: number;
  workflowsDeleted: number;
  runsRecorded: number;
  transitions: number;
  /** Active runs closed as UNKNOWN because Glue no longer knows them. */
  runsClosed: number;
  glueCalls: number;
  /** A full sweep (active runs, workflows, discovery) ended in this invocation. */
  cycleCompleted: boolean;
  /** Why the invocation stopped early, if it did. */
  stoppedBy?: "budget" | "throttled";
  cursor: ReconcileCursor;
}

/** The page could not be finished within the budget: the cursor stays on it (work done is idempotent). */
class BudgetExhausted extends Error {}

const PHASE_ORDER = [ReconcilePhase.ActiveRuns, ReconcilePhase.Workflows, ReconcilePhase.Discover] as const;

/**
 * @example
 * const report = await reconcile({ store, glue, publisher, cursor }, { maxGlueCalls: 200 });
 * logger.info("reconciled", { ...report });
 */
export async function reconcile(deps: ReconcileDeps, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const budget = options.maxGlueCalls ?? 200;
  const startCalls = deps.glue.calls().total;
  const spent = () => deps.glue.calls().total - startCalls;
  const now = (deps.now ?? (() => new Date()))();
  const quietBefore = new Date(now.getTime() - (options.quietAfterMs ?? 3_600_000)).toISOString();
  const cursor: ReconcileCursor = (await deps.cursor.load()) ?? { phase: ReconcilePhase.ActiveRuns, cycle: 0 };
  const report: ReconcileReport = {
    activeRunsChecked: 0,
    workflowsChecked: 0,
    workflowsDiscovered: 0,
    workflowsDeleted: 0,
    runsRecorded: 0,
    transitions: 0,
    runsClosed: 0,
    glueCalls: 0,
    cycleCompleted: false,
    cursor,
  };
  const sweep = new Sweep(deps, options, report, quietBefore, now, () => budget - spent());

  try {
    while (!report.cycleCompleted) {
      const remaining = budget - spent();
      if (remaining <= 0) {
        report.stoppedBy = "budget";
        break;
      }
      let next: string | undefined;
      try {
        next = await sweep.page(cursor.phase, cursor.nextToken, remaining);
      } catch (error) {
        if (error instanceof BudgetExhausted) {
          report.stoppedBy = "budget";
          break;
        }
        // A saved token the store no longer accepts (e.g. its key changed): restart the phase.
        if (!(error instanceof InvalidInputError) || !cursor.nextToken) throw error;
        deps.logger?.warn("Reconcile cursor token refused; restarting the phase", { phase: cursor.phase });
        cursor.nextToken = undefined;
        continue;
      }
      if (next) {
        cursor.nextToken = next;
        continue;
      }
      cursor.nextToken = undefined;
      const index = PHASE_ORDER.indexOf(cursor.phase);
      if (index === PHASE_ORDER.length - 1) {
        cursor.phase = PHASE_ORDER[0];
        cursor.cycle += 1;
        report.cycleCompleted = true;
      } else {
        cursor.phase = PHASE_ORDER[index + 1] ?? ReconcilePhase.ActiveRuns;
      }
    }
  } catch (error) {
    if (!(error as { retryable?: boolean }).retryable) throw error;
    // Throttled or Glue unreachable: keep the cursor where it is and let the next invocation resume.
    deps.logger?.warn("Reconciler stopped early", { error: String(error) });
    report.stoppedBy = "throttled";
  } finally {
    report.glueCalls = spent();
    cursor.updatedAt = now.toISOString();
    await deps.cursor.save(cursor);
  }
  return report;
}

/** One page of one phase at a time; returns the next page's token, undefined when the phase is done. */
class Sweep {
  constructor(
    private readonly deps: ReconcileDeps,
    private readonly options: ReconcileOptions,
    private readonly report: ReconcileReport,
    private readonly quietBefore: string,
    private readonly now: Date,
    private readonly budgetLeft: () => number,
  ) {}

  private get observedAt(): string {
    return this.now.toISOString();
  }

  page(phase: ReconcilePhase, nextToken: string | undefined, remainingCalls: number): Promise<string | undefined> {
    switch (phase) {
      case ReconcilePhase.ActiveRuns:
        return this.activeRuns(nextToken, remainingCalls);
      case ReconcilePhase.Workflows:
        return this.workflows(nextToken, remainingCalls);
      case ReconcilePhase.Discover:
        return this.discover(nextToken);
    }
  }

  private async activeRuns(nextToken: string | undefined, remainingCalls: number): Promise<string | undefined> {
    const page = await this.deps.store.listActiveRuns({ maxResults: Math.min(50, remainingCalls), nextToken });
    for (const stored of page.items) {
      const run = await this.deps.glue.getWorkflowRun(stored.Name, stored.WorkflowRunId);
      this.report.activeRunsChecked += 1;
      if (run) await this.record(run);
      else {
        const workflow = await this.deps.store.getWorkflow(stored.Name);
        await this.unknown(stored.Name, stored.WorkflowRunId, workflow?.DeletedFromGlueAt !== undefined);
      }
    }
    return page.nextToken;
  }

  private async unknown(workflowName: string, runId: string, workflowDeleted: boolean): Promise<void> {
    const result = await onRunUnknownToGlue(
      this.deps,
      { workflowName, runId },
      { observedAt: this.now, workflowDeleted, confirmAfterMs: this.options.confirmUnknownAfterMs },
    );
    if (result === UnknownRunResult.Closed) this.report.runsClosed += 1;
  }

  /** The deleted workflow's active runs cannot end in Glue any more: closed at once. */
  private async closeActiveRuns(workflowName: string): Promise<void> {
    let nextToken: string | undefined;
    do {
      const page = await this.deps.store.listRuns(workflowName, {
        outcome: Outcome.RUNNING,
        maxResults: 100,
        nextToken,
      });
      for (const run of page.items) await this.unknown(workflowName, run.WorkflowRunId, true);
      nextToken = page.nextToken;
    } while (nextToken);
  }

  private async workflows(nextToken: string | undefined, remainingCalls: number): Promise<string | undefined> {
    const page = await this.deps.store.listWorkflows({
      maxResults: Math.max(1, Math.floor(remainingCalls / 2)),
      nextToken,
    });
    for (const workflow of page.items) {
      if (workflow.DeletedFromGlueAt) continue;
      await this.syncWorkflow(workflow.Name);
      this.report.workflowsChecked += 1;
    }
    return page.nextToken;
  }

  private async discover(nextToken: string | undefined): Promise<string | undefined> {
    const page = await this.deps.glue.listWorkflows({ maxResults: 25, nextToken });
    for (const name of page.items) {
      const known = await this.deps.store.getWorkflow(name);
      if (known && !known.DeletedFromGlueAt) continue;
      if (this.budgetLeft() < 2) throw new BudgetExhausted();
      if (await this.syncWorkflow(name)) this.report.workflowsDiscovered += 1;
    }
    return page.nextToken;
  }

  /** Catalog entry from GetWorkflow (or marked deleted), then the newest runs. False when Glue has no such workflow. */
  private async syncWorkflow(name: string): Promise<boolean> {
    const workflow = await this.deps.glue.getWorkflow(name, { includeGraph: true });
    if (!workflow) {
      await this.deps.store.markWorkflowDeleted(name, this.observedAt);
      this.report.workflowsDeleted += 1;
      await this.closeActiveRuns(name);
      return false;
    }
    await this.deps.store.putWorkflow({ ...workflow, Name: name }, this.observedAt);
    const runs = await this.deps.glue.getWorkflowRuns(name, {
      includeGraph: true,
      maxResults: this.options.runsPerWorkflow ?? 25,
    });
    for (const run of runs?.items ?? []) {
      if (!run.WorkflowRunId) continue;
      const stored = await this.deps.store.getRun(name, run.WorkflowRunId);
      // A run stored as terminal is final: nothing Glue says can change it.
      if (stored?.Status && TERMINAL_RUN_STATUSES.has(stored.Status)) continue;
      await this.record(run);
    }
    return true;
  }

  private async record(run: RunSnapshot): Promise<void> {
    const result = await recordSnapshot(this.deps, run, "reconcile", this.observedAt, {
      quietBefore: this.quietBefore,
    });
    if (result.stored) this.report.runsRecorded += 1;
    if (result.transition) this.report.transitions += 1;
  }
}
