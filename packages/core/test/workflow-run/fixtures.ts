/** Realistic run snapshots for unit and store tests (shapes as GetWorkflowRun returns them). */
import { createHash } from "node:crypto";
import type { RunSnapshot } from "../../src/workflow-run/types.ts";

type Graph = NonNullable<RunSnapshot["Graph"]>;
type GraphNode = NonNullable<Graph["Nodes"]>[number];

const BASE_TIME = Date.parse("2026-11-01T08:00:00.000Z");

/** ISO time `minutes` after the fixtures' base time. */
export function at(minutes: number): string {
  return new Date(BASE_TIME + minutes * 60_000).toISOString();
}

/** A Glue-looking run id (`wr_` + 64 hex chars) derived from a seed. */
export function runId(seed: number | string): string {
  return `wr_${hex64(`run:${seed}`)}`;
}

/** 64 hex chars, as random-looking as Glue's ids (they do not compress). */
function hex64(seed: string): string {
  return createHash("sha256").update(seed).digest("hex");
}

export interface RunOptions {
  name?: string;
  id?: string;
  startedOn?: string;
  status?: RunSnapshot["Status"];
  stats?: RunSnapshot["Statistics"];
  graph?: Graph;
  completedOn?: string;
  errorMessage?: string;
  previousRunId?: string;
}

export function run(options: RunOptions = {}): RunSnapshot {
  const snapshot: RunSnapshot = {
    Name: options.name ?? "nightly-etl",
    WorkflowRunId: options.id ?? runId(1),
    WorkflowRunProperties: { env: "prod" },
    StartedOn: options.startedOn ?? at(0),
    Status: options.status ?? "RUNNING",
    Statistics: {
      TotalActions: 0,
      TimeoutActions: 0,
      FailedActions: 0,
      StoppedActions: 0,
      SucceededActions: 0,
      RunningActions: 0,
      ErroredActions: 0,
      WaitingActions: 0,
      ...options.stats,
    },
  };
  if (options.previousRunId !== undefined) snapshot.PreviousRunId = options.previousRunId;
  if (options.completedOn !== undefined) snapshot.CompletedOn = options.completedOn;
  if (options.errorMessage !== undefined) snapshot.ErrorMessage = options.errorMessage;
  if (options.graph !== undefined) snapshot.Graph = options.graph;
  return snapshot;
}

/**
 * The snapshots Glue would show for one run of `actions` sequential actions: start,
 * each action running and finishing, then COMPLETED (the last action SUCCEEDED or
 * FAILED) or, for "STOPPED", STOPPING then STOPPED. Observed one minute apart.
 */
export function runLifecycle(
  id: string,
  actions: number,
  ending: "SUCCEEDED" | "FAILED" | "STOPPED" = "SUCCEEDED",
  name = "nightly-etl",
): { run: RunSnapshot; observedAt: string }[] {
  const sequence: { run: RunSnapshot; observedAt: string }[] = [];
  const push = (snapshot: RunSnapshot) => sequence.push({ run: snapshot, observedAt: at(sequence.length + 1) });
  push(run({ name, id, stats: { TotalActions: 0 } }));
  for (let i = 1; i <= actions; i++) {
    push(run({ name, id, stats: { TotalActions: i, SucceededActions: i - 1, RunningActions: 1 } }));
    const failedNow = i === actions && ending === "FAILED";
    push(
      run({
        name,
        id,
        stats: { TotalActions: i, SucceededActions: failedNow ? i - 1 : i, FailedActions: failedNow ? 1 : 0 },
      }),
    );
  }
  const last = sequence.at(-1)?.run.Statistics ?? {};
  if (ending === "STOPPED") {
    push(run({ name, id, status: "STOPPING", stats: { ...last } }));
    push(run({ name, id, status: "STOPPED", completedOn: at(sequence.length + 1), stats: { ...last } }));
  } else {
    push(run({ name, id, status: "COMPLETED", completedOn: at(sequence.length + 1), stats: { ...last } }));
  }
  return sequence;
}

export function jobNode(name: string, states: string[], errorMessage?: string): GraphNode {
  return {
    Type: "JOB",
    Name: name,
    UniqueId: `wnode_job_${name}`,
    JobDetails: {
      JobRuns: states.map((state, attempt) => ({
        Id: `jr_${hex64(`${name}:${attempt}`)}`,
        Attempt: attempt,
        JobName: name,
        TriggerName: `start-${name}`,
        StartedOn: at(attempt * 10),
        CompletedOn: at(attempt * 10 + 5),
        JobRunState: state as "SUCCEEDED",
        ...(errorMessage !== undefined && state !== "SUCCEEDED" ? { ErrorMessage: errorMessage } : {}),
      })),
    },
  };
}

