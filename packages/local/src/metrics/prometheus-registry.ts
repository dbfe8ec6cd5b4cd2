/**
 * The local runtime's metrics port: the same metrics the functions send to
 * CloudWatch (core's Metric), kept in memory and served as Prometheus text at
 * GET /metrics on the local AWS endpoint (EVENTS_PORT).
 * See docs/decisions/operability-metrics.md.
 */
import { type Metric, type MetricDimensions, type MetricsPort, MetricUnit } from "@glue-run-tracker/core";

interface Series {
  metric: Metric;
  labels: MetricDimensions;
  sum: number;
  count: number;
}

/**
 * @example
 * const registry = new PrometheusRegistry();
 * reportMetricsTo(registry);
 * registry.text(); // "# TYPE glue_run_tracker_glue_calls_total counter\n…"
 */
export class PrometheusRegistry implements MetricsPort {
  readonly #series = new Map<string, Series>();

  record(metric: Metric, value: number, dimensions: MetricDimensions = {}): void {
    const labels = Object.fromEntries(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
    const key = `${metric.name}${JSON.stringify(labels)}`;
    const series = this.#series.get(key) ?? { metric, labels, sum: 0, count: 0 };
    series.sum += value;
    series.count += 1;
    this.#series.set(key, series);
  }

  /** Counts become `_total` counters; durations a summary (`_sum`, `_count`) in their unit. */
  text(): string {
    const byMetric = new Map<string, Series[]>();
    for (const series of this.#series.values()) {
      byMetric.set(series.metric.name, [...(byMetric.get(series.metric.name) ?? []), series]);
    }
    const lines: string[] = [];
    for (const [name, all] of [...byMetric].sort(([a], [b]) => a.localeCompare(b))) {
      const unit = all[0]?.metric.unit;
      const base = `glue_run_tracker_${snake(name)}`;
      if (unit === MetricUnit.Count) {
        lines.push(`# TYPE ${base}_total counter`);
        for (const series of all) lines.push(`${base}_total${labelText(series.labels)} ${series.sum}`);
      } else {
        const full = `${base}_${unit === MetricUnit.Seconds ? "seconds" : "milliseconds"}`;
        lines.push(`# TYPE ${full} summary`);
        for (const series of all) {
          lines.push(`${full}_sum${labelText(series.labels)} ${series.sum}`);
          lines.push(`${full}_count${labelText(series.labels)} ${series.count}`);
        }
      }
    }
    return `${lines.join("\n")}\n`;
  }
}

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

function labelText(labels: MetricDimensions): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  const quoted = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
  return `{${entries.map(([key, value]) => `${snake(key)}="${quoted(value)}"`).join(",")}}`;
}
