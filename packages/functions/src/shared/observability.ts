/**
 * What a Lambda entry point installs once: Powertools Metrics (CloudWatch EMF) as
 * core's metrics port, and Powertools Tracer on the SDK clients core creates (the
 * stacks turn on active tracing). Only the `handler` exports call this; the local
 * runtime installs its own metrics registry and no tracer.
 * See docs/decisions/operability-metrics.md.
 */
import { Metrics, type MetricUnit } from "@aws-lambda-powertools/metrics";
import { METRIC_NAMESPACE, type MetricsPort, reportMetricsTo } from "@glue-run-tracker/core";

/**
 * Each value is its own EMF record (a "single metric") with only its own
 * dimensions — no `service` dimension — so alarms and the dashboard can name the
 * metric without knowing which function emitted it.
 *
 * @example
 * reportMetricsTo(powertoolsMetrics("ingest"));
 */
export function powertoolsMetrics(
  serviceName: string,
  metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName }),
): MetricsPort {
  return {
    record(metric, value, dimensions) {
      const single = metrics.singleMetric();
      single.clearDefaultDimensions();
      if (dimensions) single.addDimensions({ ...dimensions });
      single.addMetric(metric.name, metric.unit as (typeof MetricUnit)[keyof typeof MetricUnit], value);
    },
  };
}

/**
 * Installs Powertools Metrics as core's metrics port. The queue and scheduled
 * functions also trace their SDK clients (tracing.ts); the API functions do not: the
 * X-Ray SDK would triple their bundles (cold start on user requests), and Lambda's
 * active tracing still records their invocations.
 *
 * @example
 * reportLambdaMetrics("ingest");
 */
export function reportLambdaMetrics(serviceName: string): void {
  reportMetricsTo(powertoolsMetrics(serviceName));
}