export function crawlerNode(name: string, states: string[], errorMessage?: string): GraphNode {
  return {
    Type: "CRAWLER",
    Name: name,
    UniqueId: `wnode_crawler_${name}`,
    CrawlerDetails: {
      Crawls: states.map((state, attempt) => ({
        State: state as "SUCCEEDED",
        StartedOn: at(attempt * 10),
        CompletedOn: at(attempt * 10 + 3),
        LogGroup: "/aws-glue/crawlers",
        LogStream: `${name}-${hex64(`${name}:${attempt}`).slice(0, 16)}`,
        ...(errorMessage !== undefined && state !== "SUCCEEDED" ? { ErrorMessage: errorMessage } : {}),
      })),
    },
  };
}

/**
 * A big graph: `jobs` jobs with 3 JobRuns each (arguments, error messages; every 4th
 * job's last attempt failed), `crawlers` crawlers with 2 crawls (every 5th last one
 * errored), and a trigger in front of each (defaults: 100 nodes).
 */
export function largeGraph(jobs = 40, crawlers = 10): Graph {
  const nodes: GraphNode[] = [];
  const edges: NonNullable<Graph["Edges"]> = [];
  for (let j = 0; j < jobs; j++) {
    const name = `transform-orders-step-${String(j).padStart(3, "0")}`;
    const last = j % 4 === 0 ? "FAILED" : "SUCCEEDED";
    const node = jobNode(
      name,
      ["FAILED", "TIMEOUT", last],
      `Py4JJavaError: An error occurred while calling o${j}.save`,
    );
    for (const [attempt, jobRun] of (node.JobDetails?.JobRuns ?? []).entries()) {
      jobRun.StartedOn = at(j * 7.31 + attempt * 2.17);
      jobRun.CompletedOn = at(j * 7.31 + attempt * 2.17 + 1.93);
      jobRun.Arguments = {
        "--WORKFLOW_NAME": "nightly-etl",
        "--WORKFLOW_RUN_ID": runId(1),
        "--TempDir": `s3://aws-glue-assets-123456789012-us-east-1/temporary/${hex64(jobRun.Id ?? "")}/`,
        "--source_path": `s3://datalake-raw/orders/part=${j}/`,
        "--target_path": `s3://datalake-curated/orders/part=${j}/`,
      };
      jobRun.ExecutionTime = 300 + j;
      jobRun.MaxCapacity = 10;
      jobRun.WorkerType = "G.1X";
      jobRun.NumberOfWorkers = 10;
      jobRun.GlueVersion = "4.0";
      jobRun.PredecessorRuns = [{ JobName: "extract", RunId: `jr_${hex64(`extract:${j}`)}` }];
      jobRun.LogGroupName = `/aws-glue/jobs/${hex64(`log:${jobRun.Id}`).slice(0, 12)}`;
    }
    nodes.push(node, triggerNode(`start-${name}`, { JobName: name }));
    edges.push({ SourceId: `wnode_trigger_start-${name}`, DestinationId: node.UniqueId });
  }
  for (let c = 0; c < crawlers; c++) {
    const name = `crawl-raw-zone-${String(c).padStart(3, "0")}`;
    nodes.push(crawlerNode(name, ["FAILED", c % 5 === 0 ? "ERROR" : "SUCCEEDED"], "Internal service exception"));
    nodes.push(triggerNode(`start-${name}`, { CrawlerName: name }));
    edges.push({ SourceId: `wnode_trigger_start-${name}`, DestinationId: `wnode_crawler_${name}` });
  }
  return { Nodes: nodes, Edges: edges };
}

function triggerNode(name: string, action: { JobName?: string; CrawlerName?: string }): GraphNode {
  return {
    Type: "TRIGGER",
    Name: name,
    UniqueId: `wnode_trigger_${name}`,
    TriggerDetails: {
      Trigger: {
        Name: name,
        WorkflowName: "nightly-etl",
        Id: `tr_${name}`,
        Type: "CONDITIONAL",
        State: "ACTIVATED",
        Actions: [action],
        Predicate: {
          Logical: "AND",
          Conditions: [{ LogicalOperator: "EQUALS", JobName: "extract", State: "SUCCEEDED" }],
        },
      },
    },
  };
}

/** Snapshots of one run of 3 actions: running with `finished` succeeded, or ended FAILED (2 succeeded, 1 failed). */
export const threeActionRun = {
  running: (id: string, finished = 0) =>
    run({ id, stats: { TotalActions: 3, SucceededActions: finished, RunningActions: 3 - finished } }),
  failed: (id: string) =>
    run({
      id,
      status: "COMPLETED",
      completedOn: at(5),
      stats: { TotalActions: 3, SucceededActions: 2, FailedActions: 1 },
    }),
};
