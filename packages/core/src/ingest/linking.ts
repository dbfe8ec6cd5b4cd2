/**
 * Linking Glue's job and crawler events to workflow runs (docs/architecture.md#linking-events-to-runs):
 * a pure step over the batch's reads — it decides what to record and records nothing.
 * Glue's events name neither the workflow nor the run, so:
 *
 * - job event: (1) the job run already linked in this process; (2) the workflows
 *   whose graph holds the job (the store's node index) → their newest runs (one
 *   GetWorkflowRuns per workflow per batch, which also serves as the runs'
 *   snapshots) → the run whose graph holds the job run id; (3) GetJobRun → its
 *   `--WORKFLOW_NAME` / `--WORKFLOW_RUN_ID` arguments, else TriggerName →
 *   GetTrigger → WorkflowName → that workflow's run holding the job run id;
 *   (4) none: a standalone job run (the record step stores it). Step 2 comes first
 *   because it costs no call beyond the snapshot read ingest makes anyway (Glue
 *   calls per change ≤ 1.2).
 * - crawler event: workflows containing the crawler → their active runs, as
 *   stored and as Glue's newest runs show them (a run not stored yet appears there).
 */
import type { JobRun } from "@glue-run-tracker/glue-model";
import { TERMINAL_RUN_STATUSES } from "@glue-run-tracker/glue-model";
import type { Jsonified, RunSnapshot } from "../workflow-run/types.ts";
import type { BatchReader } from "./batch-reader.ts";
import type { RunRef } from "./deps.ts";
import type { IngestMessage } from "./messages.ts";

const WORKFLOW_NAME_ARG = "--WORKFLOW_NAME";
const WORKFLOW_RUN_ID_ARG = "--WORKFLOW_RUN_ID";

/** Why a message links to nothing to record (logged; the message is done). */
export const Unlinked = {
  JobRunUnknown: "Glue no longer knows the job run",
  CrawlerUntracked: "The crawler belongs to no tracked workflow",
} as const;
export type Unlinked = (typeof Unlinked)[keyof typeof Unlinked];

/** What an ingest message is about: what the record step writes. */
export interface Link {
  /** The workflow runs to read and record. */
  runs: RunRef[];
  /** A job run of no workflow, to record as a standalone job run. */
  standaloneJobRun?: Jsonified<JobRun>;
  unlinked?: Unlinked;
}

/**
 * Links one message to its workflow runs; reads only (through the batch reader).
 *
 * @example
 * const link = await linkMessage(reader, { kind: "job", jobName: "load", jobRunId: "jr_1", state: "FAILED", terminal: true });
 * // { runs: [{ workflowName: "etl", runId: "wr_1" }] }
 */
export function linkMessage(reader: BatchReader, message: IngestMessage): Promise<Link> {
  switch (message.kind) {
    case "job":
      return linkJobRun(reader, message.jobName, message.jobRunId);
    case "crawler":
      return linkCrawler(reader, message.crawlerName);
    case "recheck":
      return Promise.resolve({ runs: [{ workflowName: message.workflowName, runId: message.runId }] });
  }
}

/** The workflow run a job run belongs to; none for a standalone job run or one Glue has forgotten. */
export async function linkJobRun(reader: BatchReader, jobName: string, jobRunId: string): Promise<Link> {
  const known = reader.knownLink(jobRunId);
  if (known && known !== "standalone") return { runs: [known] };

  if (!known) {
    for (const workflowName of await reader.workflowsContaining({ jobName })) {
      const ref = await findRunHolding(reader, workflowName, jobName, jobRunId);
      if (ref) return { runs: [ref] };
    }
  }

  const jobRun = await reader.jobRun(jobName, jobRunId);
  if (!jobRun) return { runs: [], unlinked: Unlinked.JobRunUnknown };
  const args = jobRun.Arguments ?? {};
  const workflowName = args[WORKFLOW_NAME_ARG];
  const runId = args[WORKFLOW_RUN_ID_ARG];
  if (workflowName && runId) return { runs: [{ workflowName, runId }] };
  if (jobRun.TriggerName) {
    const trigger = await reader.trigger(jobRun.TriggerName);
    if (trigger?.WorkflowName) {
      const ref = await findRunHolding(reader, trigger.WorkflowName, jobName, jobRunId);
      if (ref) return { runs: [ref] };
    }
  }
  return { runs: [], standaloneJobRun: jobRun };
}

/** The active runs of every workflow that contains the crawler. */
async function linkCrawler(reader: BatchReader, crawlerName: string): Promise<Link> {
  const workflows = await reader.workflowsContaining({ crawlerName });
  if (workflows.length === 0) return { runs: [], unlinked: Unlinked.CrawlerUntracked };
  const runs: RunRef[] = [];
  for (const workflowName of workflows) {
    const [recent, active] = await Promise.all([reader.recentRuns(workflowName), reader.activeRunIds(workflowName)]);
    const ids = new Set(active);
    for (const run of recent) {
      if (run.WorkflowRunId && !isTerminal(run)) ids.add(run.WorkflowRunId);
    }
    for (const runId of ids) runs.push({ workflowName, runId });
  }
  return { runs };
}

/** Whether the run's graph lists this job run among the job node's runs. */
function graphHoldsJobRun(run: RunSnapshot, jobName: string, jobRunId: string): boolean {
  return (run.Graph?.Nodes ?? []).some(
    (node) =>
      node.Type === "JOB" &&
      (node.Name === undefined || node.Name === jobName) &&
      (node.JobDetails?.JobRuns ?? []).some((jobRun) => jobRun.Id === jobRunId),
  );
}

async function findRunHolding(
  reader: BatchReader,
  workflowName: string,
  jobName: string,
  jobRunId: string,
): Promise<RunRef | undefined> {
  const recent = await reader.recentRuns(workflowName);
  const hit = recent.find((run) => graphHoldsJobRun(run, jobName, jobRunId));
  if (hit?.WorkflowRunId) return { workflowName, runId: hit.WorkflowRunId };
  // An older run still active (more than a page of newer runs): look at those stored as active.
  const seen = new Set(recent.map((run) => run.WorkflowRunId));
  for (const runId of await reader.activeRunIds(workflowName)) {
    if (seen.has(runId)) continue;
    const run = await reader.workflowRun({ workflowName, runId });
    if (run && graphHoldsJobRun(run, jobName, jobRunId)) return { workflowName, runId };
  }
  return undefined;
}

function isTerminal(run: RunSnapshot): boolean {
  return run.Status !== undefined && TERMINAL_RUN_STATUSES.has(run.Status);
}
