/**
 * One batch: coalescing (one Glue read per run however many events), re-checks of
 * runs Glue has not closed yet, and their backoff.
 */
import { describe, expect, it } from "vitest";
import type { GlueGateway } from "../../src/glue/gateway.ts";
import type { IngestDeps } from "../../src/ingest/deps.ts";
import { type IngestedRecord, ingestBatch } from "../../src/ingest/ingest-batch.ts";
import type { IngestMessage, RecheckMessage } from "../../src/ingest/messages.ts";
import { createMemoryPublisher } from "../../src/ingest/tracker-publisher.ts";
import type { RunSnapshot } from "../../src/workflow-run/types.ts";
import { createFakeStore } from "./fake-store.ts";
import { recordsOf } from "./queue-records.ts";

const jobRun = (id: string, state: "SUCCEEDED" | "RUNNING") => ({ Id: id, JobRunState: state });

function run(status: string, running: number, jobRuns = [jobRun("jr_1", "SUCCEEDED")]): RunSnapshot {
  return {
    Name: "etl",
    WorkflowRunId: "wr_1",
    Status: status as RunSnapshot["Status"],
    Statistics: { TotalActions: jobRuns.length, RunningActions: running, SucceededActions: jobRuns.length - running },
    Graph: { Nodes: [{ Type: "JOB", Name: "load", UniqueId: "n1", JobDetails: { JobRuns: jobRuns } }] },
  };
}

function setup(answer: () => RunSnapshot) {
  const calls: string[] = [];
  const scheduled: { message: RecheckMessage; delaySeconds: number }[] = [];
  const glue = {
    async getWorkflowRuns(name: string) {
      calls.push(`GetWorkflowRuns ${name}`);
      return { items: [answer()] };
    },
    async getWorkflowRun(name: string, runId: string) {
      calls.push(`GetWorkflowRun ${name} ${runId}`);
      return answer();
    },
  } as unknown as GlueGateway;
  const store = createFakeStore();
  store.workflowsContaining = async () => ["etl"];
  store.listRuns = async () => ({ items: [] });
  const deps: IngestDeps = {
    store,
    glue,
    publisher: createMemoryPublisher(),
    rechecks: {
      async schedule(message, delaySeconds) {
        scheduled.push({ message, delaySeconds });
      },
    },
    recheckPolicy: { baseDelaySeconds: 10, maxDelaySeconds: 900, maxAttempts: 3 },
  };
  return { deps, calls, scheduled, store };
}

/** Ingests one batch of these messages; every record must be ingested. */
async function ingest(deps: IngestDeps, ...messages: IngestMessage[]): Promise<IngestedRecord[]> {
  const results = await ingestBatch(deps, recordsOf(...messages));
  for (const result of results) expect(result.error).toBeUndefined();
  return results;
}

const jobEvent = (jobRunId: string) =>
  ({ kind: "job", jobName: "load", jobRunId, state: "SUCCEEDED", terminal: true }) as const;

describe("an ingest batch", () => {
  it("reads a run once for all of the batch's events about it", async () => {
    // Prepare
    const jobRuns = [jobRun("jr_1", "SUCCEEDED"), jobRun("jr_2", "SUCCEEDED"), jobRun("jr_3", "RUNNING")];
    const { deps, calls, store } = setup(() => run("RUNNING", 1, jobRuns));

    // Act
    const handled = await ingest(deps, jobEvent("jr_1"), jobEvent("jr_2"));

    // Assess
    expect(handled.map((h) => h.runs)).toEqual([
      [{ workflowName: "etl", runId: "wr_1" }],
      [{ workflowName: "etl", runId: "wr_1" }],
    ]);
    expect(calls).toEqual(["GetWorkflowRuns etl"]);
    expect(store.runs.size).toBe(1);
  });

  it("schedules a delayed re-check when the last action ended but Glue still says RUNNING", async () => {
    // Prepare
    const { deps, scheduled } = setup(() => run("RUNNING", 0));

    // Act
    await ingest(deps, jobEvent("jr_1"));

    // Assess
    expect(scheduled).toEqual([
      { message: { kind: "recheck", workflowName: "etl", runId: "wr_1", attempt: 1 }, delaySeconds: 10 },
    ]);
  });

  it("backs off on each re-check until the run is terminal, then stops", async () => {
    // Prepare
    let status = "RUNNING";
    const { deps, scheduled, store } = setup(() => run(status, 0));
    const recheck = (attempt: number) => ({ kind: "recheck", workflowName: "etl", runId: "wr_1", attempt }) as const;

    // Act
    await ingest(deps, recheck(1));
    status = "COMPLETED";
    await ingest(deps, recheck(2));

    // Assess
    expect(scheduled).toEqual([{ message: recheck(2), delaySeconds: 20 }]);
    expect(store.runs.get("etl/wr_1")).toMatchObject({ Status: "COMPLETED", ObservedVia: "recheck" });
  });

  it("leaves a run to the reconciler after the policy's last re-check", async () => {
    // Prepare
    const { deps, scheduled } = setup(() => run("RUNNING", 0));

    // Act
    await ingest(deps, { kind: "recheck", workflowName: "etl", runId: "wr_1", attempt: 3 });

    // Assess
    expect(scheduled).toEqual([]);
  });

  it("needs no re-check while actions still run: their own events will come", async () => {
    // Prepare
    const { deps, scheduled } = setup(() =>
      run("RUNNING", 1, [jobRun("jr_1", "SUCCEEDED"), jobRun("jr_2", "RUNNING")]),
    );

    // Act
    await ingest(deps, jobEvent("jr_1"));

    // Assess
    expect(scheduled).toEqual([]);
  });
});
