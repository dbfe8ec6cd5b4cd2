/** What ingest, the reconciler and backfill need, injected (handlers, local runtime, tests). */
import type { AccountScope } from "../accounts/account.ts";
import type { GlueFor } from "../glue/gateway.ts";
import type { RunStore } from "../store/run-store.ts";
import type { RecheckPolicy, RecheckScheduler } from "./recheck.ts";
import type { RecordSnapshotDeps } from "./record-snapshot.ts";

/** The logging ingest does; Powertools' Logger fits. */
export interface IngestLogger {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export const silentLogger: IngestLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface RunRef {
  workflowName: string;
  runId: string;
}

export const refKey = (ref: RunRef): string => `${ref.workflowName}\u0000${ref.runId}`;

/**
 * Job run id → the workflow run it belongs to ("standalone" for none): survives
 * across batches in a warm function, so repeated events of one job run cost no
 * linking calls. Bounded: the oldest entries go first.
 */
export class JobRunLinks {
  readonly #links = new Map<string, RunRef | "standalone">();
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  get(jobRunId: string): RunRef | "standalone" | undefined {
    return this.#links.get(jobRunId);
  }

  set(jobRunId: string, link: RunRef | "standalone"): void {
    this.#links.delete(jobRunId);
    this.#links.set(jobRunId, link);
    if (this.#links.size > this.#capacity) {
      const oldest = this.#links.keys().next().value;
      if (oldest !== undefined) this.#links.delete(oldest);
    }
  }
}

/**
 * Job/crawler → workflows, as the store's node index answered, kept a minute in a
 * warm function: most events would otherwise spend a Query on it. Only non-empty
 * answers are kept (a workflow indexed a moment ago must not be missed); a stale
 * answer costs at worst the GetJobRun fallback.
 */
export class NodeIndexCache {
  readonly #entries = new Map<string, { workflows: string[]; until: number }>();
  readonly #ttlMs: number;
  readonly #capacity: number;

  constructor(options: { ttlMs?: number; capacity?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#capacity = options.capacity ?? 10_000;
  }

  get(key: string, now = Date.now()): string[] | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.until <= now) return undefined;
    return entry.workflows;
  }

  set(key: string, workflows: string[], now = Date.now()): void {
    if (workflows.length === 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { workflows, until: now + this.#ttlMs });
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

export interface IngestDeps extends RecordSnapshotDeps {
  /** The account these deps serve (its store and Glue); re-checks carry it so they come back to it. */
  account?: AccountScope;
  store: RunStore;
  glue: GlueFor<"ingest">;
  rechecks: RecheckScheduler;
  recheckPolicy?: RecheckPolicy;
  /** Keep one instance per process (see JobRunLinks). */
  links?: JobRunLinks;
  /** Keep one instance per process (see NodeIndexCache). */
  nodeIndex?: NodeIndexCache;
  logger?: IngestLogger;
  /** Newest runs read per workflow when an action event needs its run (default 10). */
  recentRunsPerWorkflow?: number;
}
