/** What the store bench writes: realistic run lifecycles, and minimal bulk runs to make the table big. */
import { createHash } from "node:crypto";
import { runIndexKeys, runKey } from "../../packages/core/src/store/keys.ts";
import type { SnapshotInput } from "../../packages/core/src/store/run-store.ts";
import type { RunSnapshot } from "../../packages/core/src/workflow-run/types.ts";

type Graph = NonNullable<RunSnapshot["Graph"]>;
type GraphNode = NonNullable<Graph["Nodes"]>[number];

const BASE = Date.parse("2026-01-01T00:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const hex = (seed: string) => createHash("sha256").update(seed).digest("hex");

export function benchRunId(seed: string): string {
  return `wr_${hex(seed)}`;
}

/**
 * The snapshots GetWorkflowRun(IncludeGraph) shows for one run of a workflow with
 * `jobs` sequential jobs (a trigger in front of each: 2 × jobs nodes): started,
 * each job running then succeeded, then COMPLETED. Every snapshot is a new state.
 */
export function lifecycle(workflow: string, runIndex: number, jobs: number): SnapshotInput[] {
  const id = benchRunId(`${workflow}:${runIndex}`);
  const startedOn = BASE + runIndex * 3_600_000;
  const snapshots: SnapshotInput[] = [];
  const push = (done: number, running: boolean, status: RunSnapshot["Status"]) => {
    const total = done + (running ? 1 : 0);
    const at = startedOn + snapshots.length * 60_000;
    const run: RunSnapshot = {
      Name: workflow,
      WorkflowRunId: id,
      WorkflowRunProperties: { env: "prod", batch_date: iso(startedOn).slice(0, 10) },
      StartedOn: iso(startedOn),
      Status: status,
      Statistics: {
        TotalActions: total,
        SucceededActions: done,
        RunningActions: running ? 1 : 0,
        FailedActions: 0,
        TimeoutActions: 0,
        StoppedActions: 0,
        ErroredActions: 0,
        WaitingActions: 0,
      },
      Graph: graph(workflow, id, jobs, done, running, startedOn),
    };
    if (status === "COMPLETED") run.CompletedOn = iso(at);
    snapshots.push({ run, observedAt: iso(at), via: "event" });
  };
  push(0, false, "RUNNING");
  for (let done = 0; done < jobs; done++) {
    push(done, true, "RUNNING");
    push(done + 1, false, "RUNNING");
  }
  push(jobs, false, "COMPLETED");
  return snapshots;
}

function graph(
  workflow: string,
  runId: string,
  jobs: number,
  done: number,
  running: boolean,
  startedOn: number,
): Graph {
  const nodes: GraphNode[] = [];
  const edges: NonNullable<Graph["Edges"]> = [];
  for (let j = 0; j < jobs; j++) {
    const name = `${workflow}-step-${String(j).padStart(3, "0")}`;
    const state = j < done ? "SUCCEEDED" : j === done && running ? "RUNNING" : undefined;
    const jobRuns = state
      ? [
          {
            Id: `jr_${hex(`${runId}:${name}`)}`,
            Attempt: 0,
            JobName: name,
            TriggerName: `start-${name}`,
            StartedOn: iso(startedOn + j * 120_000),
            ...(state === "SUCCEEDED" ? { CompletedOn: iso(startedOn + j * 120_000 + 95_000), ExecutionTime: 95 } : {}),
            JobRunState: state as "SUCCEEDED",
            Arguments: { "--WORKFLOW_NAME": workflow, "--WORKFLOW_RUN_ID": runId, "--source": `s3://raw/${name}/` },
            WorkerType: "G.1X",
            NumberOfWorkers: 10,
            GlueVersion: "4.0",
          },
        ]
      : [];
    nodes.push({
      Type: "JOB",
      Name: name,
      UniqueId: `wnode_${hex(`job:${name}`).slice(0, 40)}`,
      JobDetails: { JobRuns: jobRuns },
    });
    const trigger = `start-${name}`;
    nodes.push({
      Type: "TRIGGER",
      Name: trigger,
      UniqueId: `wnode_${hex(`trigger:${trigger}`).slice(0, 40)}`,
      TriggerDetails: {
        Trigger: {
          Name: trigger,
          WorkflowName: workflow,
          Type: j === 0 ? "ON_DEMAND" : "CONDITIONAL",
          Actions: [{ JobName: name }],
        },
      },
    });
    edges.push({ SourceId: nodes.at(-1)?.UniqueId, DestinationId: nodes.at(-2)?.UniqueId });
  }
  return { Nodes: nodes, Edges: edges };
}

/**
 * A minimal run item (keys, index keys, the fields a list shows): bulk filler that
 * makes the table and both indexes as large as `--runs` says, fast to load.
 */
export function bulkRunItem(index: number, workflows: number): Record<string, unknown> {
  const workflow = `bulk-${String(index % workflows).padStart(5, "0")}`;
  const id = benchRunId(`bulk:${index}`);
  const startedOn = iso(BASE + index * 1_000);
  const outcome = index % 10 === 0 ? "FAILED" : "SUCCEEDED";
  return {
    ...runKey(workflow, id),
    ...runIndexKeys(workflow, id, startedOn, outcome),
    entityType: "Run",
    Name: workflow,
    WorkflowRunId: id,
    StartedOn: startedOn,
    Status: "COMPLETED",
    Outcome: outcome,
  };
}
