/**
 * How events flow between the tracker's parts: the queues, their settings and which
 * rule feeds which queue. Defined once: the stacks deploy it and the local runtime
 * builds the same topology.
 */
import {
  closedRunPattern,
  type EventPattern,
  failedRunPattern,
  glueStateChangePattern,
  missedRunPattern,
  overdueRunPattern,
  recoveredRunPattern,
  resumeCandidatePattern,
  resumeFailedPattern,
} from "./events/patterns.ts";

export interface QueueSettings {
  /** Base name (stacks prefix it; locally it is the queue name). */
  name: string;
  batchSize: number;
  /** The consumer's timeout; visibility = 6 × this (AWS's advice for SQS event sources). */
  functionTimeoutSeconds: number;
  maxReceiveCount: number;
  /** Concurrent batches at most (Lambda's maximum concurrency for the event source). */
  maxConcurrency: number;
  maximumBatchingWindowSeconds: number;
}

export const Queues = {
  /** Glue events and re-checks → ingest. Concurrency capped so Glue's API rate is respected. */
  ingest: {
    name: "ingest",
    batchSize: 10,
    functionTimeoutSeconds: 30,
    maxReceiveCount: 10,
    maxConcurrency: 5,
    maximumBatchingWindowSeconds: 2,
  },
  /** Failed/recovered run transitions → alerts (Slack retries fit in the timeout). */
  alerts: {
    name: "alerts",
    batchSize: 10,
    functionTimeoutSeconds: 60,
    maxReceiveCount: 5,
    maxConcurrency: 2,
    maximumBatchingWindowSeconds: 0,
  },
  /** Failed COMPLETED runs → the resume decision. */
  resumeEvents: {
    name: "resume-events",
    batchSize: 10,
    functionTimeoutSeconds: 30,
    maxReceiveCount: 5,
    maxConcurrency: 2,
    maximumBatchingWindowSeconds: 0,
  },
  /** Delayed resume attempts → the resume worker. */
  resume: {
    name: "resume",
    batchSize: 5,
    functionTimeoutSeconds: 60,
    maxReceiveCount: 5,
    maxConcurrency: 2,
    maximumBatchingWindowSeconds: 0,
  },
} as const satisfies Record<string, QueueSettings>;

export const VISIBILITY_FACTOR = 6;
export const visibilityTimeoutSeconds = (q: QueueSettings) => q.functionTimeoutSeconds * VISIBILITY_FACTOR;

export interface RuleRoute {
  name: string;
  /** What the rule routes, in a few words (the deployed rule's description). */
  description: string;
  bus: "default" | "tracker";
  pattern: EventPattern;
  queue: keyof typeof Queues;
}

/** Every EventBridge rule of the tracker and the queue it feeds. */
export function ruleRoutes(options: { alertOnStopped: boolean }): RuleRoute[] {
  return [
    {
      name: "glue-state-changes",
      description: "Glue job and crawler state changes → ingest",
      bus: "default",
      pattern: glueStateChangePattern,
      queue: "ingest",
    },
    {
      // Member accounts' rules forward their Glue events, unchanged (source aws.glue, their
      // account and region), to the tracker bus (docs/decisions/accounts-member-stack.md).
      name: "forwarded-glue-state-changes",
      description: "Glue state changes forwarded by member accounts → ingest",
      bus: "tracker",
      pattern: glueStateChangePattern,
      queue: "ingest",
    },
    {
      name: "failed-runs",
      description: "Failed workflow runs → alerts",
      bus: "tracker",
      pattern: failedRunPattern({ includeStopped: options.alertOnStopped }),
      queue: "alerts",
    },
    {
      name: "recovered-runs",
      description: "Auto-resumed lineages that succeeded → alerts",
      bus: "tracker",
      pattern: recoveredRunPattern,
      queue: "alerts",
    },
    {
      name: "closed-runs",
      description: "Runs closed as UNKNOWN (Glue no longer knows them) → alerts",
      bus: "tracker",
      pattern: closedRunPattern,
      queue: "alerts",
    },
    {
      name: "resume-failures",
      description: "Auto-resumes Glue refused → alerts",
      bus: "tracker",
      pattern: resumeFailedPattern,
      queue: "alerts",
    },
    {
      name: "overdue-runs",
      description: "Runs past their workflow's limit, and their end → alerts",
      bus: "tracker",
      pattern: overdueRunPattern,
      queue: "alerts",
    },
    {
      name: "missed-runs",
      description: "Scheduled workflow slots with no run → alerts",
      bus: "tracker",
      pattern: missedRunPattern,
      queue: "alerts",
    },
    {
      name: "resume-candidates",
      description: "Failed COMPLETED runs → auto-resume",
      bus: "tracker",
      pattern: resumeCandidatePattern,
      queue: "resumeEvents",
    },
  ];
}

/** A route's construct id in the stacks, e.g. "failed-runs" → "FailedRunsRule". */
export function ruleConstructId(route: Pick<RuleRoute, "name">): string {
  return `${route.name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}Rule`;
}
