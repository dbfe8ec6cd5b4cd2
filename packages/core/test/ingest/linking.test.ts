/**
 * Linking's fallbacks, with Glue and the store faked: the node index (no extra
 * call), GetJobRun's workflow arguments, TriggerName → GetTrigger, standalone
 * (linking decides, the batch's record step writes).
 */
import { describe, expect, it } from "vitest";
import type { GlueGateway } from "../../src/glue/gateway.ts";
import { createBatchReader } from "../../src/ingest/batch-reader.ts";
import { type IngestDeps, JobRunLinks } from "../../src/ingest/deps.ts";
import { ingestBatch } from "../../src/ingest/ingest-batch.ts";
import { linkJobRun } from "../../src/ingest/linking.ts";
import { createMemoryPublisher } from "../../src/ingest/tracker-publisher.ts";
import type { RunSnapshot } from "../../src/workflow-run/types.ts";
import { createFakeStore } from "./fake-store.ts";
import { recordsOf } from "./queue-records.ts";

function runHolding(workflowName: string, runId: string, jobName: string, jobRunId: string): RunSnapshot {
  return {
    Name: workflowName,
    WorkflowRunId: runId,
    Status: "RUNNING",
    Graph: { Nodes: [{ Type: "JOB", Name: jobName, UniqueId: "n1", JobDetails: { JobRuns: [{ Id: jobRunId }] } }] },
  };
}

function fakeGlue(answers: Partial<Record<"jobRun" | "trigger" | "recent", unknown>>) {
  const calls: string[] = [];
  const glue = {
    async getJobRun(jobName: string, runId: string) {
      calls.push(`GetJobRun ${jobName} ${runId}`);
      return answers.jobRun;
    },
    async getTrigger(name: string) {
      calls.push(`GetTrigger ${name}`);
      return answers.trigger;
    },
    async getWorkflowRuns(name: string) {
      calls.push(`GetWorkflowRuns ${name}`);
      return { items: (answers.recent as RunSnapshot[] | undefined) ?? [] };
    },
    async getWorkflowRun(name: string, runId: string) {
      calls.push(`GetWorkflowRun ${name} ${runId}`);
      return undefined;
    },
  } as unknown as GlueGateway;
  return { glue, calls };
}

function context(glue: GlueGateway, containing: string[] = []) {
  const store = createFakeStore();
  store.workflowsContaining = async () => containing;
  store.listRuns = async () => ({ items: [] });
  const deps: IngestDeps = {
    store,
    glue,
    publisher: createMemoryPublisher(),
    rechecks: { schedule: async () => {} },
    links: new JobRunLinks(),
    now: () => new Date("2026-01-01T00:00:00Z"),
  };
  return { reader: createBatchReader(deps), store, deps };
}

describe("linking a job run to its workflow run", () => {
  it("uses the node index and the workflow's newest runs: no call beyond the snapshot read", async () => {
    // Prepare
    const { glue, calls } = fakeGlue({ recent: [runHolding("etl", "wr_2", "load", "jr_9")] });
    const { reader } = context(glue, ["etl"]);

    // Act
    const link = await linkJobRun(reader, "load", "jr_9");

    // Assess
    expect(link.runs).toEqual([{ workflowName: "etl", runId: "wr_2" }]);
    expect(calls).toEqual(["GetWorkflowRuns etl"]);
  });

  it("reads --WORKFLOW_NAME / --WORKFLOW_RUN_ID from GetJobRun when the index does not know the job, and remembers it", async () => {
    // Prepare
    const { glue, calls } = fakeGlue({
      jobRun: { Id: "jr_1", Arguments: { "--WORKFLOW_NAME": "etl", "--WORKFLOW_RUN_ID": "wr_1" } },
    });
    const { deps } = context(glue);
    const event = { kind: "job", jobName: "load", jobRunId: "jr_1", state: "SUCCEEDED", terminal: true } as const;

    // Act: two batches
    const [first] = await ingestBatch(deps, recordsOf(event));
    const [again] = await ingestBatch(deps, recordsOf(event));

    // Assess
    expect(first?.runs).toEqual([{ workflowName: "etl", runId: "wr_1" }]);
    expect(again?.runs).toEqual(first?.runs);
    expect(calls.filter((call) => call.startsWith("GetJobRun"))).toEqual(["GetJobRun load jr_1"]);
  });

  it("falls back to TriggerName → GetTrigger → the workflow's run holding the job run", async () => {
    // Prepare
    const { glue, calls } = fakeGlue({
      jobRun: { Id: "jr_5", TriggerName: "etl-step-1" },
      trigger: { Name: "etl-step-1", WorkflowName: "etl" },
      recent: [runHolding("etl", "wr_old", "load", "jr_4"), runHolding("etl", "wr_new", "load", "jr_5")],
    });
    const { reader } = context(glue);

    // Act
    const link = await linkJobRun(reader, "load", "jr_5");

    // Assess
    expect(link.runs).toEqual([{ workflowName: "etl", runId: "wr_new" }]);
    expect(calls).toEqual(["GetJobRun load jr_5", "GetTrigger etl-step-1", "GetWorkflowRuns etl"]);
  });

  it("records a job run that belongs to no workflow as a standalone job run", async () => {
    // Prepare
    const { glue } = fakeGlue({ jobRun: { Id: "jr_7", JobName: "adhoc", JobRunState: "SUCCEEDED" } });
    const { deps, store } = context(glue);
    const event = { kind: "job", jobName: "adhoc", jobRunId: "jr_7", state: "SUCCEEDED", terminal: true } as const;

    // Act
    const [result] = await ingestBatch(deps, recordsOf(event));

    // Assess
    expect(result).toMatchObject({ runs: [], error: undefined });
    expect(store.standalone).toEqual([
      { Id: "jr_7", JobName: "adhoc", JobRunState: "SUCCEEDED", ObservedAt: "2026-01-01T00:00:00.000Z" },
    ]);
  });

  it("drops a job run Glue no longer knows", async () => {
    // Prepare
    const { glue } = fakeGlue({});
    const { reader, store } = context(glue);

    // Act
    const link = await linkJobRun(reader, "gone", "jr_0");

    // Assess
    expect(link).toEqual({ runs: [], unlinked: "Glue no longer knows the job run" });
    expect(store.standalone).toEqual([]);
  });
});
