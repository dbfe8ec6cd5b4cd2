import { describe, expect, it } from "vitest";
import type { GlueFor } from "../../src/glue/gateway.ts";
import { createMemoryPublisher } from "../../src/ingest/tracker-publisher.ts";
import type { ResumeQueue, ResumeRequest } from "../../src/resume/resume-queue.ts";
import { createRunLocks } from "../../src/resume/run-locks.ts";
import { performResume, type ResumeWorkerDeps } from "../../src/resume/worker.ts";
import type { RunSnapshot } from "../../src/workflow-run/types.ts";
import { createResumeStore, failedDetail, trackedRun } from "./fixtures.ts";

const CLAIMED_AT = "2026-01-01T00:15:00.000Z";
const request: ResumeRequest = {
  kind: "resume",
  workflowName: "nightly",
  runId: "wr_1",
  nodeIds: ["job-load"],
  attempt: 1,
  claimedAt: CLAIMED_AT,
  notBefore: "2026-01-01T00:17:00.000Z",
};

function claimedStore() {
  return createResumeStore([
    trackedRun(failedDetail(), {
      AutoResume: { Attempts: 1, LastAttemptAt: CLAIMED_AT, Decision: "resumed", Reason: "Transient." },
    }),
  ]);
}

function fakeGlue(options: { fail?: Error } = {}): GlueFor<"resumeWorker"> & { resumes: unknown[] } {
  const resumes: unknown[] = [];
  return {
    resumes,
    async resumeWorkflowRun(name, runId, nodeIds) {
      if (options.fail) throw options.fail;
      resumes.push({ Name: name, RunId: runId, NodeIds: nodeIds });
      return { runId: `wr_resumed_${resumes.length}`, nodeIds };
    },
    async getWorkflowRun(name, runId): Promise<RunSnapshot> {
      return { Name: name, WorkflowRunId: runId, PreviousRunId: "wr_1", Status: "RUNNING" };
    },
  };
}

function deps(overrides: Partial<Omit<ResumeWorkerDeps, "store">> = {}) {
  const recorded: RunSnapshot[] = [];
  const requeued: { request: ResumeRequest; delaySeconds: number }[] = [];
  const queue: ResumeQueue = {
    async send(req, delaySeconds) {
      requeued.push({ request: req, delaySeconds });
    },
  };
  const store = claimedStore();
  const base = {
    glue: fakeGlue(),
    publisher: createMemoryPublisher(),
    recordRun: async (snapshot: RunSnapshot) => {
      recorded.push(snapshot);
    },
    queue,
    now: () => new Date("2026-01-01T00:17:00.500Z"),
  };
  return { ...base, ...overrides, store, recorded, requeued };
}

function glueError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });
}

