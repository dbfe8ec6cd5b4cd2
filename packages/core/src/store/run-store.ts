/**
 * The run store's contract. Implemented over one DynamoDB table (see `table.ts`,
 * `keys.ts`, `dynamo-run-store.ts`); every method is one GetItem/Query/conditional
 * write on the common path, `putSnapshot` included: the run item carries its
 * timeline and its announcement state (docs/decisions/store-single-write.md).
 */
import type { JobRun, RunProperties, Workflow, WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import type { WorkflowSettings } from "../insights/settings.ts";
import type { WorkflowStats } from "../insights/stats/types.ts";
import type { AutoResume, Jsonified, ObservedVia, Outcome, RunSnapshot, TrackedRun } from "../workflow-run/types.ts";

export interface Page<T> {
  items: T[];
  /** Opaque, HMAC-signed; absent on the last page. */
  nextToken?: string;
}

export interface PageRequest {
  /** 1–1000, default 100. */
  maxResults?: number;
  nextToken?: string;
}

export interface SnapshotInput {
  /** Glue's WorkflowRun (Name and WorkflowRunId required), timestamps as ISO strings. */
  run: RunSnapshot;
  /** When the tracker observed it (ISO). */
  observedAt: string;
  via: ObservedVia;
  /** Set by an announcer (record-snapshot.ts): the write also takes the lease of the state it stores. */
  announcer?: Announcer;
}

/** One announcement attempt: `owner` is unique per attempt (a resend of the same request wins its own lease). */
export interface Announcer {
  owner: string;
  now: Date;
  /** How long the lease blocks other announcers. */
  leaseMs: number;
}

/**
 * What an announcer must do about the run's stored state:
 * `announced` — nothing (already published, or not newer than what was);
 * `busy` — another attempt holds a live lease on it (retry later);
 * `mine` — this attempt holds the lease: publish `state`, then commit (or release).
 */
export type AnnounceDecision =
  | { kind: "announced" }
  | { kind: "busy" }
  | { kind: "mine"; state: RunState; previous: RunState | null; run: TrackedRun };

export interface RunState {
  status: WorkflowRunStatus;
  outcome: Outcome;
}

/** A change of Status or Outcome made by a write; reported exactly once. */
export interface Transition {
  workflowName: string;
  runId: string;
  previousRunId?: string;
  /** null when the run was first seen by this write. */
  previous: RunState | null;
  current: RunState;
  run: TrackedRun;
}

export interface PutSnapshotResult {
  /** false when the stored snapshot was as or more progressed (nothing written). */
  stored: boolean;
  transition: Transition | null;
  /** Only with an `announcer`: what it must do about the stored state (the write may have claimed it). */
  announce?: AnnounceDecision;
}

export interface ListRunsQuery extends PageRequest {
  startedAfter?: string;
  startedBefore?: string;
  status?: WorkflowRunStatus;
  outcome?: Outcome;
  includeGraph?: boolean;
}

export interface OutcomeQuery extends PageRequest {
  since?: string;
  until?: string;
  includeGraph?: boolean;
}

export interface RunSummary {
  WorkflowRunId: string;
  Status?: WorkflowRunStatus;
  Outcome: Outcome;
  StartedOn?: string;
  CompletedOn?: string;
}

/** A tracked workflow: the seed's Workflow shape plus what the tracker knows. */
export interface TrackedWorkflow extends Jsonified<Omit<Workflow, "LastRun">> {
  Name: string;
  LastRun?: RunSummary;
  /** Set when Glue no longer knows the workflow; its history stays. */
  DeletedFromGlueAt?: string;
  LastSyncedAt?: string;
  /** Where the workflow lives (set by a store built for an account; docs/decisions/accounts-run-identity.md). */
  AccountId?: string;
  Region?: string;
}

export interface TimelineEntry {
  ObservedAt: string;
  ObservedVia: ObservedVia;
  Status?: WorkflowRunStatus;
  Outcome: Outcome;
  Statistics?: RunSnapshot["Statistics"];
}

/** A job run that belongs to no workflow. */
export type StandaloneJobRun = Jsonified<JobRun> & { JobName: string; Id: string; ObservedAt: string };

/** A resume worker's hold on one attempt: taken at `now`, expiring at `until`, by `owner` (one id per attempt). */
export interface ResumeLease {
  now: string;
  until: string;
  owner: string;
}

export interface RunStore {
  /** Conditional write: refuses snapshots older than what is stored; returns the transition made. */
  putSnapshot(input: SnapshotInput): Promise<PutSnapshotResult>;
  /** The run's read model: never its WorkflowRunProperties (see getRunProperties). */
  getRun(workflowName: string, runId: string, options?: { includeGraph?: boolean }): Promise<TrackedRun | undefined>;
  /** The run's stored WorkflowRunProperties, for the properties route only; undefined when the run is unknown. */
  getRunProperties(workflowName: string, runId: string): Promise<RunProperties | undefined>;
  /** Newest first by StartedOn. */
  listRuns(workflowName: string, query?: ListRunsQuery): Promise<Page<TrackedRun>>;
  /** Runs whose Outcome is RUNNING, across workflows (reconciler). */
  listActiveRuns(page?: PageRequest): Promise<Page<TrackedRun>>;
  /** Runs with one outcome across workflows, newest first, StartedOn within [since, until]. */
  listRunsByOutcome(outcome: Outcome, query?: OutcomeQuery): Promise<Page<TrackedRun>>;
  getTimeline(workflowName: string, runId: string): Promise<TimelineEntry[]>;

  /**
   * The announcement of the run's stored state, for a state stored by other means than
   * putSnapshot (a closure): claims the lease when due. Undefined when the run is unknown.
   */
  claimAnnouncement(workflowName: string, runId: string, announcer: Announcer): Promise<AnnounceDecision | undefined>;
  /** Records `state` as announced and ends `owner`'s lease (the announced state only grows). */
  commitAnnouncement(workflowName: string, runId: string, owner: string, state: RunState): Promise<void>;
  /** Ends `owner`'s lease without recording anything (the publish failed: a retry may claim at once). */
  releaseAnnouncement(workflowName: string, runId: string, owner: string, state: RunState): Promise<void>;

  /** Upserts the catalog entry from Glue's Workflow (graph kept compressed; job/crawler index refreshed). */
  putWorkflow(workflow: Jsonified<Workflow> & { Name: string }, observedAt: string): Promise<void>;
  markWorkflowDeleted(workflowName: string, at: string): Promise<void>;
  getWorkflow(workflowName: string, options?: { includeGraph?: boolean }): Promise<TrackedWorkflow | undefined>;
  /** The store's account's workflows; `{ everyAccount: true }`: every account's, each named with its account. */
  listWorkflows(page?: PageRequest, options?: { everyAccount?: boolean }): Promise<Page<TrackedWorkflow>>;
  /** Workflows whose graph holds this job or crawler (from the index kept from graphs). */
  workflowsContaining(node: { jobName: string } | { crawlerName: string }): Promise<string[]>;

  putStandaloneJobRun(jobRun: StandaloneJobRun): Promise<void>;

  /**
   * Auto-resume bookkeeping. `claimResumeAttempt` sets AutoResume on the run only if
   * no decision is recorded yet (so duplicate events never resume twice); returns
   * false when another invocation already claimed it.
   */
  claimResumeAttempt(workflowName: string, runId: string, autoResume: AutoResume): Promise<boolean>;
  /**
   * Takes the run's resume lease for one attempt, across processes: true only while
   * the stored claim is still `claimedAt`, no resumed run is linked, and no other
   * worker holds an unexpired lease. The lease ends at `lease.until` or on release.
   */
  beginResumeAttempt(workflowName: string, runId: string, claimedAt: string, lease: ResumeLease): Promise<boolean>;
  /** Gives the lease back (after a transient failure, so the retried message can take it). */
  releaseResumeAttempt(workflowName: string, runId: string, owner: string): Promise<void>;
  /** Overwrites the decision after the attempt (e.g. resumed → its outcome); ends any lease. */
  recordResumeDecision(workflowName: string, runId: string, autoResume: AutoResume): Promise<void>;
  /** Appends a resumed run's id to the original's ResumedAs (idempotent). */
  addResumedAs(workflowName: string, runId: string, resumedRunId: string): Promise<void>;

  /**
   * Runs Glue no longer knows (run-closure.ts). `noteRunNotFound` keeps the first
   * "not found" time of an active run and returns it (undefined: not tracked or not
   * active); `closeRun` ends an active run as Outcome UNKNOWN with the reason
   * (undefined: not tracked or not active), and once that was announced
   * `finishRunClosure` takes it off the active-runs index.
   */
  noteRunNotFound(workflowName: string, runId: string, at: string): Promise<string | undefined>;
  closeRun(
    workflowName: string,
    runId: string,
    closure: { reason: string; closedAt: string },
  ): Promise<TrackedRun | undefined>;
  finishRunClosure(workflowName: string, runId: string): Promise<boolean>;

  /**
   * Statistics (store/workflow-stats.ts). `recordRunStats` adds an ended run to its
   * StartedOn day, once per run (a duplicate or retry answers "already-counted");
   * `getWorkflowStats` reads a window of days: ISO dates or instants, inclusive,
   * default the last 30 days, at most 366 (InvalidInputError otherwise).
   */
  recordRunStats(run: TrackedRun): Promise<"counted" | "already-counted" | "not-ended">;
  getWorkflowStats(workflowName: string, window?: { since?: string; until?: string }): Promise<WorkflowStats>;
  /** The workflow's settings, defaults applied (insights/settings.ts). */
  getWorkflowSettings(workflowName: string): Promise<WorkflowSettings>;
  /** Replaces the workflow's settings. */
  putWorkflowSettings(workflowName: string, settings: WorkflowSettings): Promise<void>;
}
