/**
 * The ingest flow's contract (docs/decisions/ingest-straight-flow.md): linking only
 * reads; every write of a batch comes after every message is linked; each read is
 * made once per batch; a record fails alone; one re-check per run per batch.
 */
import { describe, expect, it } from "vitest";
import type { GlueGateway } from "../../src/glue/gateway.ts";
import { createBatchReader } from "../../src/ingest/batch-reader.ts";
import type { IngestDeps } from "../../src/ingest/deps.ts";
import { UnrecognizedMessageError } from "../../src/ingest/errors.ts";
import { ingestBatch } from "../../src/ingest/ingest-batch.ts";
import { linkMessage } from "../../src/ingest/linking.ts";
import type { IngestMessage, RecheckMessage } from "../../src/ingest/messages.ts";
import { createMemoryPublisher } from "../../src/ingest/tracker-publisher.ts";
import type { RunStore } from "../../src/store/run-store.ts";
import type { RunSnapshot } from "../../src/workflow-run/types.ts";
import { createFakeStore } from "./fake-store.ts";
import { recordsOf } from "./queue-records.ts";

const READS = new Set(["workflowsContaining", "listRuns", "getRun", "getRunProperties", "getTimeline", "getWorkflow"]);

function run(runId: string, options: { running?: number; jobRunIds?: string[] } = {}): RunSnapshot {
  const jobRunIds = options.jobRunIds ?? [];
  return {
    Name: "etl",
    WorkflowRunId: runId,
    Status: "RUNNING",
    Statistics: { TotalActions: jobRunIds.length + 1, RunningActions: options.running ?? 1 },
    Graph: {
      Nodes: [{ Type: "JOB", Name: "load", UniqueId: "n1", JobDetails: { JobRuns: jobRunIds.map((Id) => ({ Id })) } }],
    },
  };
}

/**
 * Glue and the store as one log of calls, in the order they happened: Glue calls
 * are logged when they answer (after `delayMs` for GetWorkflowRuns), store calls
 * when they are made.
 */
function setup(options: { jobRuns?: Record<string, unknown>; recent?: RunSnapshot[]; runs?: RunSnapshot[] } = {}) {
  const log: string[] = [];
  const scheduled: { message: RecheckMessage; delaySeconds: number }[] = [];
  const answer = async <T>(call: string, value: T, delayMs = 0): Promise<T> => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    log.push(`glue ${call}`);
    return value;
  };
  const glue = {
    getJobRun: (jobName: string, id: string) => answer(`GetJobRun ${jobName} ${id}`, options.jobRuns?.[id]),
    getTrigger: (name: string) => answer(`GetTrigger ${name}`, undefined),
    getWorkflowRuns: (name: string) => answer(`GetWorkflowRuns ${name}`, { items: options.recent ?? [] }, 20),
    getWorkflowRun: (name: string, runId: string) =>
      answer(
        `GetWorkflowRun ${name} ${runId}`,
        options.runs?.find((r) => r.WorkflowRunId === runId),
      ),
  } as unknown as GlueGateway;
  const fake = createFakeStore();
  fake.workflowsContaining = async (node) => ("jobName" in node && node.jobName === "load" ? ["etl"] : []);
  fake.listRuns = async () => ({ items: [] });
  const store = new Proxy(fake, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      return (...args: unknown[]) => {
        log.push(`store ${property}`);
        return value.apply(target, args);
      };
    },
  }) as typeof fake;
  const deps: IngestDeps = {
    store,
    glue,
    publisher: createMemoryPublisher(),
    rechecks: {
      async schedule(message, delaySeconds) {
        scheduled.push({ message, delaySeconds });
      },
    },
    now: () => new Date("2026-01-01T00:00:00Z"),
  };
  return { deps, log, store: fake, scheduled };
}

const isWrite = (entry: string) => entry.startsWith("store ") && !READS.has(entry.slice("store ".length));
const jobEvent = (jobName: string, jobRunId: string, terminal = true): IngestMessage => ({
  kind: "job",
  jobName,
  jobRunId,
  state: terminal ? "SUCCEEDED" : "RUNNING",
  terminal,
});