describe("performResume", () => {
  it("asks Glue for the stored failed nodes, whatever node ids the message lists (issue 12, point 7)", async () => {
    // Prepare
    const d = deps();

    // Act
    const outcome = await performResume(d, { ...request, nodeIds: ["job-evil", "trigger-x"] });

    // Assess
    expect(outcome.result).toBe("resumed");
    expect((d.glue as ReturnType<typeof fakeGlue>).resumes).toEqual([
      { Name: "nightly", RunId: "wr_1", NodeIds: ["job-load"] },
    ]);
  });

  it("resumes nothing when the stored run is no longer a failed, completed run", async () => {
    // Prepare: the claim matches, but the stored run succeeded (e.g. resumed by hand meanwhile)
    const d = deps();
    const run = d.store.runs.get("nightly/wr_1");
    d.store.put({ ...(run as NonNullable<typeof run>), Outcome: "SUCCEEDED", FailedNodes: [] });

    // Act
    const outcome = await performResume(d, request);

    // Assess
    expect(outcome.result).toBe("stale");
    expect((d.glue as ReturnType<typeof fakeGlue>).resumes).toEqual([]);
  });

  it("resumes exactly the claimed nodes, links the lineage, announces it and records the new run", async () => {
    // Prepare
    const d = deps();

    // Act
    const outcome = await performResume(d, request);

    // Assess
    expect(outcome).toEqual({ result: "resumed", resumedRunId: "wr_resumed_1", followUpErrors: [] });
    expect((d.glue as ReturnType<typeof fakeGlue>).resumes).toEqual([
      { Name: "nightly", RunId: "wr_1", NodeIds: ["job-load"] },
    ]);
    const stored = d.store.runs.get("nightly/wr_1");
    expect(stored?.ResumedAs).toEqual(["wr_resumed_1"]);
    expect(stored?.AutoResume).toEqual({
      Attempts: 1,
      LastAttemptAt: CLAIMED_AT,
      Decision: "resumed",
      Reason: "Transient. Resumed as wr_resumed_1 (nodes job-load).",
    });
    const published = (d.publisher as ReturnType<typeof createMemoryPublisher>).entries;
    expect(published.map((entry) => entry.DetailType)).toEqual(["Glue Workflow Run Resumed"]);
    expect(JSON.parse(published[0]?.Detail ?? "{}")).toMatchObject({
      workflowName: "nightly",
      runId: "wr_1",
      resumedRunId: "wr_resumed_1",
      nodeIds: ["job-load"],
    });
    expect(d.recorded.map((run) => run.WorkflowRunId)).toEqual(["wr_resumed_1"]);
  });

  it("does nothing for a duplicate delivery once the run was resumed", async () => {
    // Prepare
    const d = deps();
    await performResume(d, request);

    // Act
    const again = await performResume(d, request);

    // Assess
    expect(again.result).toBe("already-resumed");
    expect((d.glue as ReturnType<typeof fakeGlue>).resumes).toHaveLength(1);
  });

  it("resumes once when the same message is delivered twice at the same time", async () => {
    // Prepare
    const d = deps({ locks: createRunLocks() });

    // Act
    const outcomes = await Promise.all([performResume(d, request), performResume(d, request)]);

    // Assess
    expect(outcomes.map((outcome) => outcome.result)).toEqual(["resumed", "already-resumed"]);
    expect((d.glue as ReturnType<typeof fakeGlue>).resumes).toHaveLength(1);
  });

  it("resumes once when two processes (no shared lock) get the same message at the same time", async () => {
    // Prepare
    const d = deps();

    // Act
    const outcomes = await Promise.all([performResume(d, request), performResume(d, request)]);

    // Assess
    expect(outcomes.map((outcome) => outcome.result).sort()).toEqual(["in-progress", "resumed"]);
    expect((d.glue as ReturnType<typeof fakeGlue>).resumes).toHaveLength(1);
  });

  it("waits out the lease of a worker that died mid-attempt, then resumes", async () => {
    // Prepare: a lease taken 10 s before "now", held for the default 60 s
    const d = deps();
    d.store.leases.set("nightly/wr_1", { until: "2026-01-01T00:17:50.500Z", owner: "a dead worker" });
    const later = { ...d, now: () => new Date("2026-01-01T00:17:50.500Z") };

    // Act
    const whileHeld = await performResume(d, request);
    const afterExpiry = await performResume(later, request);

    // Assess
    expect([whileHeld.result, afterExpiry.result]).toEqual(["in-progress", "resumed"]);
    expect((d.glue as ReturnType<typeof fakeGlue>).resumes).toHaveLength(1);
  });

  it("waits for a claim not stored yet (the message is sent first), then resumes", async () => {
    // Prepare: the decision's message arrives before the decision is stored
    const d = deps({ now: () => new Date("2026-01-01T00:15:01.000Z") });
    const run = d.store.runs.get("nightly/wr_1");
    d.store.put({ ...(run as NonNullable<typeof run>), AutoResume: undefined });
    const early = { ...request, notBefore: "2026-01-01T00:15:00.000Z" };

    // Act
    const first = await performResume(d, early);
    d.store.put(run as NonNullable<typeof run>); // the claim is written
    const second = await performResume(d, early);

    // Assess
    expect(first.result).toBe("awaiting-claim");
    expect(d.requeued).toEqual([{ request: early, delaySeconds: 2 }]);
    expect(second.result).toBe("resumed");
  });

  it("drops a message whose claim never came, once its claimer's time is up", async () => {
    // Prepare
    const d = deps({ now: () => new Date("2026-01-01T00:16:00.000Z") });
    const run = d.store.runs.get("nightly/wr_1");
    d.store.put({ ...(run as NonNullable<typeof run>), AutoResume: undefined });

    // Act
    const outcome = await performResume(d, request);

    // Assess
    expect(outcome.result).toBe("stale");
    expect(d.requeued).toEqual([]);
  });

  it("drops a message whose claim it does not carry", async () => {
    // Prepare
    const d = deps();

    // Act
    const outcome = await performResume(d, { ...request, claimedAt: "2026-01-01T00:15:00.001Z" });

    // Assess
    expect(outcome.result).toBe("stale");
    expect((d.glue as ReturnType<typeof fakeGlue>).resumes).toHaveLength(0);
  });

  it("sends an early message back for the rest of its wait", async () => {
    // Prepare
    const d = deps({ now: () => new Date("2026-01-01T00:10:00.000Z") });

    // Act
    const outcome = await performResume(d, request);

    // Assess
    expect(outcome.result).toBe("requeued");
    expect(d.requeued).toEqual([{ request, delaySeconds: 420 }]);
  });

  it("throws on throttling so the queue retries the message", async () => {
    // Prepare
    const d = deps({ glue: fakeGlue({ fail: glueError("ThrottlingException", 400) }) });

    // Act
    const attempt = performResume(d, request);

    // Assess
    await expect(attempt).rejects.toThrow("ThrottlingException happened");
    expect(d.store.runs.get("nightly/wr_1")?.ResumedAs).toBeUndefined();
  });

  it("gives the lease back on throttling, so the retried message resumes at once", async () => {
    // Prepare
    const d = deps({ glue: fakeGlue({ fail: glueError("ThrottlingException", 400) }) });
    await performResume(d, request).catch(() => undefined);
    const retry = { ...d, glue: fakeGlue() };

    // Act
    const outcome = await performResume(retry, request);

    // Assess
    expect(outcome.result).toBe("resumed");
    expect(d.store.leases.size).toBe(0);
  });

  it("records Glue's refusal on the run instead of retrying forever", async () => {
    // Prepare
    const d = deps({ glue: fakeGlue({ fail: glueError("IllegalWorkflowStateException", 400) }) });

    // Act
    const outcome = await performResume(d, request);

    // Assess
    expect(outcome.result).toBe("refused");
    expect(d.store.runs.get("nightly/wr_1")?.AutoResume).toEqual({
      Attempts: 1,
      LastAttemptAt: CLAIMED_AT,
      Decision: "failed",
      Reason:
        "Resume attempt 1 failed: Glue refused ResumeWorkflowRun (IllegalWorkflowStateException: IllegalWorkflowStateException happened).",
    });
    expect(await performResume(d, request)).toMatchObject({ result: "stale" });
    const published = (d.publisher as ReturnType<typeof createMemoryPublisher>).entries;
    expect(published.map((entry) => entry.DetailType)).toEqual(["Glue Workflow Run Resume Failed"]);
    expect(JSON.parse(published[0]?.Detail ?? "{}")).toEqual({
      workflowName: "nightly",
      runId: "wr_1",
      nodeIds: ["job-load"],
      attempt: 1,
      glueError: "IllegalWorkflowStateException: IllegalWorkflowStateException happened",
    });
  });

  it("retries a refusal it could not announce, so the refusal is never silent", async () => {
    // Prepare
    const refusing = fakeGlue({ fail: glueError("EntityNotFoundException", 400) });
    const down = {
      async publish() {
        throw new Error("EventBridge unavailable");
      },
    };
    const d = deps({ glue: refusing, publisher: down });

    // Act
    const first = performResume(d, request);
    await expect(first).rejects.toThrow("EventBridge unavailable");
    const decisionAfterFirst = d.store.runs.get("nightly/wr_1")?.AutoResume?.Decision;
    const retry = await performResume({ ...d, publisher: createMemoryPublisher() }, request);

    // Assess
    expect(decisionAfterFirst).toBe("resumed");
    expect(d.store.leases.size).toBe(0);
    expect(retry.result).toBe("refused");
    expect(d.store.runs.get("nightly/wr_1")?.AutoResume?.Decision).toBe("failed");
  });

  it("reports a failed follow-up step without throwing (a retry would resume twice)", async () => {
    // Prepare
    const d = deps({
      recordRun: async () => {
        throw new Error("DynamoDB unavailable");
      },
    });

    // Act
    const outcome = await performResume(d, request);

    // Assess
    expect(outcome.result).toBe("resumed");
    expect(outcome.followUpErrors.map((failure) => failure.step)).toEqual(["recordResumedRun"]);
  });
});
