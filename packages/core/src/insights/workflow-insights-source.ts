/**
 * Where the overdue and missed checks and the digest read a workflow's settings and
 * statistics. The contract (issue 14): RunStore.getWorkflowSettings (defaults applied)
 * and RunStore.getWorkflowStats, written by the settings and statistics parts. Read
 * through this one seam so a store without them (or a test) still works: settings
 * fall back to the defaults, statistics to undefined (the caller then queries runs).
 */
import type { RunStore } from "../store/run-store.ts";

/** The settings these checks read (a structural subset of the contract's WorkflowSettings). */
export interface OverdueSettings {
  runTimeLimitMinutes?: number;
  overdueFactor?: number;
  minRunsForBaseline?: number;
  scheduleGraceMinutes?: number;
  /** ISO instant: no overdue/missed alerts for the workflow before it. */
  muteUntil?: string;
}

export const OVERDUE_DEFAULTS = { overdueFactor: 1.5, minRunsForBaseline: 5, scheduleGraceMinutes: 15 } as const;

/** The part of the contract's WorkflowStats the checks and the digest read (seconds). */
export interface WorkflowStatsView {
  successfulDuration: { count: number; p50?: number; p95?: number; max?: number };
  cost?: { amount: number; currency: string };
}

export interface WorkflowInsightsSource {
  settings(workflowName: string): Promise<OverdueSettings>;
  /** undefined when no statistics are kept. */
  stats(workflowName: string, window: { since: string; until: string }): Promise<WorkflowStatsView | undefined>;
}

/** The store's settings and statistics when it has them (the contract's methods), else defaults / none. */
type MaybeInsightsStore = Partial<{
  getWorkflowSettings(name: string): Promise<OverdueSettings>;
  putWorkflowSettings(name: string, settings: OverdueSettings): Promise<unknown>;
  getWorkflowStats(name: string, window: { since: string; until: string }): Promise<WorkflowStatsView>;
}>;

/**
 * @example
 * const source = insightsFromStore(store);
 * const settings = await source.settings("nightly-etl"); // { overdueFactor: 1.5, … }
 */
export function insightsFromStore(store: RunStore | object): WorkflowInsightsSource {
  const maybe = store as MaybeInsightsStore;
  return {
    async settings(name) {
      const stored = maybe.getWorkflowSettings ? await maybe.getWorkflowSettings.call(store, name) : {};
      return { ...OVERDUE_DEFAULTS, ...stored };
    },
    async stats(name, window) {
      return maybe.getWorkflowStats ? await maybe.getWorkflowStats.call(store, name, window) : undefined;
    },
  };
}

/** True while the workflow's alerts are muted (settings.muteUntil in the future). */
export function isMuted(settings: Pick<OverdueSettings, "muteUntil">, now: Date): boolean {
  if (!settings.muteUntil) return false;
  const until = Date.parse(settings.muteUntil);
  return Number.isFinite(until) && until > now.getTime();
}

/**
 * Stores a workflow's settings through the store's putWorkflowSettings (the settings
 * part's); false when the store has none (the demo then says its limit is not set).
 */
export async function storeWorkflowSettings(
  store: RunStore | object,
  workflowName: string,
  settings: OverdueSettings,
): Promise<boolean> {
  const maybe = store as MaybeInsightsStore;
  if (!maybe.putWorkflowSettings) return false;
  await maybe.putWorkflowSettings.call(store, workflowName, settings);
  return true;
}
