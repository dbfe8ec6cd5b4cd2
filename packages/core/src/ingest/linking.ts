/**
 * Linking Glue's job and crawler events to workflow runs (docs/architecture.md#linking-events-to-runs).
 * Glue's events name neither the workflow nor the run, so:
 *
 * - job event: (1) the job run already linked in this process; (2) the workflows
 *   whose graph holds the job (the store's node index) → their newest runs (one
 *   GetWorkflowRuns per workflow per batch, which also serves as the runs'
 *   snapshots) → the run whose graph holds the job run id; (3) GetJobRun → its
 *   `--WORKFLOW_NAME` / `--WORKFLOW_RUN_ID` arguments, else TriggerName →
 *   GetTrigger → WorkflowName → that workflow's run holding the job run id;
 *   (4) none: a standalone job run. Step 2 comes first because it costs no call
 *   beyond the snapshot read ingest makes anyway (Glue calls per change ≤ 1.2).
 * - crawler event: workflows containing the crawler → their active runs, as
 *   stored and as Glue's newest runs show them (a run not stored yet appears there).
 */
import type { RunSnapshot } from "../workflow-run/types.ts";
import { type BatchContext, isTerminal } from "./batch-context.ts";
import type { RunRef } from "./deps.ts";

const WORKFLOW_NAME_ARG = "--WORKFLOW_NAME";
const WORKFLOW_RUN_ID_ARG = "--WORKFLOW_RUN_ID";

/** Whether the run's graph lists this job run among the job node's runs. */
export function graphHoldsJobRun(run: RunSnapshot, jobName: string, jobRunId: string): boolean {
  return (run.Graph?.Nodes ?? []).some(
    (node) =>
      node.Type === "JOB" &&
      (node.Name === undefined || node.Name === jobName) &&
      (node.JobDetails?.JobRuns ?? []).some((jobRun) => jobRun.Id === jobRunId),
  );
}

async function findRunHolding(
  ctx: BatchContext,
  workflowName: string,
  jobName: string,
  jobRunId: string,
): Promise<RunRef | undefined> {
  const recent = (await ctx.recentRuns(workflowName)) ?? [];
  const hit = recent.find((run) => graphHoldsJobRun(run, jobName, jobRunId));
  if (hit?.WorkflowRunId) return { workflowName, runId: hit.WorkflowRunId };
  // An older run still active (more than a page of newer runs): look at those stored as active.
  const seen = new Set(recent.map((run) => run.WorkflowRunId));
  for (const runId of await ctx.activeRunIds(workflowName)) {
    if (seen.has(runId)) continue;
    const run = await ctx.fetchRun({ workflowName, runId });
    if (run && graphHoldsJobRun(run, jobName, jobRunId)) return { workflowName, runId };
  }
  return undefined;
}

/**
 * The workflow run a job run belongs to; [] for a standalone job run (recorded
 * here) or one Glue has forgotten.
 */
export async function linkJobRun(ctx: BatchContext, jobName: string, jobRunId: string): Promise<RunRef[]> {
  const { deps } = ctx;
  const cached = deps.links?.get(jobRunId);
  if (cached && cached !== "standalone") return [cached];

  if (!cached) {
    for (const workflowName of await ctx.workflowsContaining({ jobName })) {
      const ref = await findRunHolding(ctx, workflowName, jobName, jobRunId);
      if (ref) {
        deps.links?.set(jobRunId, ref);
        return [ref];
      }
    }
  }

  const jobRun = await deps.glue.getJobRun(jobName, jobRunId);
  if (!jobRun) {
    deps.logger?.warn("Glue no longer knows the job run", { jobName, jobRunId });
    return [];
  }
  const args = jobRun.Arguments ?? {};
  const workflowName = args[WORKFLOW_NAME_ARG];
  const runId = args[WORKFLOW_RUN_ID_ARG];
  if (workflowName && runId) {
    deps.links?.set(jobRunId, { workflowName, runId });
    return [{ workflowName, runId }];
  }
  if (jobRun.TriggerName) {
    const trigger = await deps.glue.getTrigger(jobRun.TriggerName);
    if (trigger?.WorkflowName) {
      const ref = await findRunHolding(ctx, trigger.WorkflowName, jobName, jobRunId);
      if (ref) {
        deps.links?.set(jobRunId, ref);
        return [ref];
      }
    }
  }
  const now = (deps.now ?? (() => new Date()))().toISOString();
  await deps.store.putStandaloneJobRun({ ...jobRun, JobName: jobName, Id: jobRunId, ObservedAt: now });
  deps.links?.set(jobRunId, "standalone");
  return [];
}

/** The active runs of every workflow that contains the crawler. */
export async function linkCrawler(ctx: BatchContext, crawlerName: string): Promise<RunRef[]> {
  const workflows = await ctx.workflowsContaining({ crawlerName });
  if (workflows.length === 0) {
    ctx.deps.logger?.debug("The crawler belongs to no tracked workflow", { crawlerName });
    return [];
  }
  const refs: RunRef[] = [];
  for (const workflowName of workflows) {
    const [recent, active] = await Promise.all([ctx.recentRuns(workflowName), ctx.activeRunIds(workflowName)]);
    const ids = new Set(active);
    for (const run of recent ?? []) {
      if (run.WorkflowRunId && !isTerminal(run)) ids.add(run.WorkflowRunId);
    }
    for (const runId of ids) refs.push({ workflowName, runId });
  }
  return refs;
}
