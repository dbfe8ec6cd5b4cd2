/**
 * The seed's Glue Workflows structures, field for field as the Glue API (and
 * @aws-sdk/client-glue) names them, including the fields the current API adds
 * (ErroredActions, WaitingActions, StartingEventBatchCondition, BlueprintDetails).
 * Timestamps are `Date`, as the SDK returns them; the wire (epoch seconds) and the
 * store (ISO strings) convert at their edges.
 */
import type {
  CrawlState,
  JobRunState,
  Logical,
  NodeType,
  TriggerState,
  TriggerType,
  WorkflowRunStatus,
} from "./enums.ts";

export type RunProperties = Record<string, string>;

export interface WorkflowRunStatistics {
  TotalActions?: number;
  TimeoutActions?: number;
  FailedActions?: number;
  StoppedActions?: number;
  SucceededActions?: number;
  RunningActions?: number;
  ErroredActions?: number;
  WaitingActions?: number;
}

export interface StartingEventBatchCondition {
  BatchSize?: number;
  BatchWindow?: number;
}

export interface Edge {
  SourceId?: string;
  DestinationId?: string;
}

export interface Crawl {
  State?: CrawlState;
  StartedOn?: Date;
  CompletedOn?: Date;
  ErrorMessage?: string;
  LogGroup?: string;
  LogStream?: string;
}

export interface NotificationProperty {
  NotifyDelayAfter?: number;
}

export interface Predecessor {
  JobName?: string;
  RunId?: string;
}

export interface JobRun {
  Id?: string;
  Attempt?: number;
  PreviousRunId?: string;
  TriggerName?: string;
  JobName?: string;
  StartedOn?: Date;
  LastModifiedOn?: Date;
  CompletedOn?: Date;
  JobRunState?: JobRunState;
  Arguments?: Record<string, string>;
  ErrorMessage?: string;
  PredecessorRuns?: Predecessor[];
  AllocatedCapacity?: number;
  ExecutionTime?: number;
  Timeout?: number;
  MaxCapacity?: number;
  WorkerType?: string;
  NumberOfWorkers?: number;
  SecurityConfiguration?: string;
  LogGroupName?: string;
  NotificationProperty?: NotificationProperty;
  GlueVersion?: string;
  /** Set by Glue for Flex and auto-scaling runs: executor seconds × the worker's DPU. */
  DPUSeconds?: number;
  /** STANDARD | FLEX (Flex is priced lower per DPU-hour). */
  ExecutionClass?: string;
}

export interface Action {
  JobName?: string;
  Arguments?: Record<string, string>;
  Timeout?: number;
  SecurityConfiguration?: string;
  NotificationProperty?: NotificationProperty;
  CrawlerName?: string;
}

export interface Condition {
  LogicalOperator?: "EQUALS";
  JobName?: string;
  State?: JobRunState;
  CrawlerName?: string;
  CrawlState?: CrawlState;
}

export interface Predicate {
  Logical?: Logical;
  Conditions?: Condition[];
}

export interface EventBatchingCondition {
  BatchSize: number;
  BatchWindow?: number;
}

export interface Trigger {
  Name?: string;
  WorkflowName?: string;
  Id?: string;
  Type?: TriggerType;
  State?: TriggerState;
  Description?: string;
  Schedule?: string;
  Actions?: Action[];
  Predicate?: Predicate;
  EventBatchingCondition?: EventBatchingCondition;
}

export interface TriggerNodeDetails {
  Trigger?: Trigger;
}

export interface JobNodeDetails {
  JobRuns?: JobRun[];
}

export interface CrawlerNodeDetails {
  Crawls?: Crawl[];
}

export interface Node {
  Type?: NodeType;
  Name?: string;
  UniqueId?: string;
  TriggerDetails?: TriggerNodeDetails;
  JobDetails?: JobNodeDetails;
  CrawlerDetails?: CrawlerNodeDetails;
}

export interface WorkflowGraph {
  Nodes?: Node[];
  Edges?: Edge[];
}

export interface WorkflowRun {
  Name?: string;
  WorkflowRunId?: string;
  PreviousRunId?: string;
  WorkflowRunProperties?: RunProperties;
  StartedOn?: Date;
  CompletedOn?: Date;
  Status?: WorkflowRunStatus;
  ErrorMessage?: string;
  Statistics?: WorkflowRunStatistics;
  Graph?: WorkflowGraph;
  StartingEventBatchCondition?: StartingEventBatchCondition;
}

export interface BlueprintDetails {
  BlueprintName?: string;
  RunId?: string;
}

export interface Workflow {
  Name?: string;
  Description?: string;
  DefaultRunProperties?: RunProperties;
  CreatedOn?: Date;
  LastModifiedOn?: Date;
  LastRun?: WorkflowRun;
  Graph?: WorkflowGraph;
  MaxConcurrentRuns?: number;
  BlueprintDetails?: BlueprintDetails;
}