describe("the ingest flow", () => {
  it("links without writing: the link step gets a reader over a store that refuses every write", async () => {
    // Prepare
    const { deps, store } = setup({
      jobRuns: { jr_7: { Id: "jr_7", JobRunState: "SUCCEEDED" } },
      recent: [run("wr_2", { jobRunIds: ["jr_9"] })],
    });
    const refusing = new Proxy(deps.store, {
      get(target, property, receiver) {
        if (typeof property === "string" && !READS.has(property)) {
          return () => Promise.reject(new Error(`linking wrote to the store: ${property}`));
        }
        return Reflect.get(target, property, receiver);
      },
    }) as RunStore;
    const reader = createBatchReader({ ...deps, store: refusing });

    // Act
    const links = await Promise.all(
      [
        jobEvent("load", "jr_9"),
        jobEvent("adhoc", "jr_7"),
        { kind: "crawler", crawlerName: "raw", state: "Succeeded", terminal: true } as const,
      ].map((message) => linkMessage(reader, message)),
    );

    // Assess
    expect(links).toEqual([
      { runs: [{ workflowName: "etl", runId: "wr_2" }] },
      { runs: [], standaloneJobRun: { Id: "jr_7", JobRunState: "SUCCEEDED" } },
      { runs: [], unlinked: "The crawler belongs to no tracked workflow" },
    ]);
    expect(store.standalone).toEqual([]);
  });

  it("writes nothing before every message of the batch is linked", async () => {
    // Prepare: the standalone job run is linked at once, the other event waits on GetWorkflowRuns
    const { deps, log, store } = setup({
      jobRuns: { jr_7: { Id: "jr_7", JobRunState: "SUCCEEDED" } },
      recent: [run("wr_2", { jobRunIds: ["jr_9"] })],
    });

    // Act
    const results = await ingestBatch(deps, recordsOf(jobEvent("adhoc", "jr_7"), jobEvent("load", "jr_9")));

    // Assess
    expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
    const lastLinkRead = log.lastIndexOf("glue GetWorkflowRuns etl");
    const firstWrite = log.findIndex(isWrite);
    expect(log.filter(isWrite)).toEqual([
      "store putStandaloneJobRun",
      "store putSnapshot",
      "store recordRunStats",
      "store commitAnnouncement",
    ]);
    expect(firstWrite).toBeGreaterThan(lastLinkRead);
    expect(store.standalone).toHaveLength(1);
  });

  it("reads a job run once per batch and records a standalone job run once, however many of its events came", async () => {
    // Prepare
    const { deps, log, store } = setup({ jobRuns: { jr_7: { Id: "jr_7", JobRunState: "SUCCEEDED" } } });

    // Act
    await ingestBatch(deps, recordsOf(jobEvent("adhoc", "jr_7", false), jobEvent("adhoc", "jr_7")));

    // Assess
    expect(log.filter((entry) => entry.startsWith("glue GetJobRun"))).toEqual(["glue GetJobRun adhoc jr_7"]);
    expect(store.standalone).toEqual([
      { Id: "jr_7", JobName: "adhoc", JobRunState: "SUCCEEDED", ObservedAt: "2026-01-01T00:00:00.000Z" },
    ]);
  });

  it("fails each record alone: a poison body, and every record of a run whose write failed", async () => {
    // Prepare
    const { deps, store } = setup({ runs: [run("wr_1"), run("wr_2")] });
    const putSnapshot = store.putSnapshot;
    store.putSnapshot = async (input) => {
      if (input.run.WorkflowRunId === "wr_1") throw new Error("DynamoDB is unavailable");
      return putSnapshot(input);
    };
    const recheck = (runId: string): IngestMessage => ({ kind: "recheck", workflowName: "etl", runId, attempt: 1 });
    const records = [{ id: "poison", body: "{" }, ...recordsOf(recheck("wr_1"), recheck("wr_2"), recheck("wr_1"))];

    // Act
    const results = await ingestBatch(deps, records);

    // Assess
    const [poison, first, other, second] = results;
    expect(poison?.error).toBeInstanceOf(UnrecognizedMessageError);
    expect(first?.error).toEqual(new Error("DynamoDB is unavailable"));
    expect(second?.error).toBe(first?.error);
    expect(other).toMatchObject({ runs: [{ workflowName: "etl", runId: "wr_2" }], error: undefined });
    expect([...store.runs.keys()]).toEqual(["etl/wr_2"]);
  });

  it("schedules one re-check per run per batch, continuing the re-checks it came with; the event names the run", async () => {
    // Prepare: nothing runs any more, Glue still says RUNNING
    const { deps, scheduled, store } = setup({
      jobRuns: { jr_3: { Id: "jr_3", Arguments: { "--WORKFLOW_NAME": "etl", "--WORKFLOW_RUN_ID": "wr_1" } } },
      runs: [run("wr_1", { running: 0 })],
    });
    const recheck: IngestMessage = { kind: "recheck", workflowName: "etl", runId: "wr_1", attempt: 2 };

    // Act
    await ingestBatch(deps, recordsOf(recheck, jobEvent("other", "jr_3")));

    // Assess
    expect(scheduled).toEqual([
      { message: { kind: "recheck", workflowName: "etl", runId: "wr_1", attempt: 3 }, delaySeconds: 40 },
    ]);
    expect(store.runs.get("etl/wr_1")).toMatchObject({ ObservedVia: "event" });
  });

  it("names the deps' account on the re-checks it schedules, so they come back to that account", async () => {
    // Prepare: a member account's deps (docs/decisions/accounts-flows.md)
    const { deps, scheduled } = setup({ runs: [run("wr_1", { running: 0 })] });
    const member = { ...deps, account: { accountId: "222222222222", region: "eu-west-1" } };
    const recheck: IngestMessage = { kind: "recheck", workflowName: "etl", runId: "wr_1", attempt: 1 };

    // Act
    await ingestBatch(member, recordsOf(recheck));

    // Assess
    expect(scheduled.map((s) => s.message)).toEqual([
      {
        kind: "recheck",
        workflowName: "etl",
        runId: "wr_1",
        attempt: 2,
        accountId: "222222222222",
        region: "eu-west-1",
      },
    ]);
  });
});
