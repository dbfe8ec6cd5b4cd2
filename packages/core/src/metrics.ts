/**
 * The tracker's operational metrics, reported through a small port so core stays
 * free of Lambda: functions plug in Powertools Metrics (CloudWatch EMF), the local
 * runtime an in-memory registry served as Prometheus text. Names, units and
 * dimensions are defined here once; the stacks' alarms and dashboard use them too.
 * See docs/decisions/operability-metrics.md.
 */

/** The CloudWatch namespace of every tracker metric. */
export const METRIC_NAMESPACE = "GlueRunTracker";

export const MetricUnit = { Count: "Count", Milliseconds: "Milliseconds", Seconds: "Seconds" } as const;
export type MetricUnit = (typeof MetricUnit)[keyof typeof MetricUnit];

/** Every metric, with its unit and the dimensions it is reported with. */
export const Metric = {
  /** A run reached a final Outcome (dimensions Workflow, Outcome). */
  RunsFinished: { name: "RunsFinished", unit: MetricUnit.Count },
  /** Started → completed of a finished run (dimension Workflow). */
  RunDuration: { name: "RunDuration", unit: MetricUnit.Seconds },
  /** A Glue event was ingested (no dimension: the "no event ingested" alarm sums it). */
  EventsIngested: { name: "EventsIngested", unit: MetricUnit.Count },
  /** Glue event time → the run stored (ingest lag). */
  IngestLag: { name: "IngestLag", unit: MetricUnit.Milliseconds },
  /** A message ingest could not handle (it is retried, then dead-lettered). */
  IngestErrors: { name: "IngestErrors", unit: MetricUnit.Count },
  /** One Glue API call (dimension Operation). */
  GlueCalls: { name: "GlueCalls", unit: MetricUnit.Count },
  /** Glue answered ThrottlingException (dimension Operation). */
  GlueThrottles: { name: "GlueThrottles", unit: MetricUnit.Count },
  /** An alert went out on a channel (dimension Channel). */
  AlertsSent: { name: "AlertsSent", unit: MetricUnit.Count },
  /** An alert was not delivered on a channel (dimension Channel). */
  AlertsFailed: { name: "AlertsFailed", unit: MetricUnit.Count },
  /** An auto-resume decision or attempt result (dimension Decision). */
  ResumeAttempts: { name: "ResumeAttempts", unit: MetricUnit.Count },
  /** Messages moved from a DLQ back to its queue (dimension Queue). */
  DlqRedrives: { name: "DlqRedrives", unit: MetricUnit.Count },
  /**
   * Reported by every reconciler run: runs Glue reports active or the reconciler had
   * to record itself. Above 0 while EventsIngested is 0 means events are not arriving.
   */
  GlueRunsSeen: { name: "GlueRunsSeen", unit: MetricUnit.Count },
  /** A Glue event from an account/region the configuration does not list: dropped (docs/decisions/accounts-flows.md). */
  UntrackedAccountEvents: { name: "UntrackedAccountEvents", unit: MetricUnit.Count },
  /** A tracked account the reconciler (or its overdue checks) could not sweep, e.g. its role is not deployed. */
  AccountsNotReconciled: { name: "AccountsNotReconciled", unit: MetricUnit.Count },
} as const;
export type Metric = (typeof Metric)[keyof typeof Metric];

export type MetricDimensions = Readonly<Record<string, string>>;

/** Where metrics go. Implementations must never throw into the caller's work. */
export interface MetricsPort {
  record(metric: Metric, value: number, dimensions?: MetricDimensions): void;
}

const discard: MetricsPort = { record: () => undefined };
let current: MetricsPort = discard;

/**
 * Installs where metrics go for this process (a function's entry point, the local
 * runtime). Without it metrics are discarded (tests, tools).
 *
 * @example
 * reportMetricsTo({ record: (metric, value) => console.log(metric.name, value) });
 */
export function reportMetricsTo(port: MetricsPort | undefined): void {
  current = port ?? discard;
}

/**
 * Records one value; a failing port is ignored (metrics never fail the work).
 *
 * @example
 * recordMetric(Metric.GlueCalls, 1, { Operation: "GetWorkflowRun" });
 */
export function recordMetric(metric: Metric, value: number, dimensions?: MetricDimensions): void {
  try {
    current.record(metric, value, dimensions);
  } catch {
    // A metric is never worth losing a run over.
  }
}
