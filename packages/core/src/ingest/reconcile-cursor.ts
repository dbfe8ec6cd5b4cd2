/**
 * Where the reconciler left off. Each invocation does bounded work and saves the
 * cursor in the table, so a large account is swept over several invocations.
 */
export const ReconcilePhase = {
  /** Stored active runs → GetWorkflowRun. */
  ActiveRuns: "active-runs",
  /** Known workflows → GetWorkflow (catalog, deletions) + GetWorkflowRuns (lost events, runs started elsewhere). */
  Workflows: "workflows",
  /** Glue's ListWorkflows → workflows the tracker has never seen. */
  Discover: "discover",
} as const;
export type ReconcilePhase = (typeof ReconcilePhase)[keyof typeof ReconcilePhase];

export interface ReconcileCursor {
  phase: ReconcilePhase;
  /** The page token inside the current phase (the store's or Glue's). */
  nextToken?: string;
  /** Completed sweeps so far. */
  cycle: number;
  updatedAt?: string;
}

export interface ReconcileCursorStore {
  load(): Promise<ReconcileCursor | undefined>;
  save(cursor: ReconcileCursor): Promise<void>;
}
