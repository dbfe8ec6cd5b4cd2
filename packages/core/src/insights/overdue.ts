/**
 * When a run is overdue (docs/decisions/insights-overdue-and-missed.md): RUNNING
 * longer than its workflow's limit — the configured runTimeLimitMinutes, else the p95
 * of recent successful runs × overdueFactor once there are minRunsForBaseline of them.
 * No limit (no setting, too little history): never overdue.
 */
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowSettings } from "./settings.ts";

export interface RunLimit {
  limitSeconds: number;
  source: "configured" | "baseline";
  /** p95 of recent successful runs (seconds), when known. */
  usualSeconds?: number;
}

export interface DurationBaseline {
  /** Successful runs in the window. */
  count: number;
  /** p95 of their durations, seconds. */
  p95?: number;
}

/**
 * @example
 * runLimit({ overdueFactor: 1.5, minRunsForBaseline: 5 }, { count: 12, p95: 600 }); // { limitSeconds: 900, source: "baseline", usualSeconds: 600 }
 * runLimit({ runTimeLimitMinutes: 30 }, undefined); // { limitSeconds: 1800, source: "configured" }
 */
export function runLimit(settings: WorkflowSettings, baseline: DurationBaseline | undefined): RunLimit | undefined {
  const usualSeconds = baseline?.p95 !== undefined && baseline.count > 0 ? baseline.p95 : undefined;
  if (settings.runTimeLimitMinutes !== undefined && settings.runTimeLimitMinutes > 0) {
    return { limitSeconds: settings.runTimeLimitMinutes * 60, source: "configured", usualSeconds };
  }
  const minRuns = settings.minRunsForBaseline ?? DEFAULT_WORKFLOW_SETTINGS.minRunsForBaseline;
  const factor = settings.overdueFactor ?? DEFAULT_WORKFLOW_SETTINGS.overdueFactor;
  if (!baseline || baseline.count < minRuns || usualSeconds === undefined || usualSeconds <= 0 || factor <= 0) {
    return undefined;
  }
  return { limitSeconds: usualSeconds * factor, source: "baseline", usualSeconds };
}

/** Seconds the run has been running at `now`, when that is past the limit; else undefined. */
export function overdueSeconds(startedOn: string | undefined, limit: RunLimit, now: Date): number | undefined {
  if (!startedOn) return undefined;
  const started = Date.parse(startedOn);
  if (!Number.isFinite(started)) return undefined;
  const running = (now.getTime() - started) / 1000;
  return running > limit.limitSeconds ? Math.floor(running) : undefined;
}

/**
 * p95 by nearest rank over durations (seconds), for the fallback baseline read from
 * stored runs when no statistics are kept.
 *
 * @example
 * percentile([10, 20, 30, 40], 0.95); // 40
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** A finished run's duration in seconds, or undefined. */
export function runDurationSeconds(run: { StartedOn?: string; CompletedOn?: string }): number | undefined {
  if (!run.StartedOn || !run.CompletedOn) return undefined;
  const ms = Date.parse(run.CompletedOn) - Date.parse(run.StartedOn);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : undefined;
}
