/** Glue's string enums, as `as const` objects (values are the wire values). */

export const WorkflowRunStatus = {
  RUNNING: "RUNNING",
  COMPLETED: "COMPLETED",
  STOPPING: "STOPPING",
  STOPPED: "STOPPED",
  ERROR: "ERROR",
} as const;
export type WorkflowRunStatus = (typeof WorkflowRunStatus)[keyof typeof WorkflowRunStatus];

export const NodeType = { CRAWLER: "CRAWLER", JOB: "JOB", TRIGGER: "TRIGGER" } as const;
export type NodeType = (typeof NodeType)[keyof typeof NodeType];

export const JobRunState = {
  STARTING: "STARTING",
  RUNNING: "RUNNING",
  STOPPING: "STOPPING",
  STOPPED: "STOPPED",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  TIMEOUT: "TIMEOUT",
  ERROR: "ERROR",
  WAITING: "WAITING",
  EXPIRED: "EXPIRED",
} as const;
export type JobRunState = (typeof JobRunState)[keyof typeof JobRunState];

export const CrawlState = {
  RUNNING: "RUNNING",
  CANCELLING: "CANCELLING",
  CANCELLED: "CANCELLED",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  ERROR: "ERROR",
} as const;
export type CrawlState = (typeof CrawlState)[keyof typeof CrawlState];

export const TriggerType = {
  SCHEDULED: "SCHEDULED",
  CONDITIONAL: "CONDITIONAL",
  ON_DEMAND: "ON_DEMAND",
  EVENT: "EVENT",
} as const;
export type TriggerType = (typeof TriggerType)[keyof typeof TriggerType];

export const TriggerState = {
  CREATING: "CREATING",
  CREATED: "CREATED",
  ACTIVATING: "ACTIVATING",
  ACTIVATED: "ACTIVATED",
  DEACTIVATING: "DEACTIVATING",
  DEACTIVATED: "DEACTIVATED",
  DELETING: "DELETING",
  UPDATING: "UPDATING",
} as const;
export type TriggerState = (typeof TriggerState)[keyof typeof TriggerState];

export const Logical = { AND: "AND", ANY: "ANY" } as const;
export type Logical = (typeof Logical)[keyof typeof Logical];

/** Crawler (not crawl) state, as GetCrawler reports it. */
export const CrawlerState = { READY: "READY", RUNNING: "RUNNING", STOPPING: "STOPPING" } as const;
export type CrawlerState = (typeof CrawlerState)[keyof typeof CrawlerState];

/** The exception names Glue puts in `__type`, which the tracker reuses as error codes. */
export const GlueErrorCode = {
  AlreadyExists: "AlreadyExistsException",
  ConcurrentModification: "ConcurrentModificationException",
  ConcurrentRunsExceeded: "ConcurrentRunsExceededException",
  EntityNotFound: "EntityNotFoundException",
  IllegalWorkflowState: "IllegalWorkflowStateException",
  InternalService: "InternalServiceException",
  InvalidInput: "InvalidInputException",
  OperationTimeout: "OperationTimeoutException",
  ResourceNumberLimitExceeded: "ResourceNumberLimitExceededException",
  Throttling: "ThrottlingException",
  CrawlerRunning: "CrawlerRunningException",
  CrawlerNotRunning: "CrawlerNotRunningException",
} as const;
export type GlueErrorCode = (typeof GlueErrorCode)[keyof typeof GlueErrorCode];

/** Run statuses after which Glue never changes the run again. */
export const TERMINAL_RUN_STATUSES: ReadonlySet<WorkflowRunStatus> = new Set([
  WorkflowRunStatus.COMPLETED,
  WorkflowRunStatus.STOPPED,
  WorkflowRunStatus.ERROR,
]);

/**
 * DPUs per worker of each WorkerType, as Glue's JobRun documentation gives them. R.*
 * workers count memory-optimised M-DPUs; Z.2X is Ray's (2 M-DPU).
 */
export const WORKER_TYPE_DPU: Readonly<Record<string, number>> = {
  Standard: 1,
  "G.025X": 0.25,
  "G.1X": 1,
  "G.2X": 2,
  "G.4X": 4,
  "G.8X": 8,
  "G.12X": 12,
  "G.16X": 16,
  "R.1X": 1,
  "R.2X": 2,
  "R.4X": 4,
  "R.8X": 8,
  "Z.2X": 2,
};
