/**
 * Per-batch memory: every Glue read and every record is made at most once per
 * batch, however many of the batch's messages need it (coalescing). A read made
 * while a batch is handled reflects every event of the batch (they all happened
 * before the batch was received), so one read per run serves them all.
 */
import { TERMINAL_RUN_STATUSES } from "@glue-run-tracker/glue-model";
import type { Outcome, RunSnapshot } from "../workflow-run/types.ts";
import { type IngestDeps, type RunRef, refKey } from "./deps.ts";
import { AnnouncementInProgressError } from "./errors.ts";
import { DEFAULT_RECHECK_POLICY, recheckDelaySeconds } from "./recheck.ts";
import { type RecordSnapshotResult, recordSnapshot } from "./record-snapshot.ts";
import { onRunUnknownToGlue } from "./unknown-runs.ts";

export interface RecordedRun {
  snapshot: RunSnapshot;
  result: RecordSnapshotResult;
}

const ACTIVE: Outcome = "RUNNING";

export class BatchContext {
  readonly deps: IngestDeps;
  readonly #runs = new Map<string, Promise<RunSnapshot | undefined>>();
  readonly #recentRuns = new Map<string, Promise<RunSnapshot[] | undefined>>();
  readonly #activeRunIds = new Map<string, Promise<string[]>>();
  readonly #containing = new Map<string, Promise<string[]>>();
  readonly #records = new Map<string, Promise<RecordedRun | undefined>>();
  readonly #rechecks = new Map<string, Promise<void>>();

  constructor(deps: IngestDeps) {
    this.deps = deps;
  }

  /** GetWorkflowRun(IncludeGraph), once per run per batch (or from a GetWorkflowRuns page of this batch). */
  fetchRun(ref: RunRef): Promise<RunSnapshot | undefined> {
    return memo(this.#runs, refKey(ref), () => this.deps.glue.getWorkflowRun(ref.workflowName, ref.runId));
  }

  /** The workflow's newest runs with graphs (one GetWorkflowRuns); primes fetchRun for each. */
  recentRuns(workflowName: string): Promise<RunSnapshot[] | undefined> {
    return memo(this.#recentRuns, workflowName, async () => {
      const page = await this.deps.glue.getWorkflowRuns(workflowName, {
        includeGraph: true,
        maxResults: this.deps.recentRunsPerWorkflow ?? 10,
      });
      for (const run of page?.items ?? []) {
        if (run.WorkflowRunId) {
          const key = refKey({ workflowName, runId: run.WorkflowRunId });
          if (!this.#runs.has(key)) this.#runs.set(key, Promise.resolve(run));
        }
      }
      return page?.items;
    });
  }

  /** Runs of the workflow the store holds as active (Outcome RUNNING). */
  activeRunIds(workflowName: string): Promise<string[]> {
    return memo(this.#activeRunIds, workflowName, async () => {
      const ids: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await this.deps.store.listRuns(workflowName, { outcome: ACTIVE, maxResults: 100, nextToken });
        ids.push(...page.items.map((run) => run.WorkflowRunId));
        nextToken = page.nextToken;
      } while (nextToken);
      return ids;
    });
  }

  workflowsContaining(node: { jobName: string } | { crawlerName: string }): Promise<string[]> {
    const key = "jobName" in node ? `job:${node.jobName}` : `crawler:${node.crawlerName}`;
    return memo(this.#containing, key, async () => {
      const cached = this.deps.nodeIndex?.get(key);
      if (cached) return cached;
      const workflows = await this.deps.store.workflowsContaining(node);
      this.deps.nodeIndex?.set(key, workflows);
      return workflows;
    });
  }

  /**
   * Fetches and records the run once per batch. A run Glue no longer knows gives
   * undefined. A live announcement lease elsewhere fails the caller's message so it
   * is retried (see record-snapshot.ts).
   */
  record(ref: RunRef, via: "event" | "recheck"): Promise<RecordedRun | undefined> {
    return memo(this.#records, refKey(ref), async () => {
      const snapshot = await this.fetchRun(ref);
      if (!snapshot) {
        this.deps.logger?.warn("Glue no longer knows the run", { ...ref });
        // Tracked and active: the same confirmation the reconciler uses may close it (unknown-runs.ts).
        await onRunUnknownToGlue(this.deps, ref, { observedAt: (this.deps.now ?? (() => new Date()))() });
        return undefined;
      }
      const result = await recordSnapshot(this.deps, snapshot, via);
      if (result.announcement === "in-progress") throw new AnnouncementInProgressError(ref.workflowName, ref.runId);
      return { snapshot, result };
    });
  }

  /** Schedules the run's next re-check, once per run per batch; gives up after the policy's attempts. */
  recheck(ref: RunRef, attempt: number): Promise<void> {
    return memo(this.#rechecks, refKey(ref), async () => {
      const policy = this.deps.recheckPolicy ?? DEFAULT_RECHECK_POLICY;
      if (attempt > policy.maxAttempts) {
        this.deps.logger?.warn("Run still not terminal after every re-check; the reconciler takes over", {
          ...ref,
          attempt,
        });
        return;
      }
      await this.deps.rechecks.schedule({ kind: "recheck", ...ref, attempt }, recheckDelaySeconds(attempt, policy));
    });
  }
}

export function isTerminal(run: RunSnapshot): boolean {
  return run.Status !== undefined && TERMINAL_RUN_STATUSES.has(run.Status);
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    cache.set(key, pending);
  }
  return pending;
}
