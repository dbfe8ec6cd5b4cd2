/**
 * The emulator's state backend: plain records in maps, times in epoch milliseconds.
 * Wire shapes are built from these in `views.ts`; nothing here knows about HTTP.
 */
import type {
  CrawlState,
  JobRunState,
  Logical,
  TriggerState,
  TriggerType,
  WorkflowRunStatistics,
  WorkflowRunStatus,
} from "@glue-run-tracker/glue-model";
import type { ScheduledTask } from "./scheduler.ts";

export type StringMap = Record<string, string>;

export interface WorkflowRecord {
  name: string;
  description: string | undefined;
  defaultRunProperties: StringMap;
  maxConcurrentRuns: number | undefined;
  tags: StringMap;
  createdOn: number;
  lastModifiedOn: number;
}

/** A job definition: the request's fields as given (they round-trip), plus bookkeeping. */
export interface JobRecord {
  name: string;
  definition: Record<string, unknown>;
  tags: StringMap;
  createdOn: number;
  lastModifiedOn: number;
  /** Job runs that actually started, for `--sim-fail-attempts`. */
  startedRuns: number;
}

export interface ActionRecord {
  JobName?: string;
  CrawlerName?: string;
  Arguments?: StringMap;
  Timeout?: number;
  SecurityConfiguration?: string;
  NotificationProperty?: { NotifyDelayAfter?: number };
}

export interface ConditionRecord {
  LogicalOperator?: "EQUALS";
  JobName?: string;
  State?: JobRunState;
  CrawlerName?: string;
  CrawlState?: CrawlState;
}

export interface PredicateRecord {
  Logical?: Logical;
  Conditions?: ConditionRecord[];
}

export interface TriggerRecord {
  name: string;
  workflowName: string | undefined;
  type: TriggerType;
  state: TriggerState;
  description: string | undefined;
  schedule: string | undefined;
  actions: ActionRecord[];
  predicate: PredicateRecord | undefined;
  eventBatchingCondition: { BatchSize: number; BatchWindow?: number } | undefined;
  tags: StringMap;
  createdSeq: number;
  /** Next scheduled firing while a SCHEDULED trigger is ACTIVATED. */
  timer: ScheduledTask | undefined;
}

/** Which workflow run an action belongs to. */
export interface RunLink {
  workflowName: string;
  runId: string;
}

export interface JobRunRecord {
  id: string;
  jobName: string;
  triggerName: string | undefined;
  arguments: StringMap;
  startedOn: number;
  lastModifiedOn: number;
  completedOn: number | undefined;
  state: JobRunState;
  errorMessage: string | undefined;
  timeoutMinutes: number;
  notifyDelayAfter: number | undefined;
  /** Copied from the job at start (WorkerType, NumberOfWorkers, GlueVersion, MaxCapacity…). */
  capacity: Record<string, unknown>;
  run: RunLink | undefined;
  seq: number;
  timers: ScheduledTask[];
}

export interface CrawlRecord {
  crawlerName: string;
  state: CrawlState;
  startedOn: number;
  completedOn: number | undefined;
  errorMessage: string | undefined;
  run: RunLink | undefined;
  timers: ScheduledTask[];
}

export interface CrawlerRecord {
  name: string;
  definition: Record<string, unknown>;
  tags: StringMap;
  createdOn: number;
  lastUpdated: number;
  version: number;
  current: CrawlRecord | undefined;
  last: CrawlRecord | undefined;
  startedCrawls: number;
}

/** Node key inside a workflow: `JOB:name` or `CRAWLER:name`. */
export type NodeKey = string;
export const jobKey = (name: string): NodeKey => `JOB:${name}`;
export const crawlerKey = (name: string): NodeKey => `CRAWLER:${name}`;

export type ActionRef = { kind: "job"; jobRun: JobRunRecord } | { kind: "crawl"; crawl: CrawlRecord };

export interface WorkflowRunRecord {
  workflowName: string;
  runId: string;
  previousRunId: string | undefined;
  properties: StringMap;
  startedOn: number;
  completedOn: number | undefined;
  status: WorkflowRunStatus;
  errorMessage: string | undefined;
  statistics: Required<WorkflowRunStatistics>;
  seq: number;
  /** Conditional triggers that already fired in this run (each fires at most once). */
  firedTriggers: Set<string>;
  /** Every action started in this run, in start order. */
  actions: ActionRef[];
  /** Last known end state per node: this run's, or inherited from the run it resumes. */
  nodeStates: Map<NodeKey, string>;
}

export const emptyStatistics = (): Required<WorkflowRunStatistics> => ({
  TotalActions: 0,
  TimeoutActions: 0,
  FailedActions: 0,
  StoppedActions: 0,
  SucceededActions: 0,
  RunningActions: 0,
  ErroredActions: 0,
  WaitingActions: 0,
});

/** All records, keyed by name / id. */
export class GlueState {
  readonly workflows = new Map<string, WorkflowRecord>();
  readonly jobs = new Map<string, JobRecord>();
  readonly crawlers = new Map<string, CrawlerRecord>();
  readonly triggers = new Map<string, TriggerRecord>();
  /** workflow name → run id → run (insertion = start order). */
  readonly runs = new Map<string, Map<string, WorkflowRunRecord>>();
  readonly jobRuns = new Map<string, JobRunRecord>();
  private seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  runsOf(workflowName: string): Map<string, WorkflowRunRecord> {
    let runs = this.runs.get(workflowName);
    if (!runs) {
      runs = new Map();
      this.runs.set(workflowName, runs);
    }
    return runs;
  }

  triggersOf(workflowName: string): TriggerRecord[] {
    return [...this.triggers.values()]
      .filter((t) => t.workflowName === workflowName)
      .sort((a, b) => a.createdSeq - b.createdSeq);
  }
}
