import { describe, expect, it } from "vitest";
import { onFailedRun } from "../../src/resume/on-failed-run.ts";
import { resumePolicyFromEnv } from "../../src/resume/policy.ts";
import type { ResumeQueue, ResumeRequest } from "../../src/resume/resume-queue.ts";
import { createResumeStore, failedDetail, failedNode, trackedRun } from "./fixtures.ts";

const NOW = new Date("2026-01-01T00:15:00.000Z");

function recordingQueue(): ResumeQueue & { sent: { request: ResumeRequest; delaySeconds: number }[] } {
  const sent: { request: ResumeRequest; delaySeconds: number }[] = [];
  return {
    sent,
    async send(request, delaySeconds) {
      sent.push({ request, delaySeconds });
    },
  };
}

describe("onFailedRun", () => {
  it("claims a transient failure and schedules the attempt after the backoff", async () => {
    // Prepare
    const detail = failedDetail();
    const store = createResumeStore([trackedRun(detail)]);
    const queue = recordingQueue();

    // Act
    const outcome = await onFailedRun({ store, queue, policy: resumePolicyFromEnv({}), now: () => NOW }, detail);

    // Assess
    expect(outcome.result).toBe("decided");
    expect(store.runs.get("nightly/wr_1")?.AutoResume).toEqual({
      Attempts: 1,
      LastAttemptAt: NOW.toISOString(),
      Decision: "resumed",
      Reason: "Every failed node (1) failed with a transient error; resume attempt 1 of 2 in 120 s.",
    });
    expect(queue.sent).toEqual([
      {
        delaySeconds: 120,
        request: {
          kind: "resume",
          workflowName: "nightly",
          runId: "wr_1",
          nodeIds: ["job-load"],
          attempt: 1,
          claimedAt: NOW.toISOString(),
          notBefore: "2026-01-01T00:17:00.000Z",
        },
      },
    ]);
  });

  it("handles the same failure event three times with one claim and one scheduled attempt", async () => {
    // Prepare
    const detail = failedDetail();
    const store = createResumeStore([trackedRun(detail)]);
    const queue = recordingQueue();
    const deps = { store, queue, policy: resumePolicyFromEnv({}), now: () => NOW };

    // Act
    const results = [await onFailedRun(deps, detail), await onFailedRun(deps, detail), await onFailedRun(deps, detail)];

    // Assess
    expect(results.map((result) => result.result)).toEqual(["decided", "already-decided", "already-decided"]);
    expect(store.claims).toBe(1);
    expect(queue.sent).toHaveLength(1);
  });

  it("stores a not-transient decision without scheduling anything", async () => {
    // Prepare
    const detail = failedDetail({ failedNodes: [failedNode({ ErrorMessage: "Table not found" })] });
    const store = createResumeStore([trackedRun(detail)]);
    const queue = recordingQueue();

    // Act
    const outcome = await onFailedRun({ store, queue, policy: resumePolicyFromEnv({}) }, detail);

    // Assess
    expect(outcome.verdict?.decision).toBe("not transient");
    expect(store.runs.get("nightly/wr_1")?.AutoResume).toMatchObject({ Attempts: 0, Decision: "not transient" });
    expect(queue.sent).toEqual([]);
  });

  it("counts the lineage's attempts through PreviousRunId and stops at the limit", async () => {
    // Prepare: wr_1 → wr_2 (attempt 1) → wr_3 (attempt 2) → wr_4 fails again
    const policy = resumePolicyFromEnv({});
    const store = createResumeStore([
      trackedRun(failedDetail({ runId: "wr_2", previousRunId: "wr_1" }), {
        AutoResume: { Attempts: 1, Decision: "resumed" },
        ResumedAs: ["wr_3"],
      }),
      trackedRun(failedDetail({ runId: "wr_3", previousRunId: "wr_2" }), {
        AutoResume: { Attempts: 2, Decision: "resumed" },
        ResumedAs: ["wr_4"],
      }),
    ]);
    const detail = failedDetail({ runId: "wr_4", previousRunId: "wr_3" });
    store.put(trackedRun(detail));
    const queue = recordingQueue();

    // Act
    const outcome = await onFailedRun({ store, queue, policy }, detail);

    // Assess
    expect(outcome.verdict?.decision).toBe("exhausted");
    expect(store.runs.get("nightly/wr_4")?.AutoResume).toMatchObject({ Attempts: 2, Decision: "exhausted" });
    expect(queue.sent).toEqual([]);
  });

  it("leaves no claim behind when the message cannot be sent (the event is retried)", async () => {
    // Prepare
    const detail = failedDetail();
    const store = createResumeStore([trackedRun(detail)]);
    const failing: ResumeQueue = {
      async send() {
        throw new Error("SQS unavailable");
      },
    };
    const queue = recordingQueue();

    // Act
    const first = onFailedRun({ store, queue: failing, policy: resumePolicyFromEnv({}) }, detail);
    await expect(first).rejects.toThrow("SQS unavailable");
    const retry = await onFailedRun({ store, queue, policy: resumePolicyFromEnv({}) }, detail);

    // Assess
    expect(retry.result).toBe("decided");
    expect(queue.sent).toHaveLength(1);
    expect(store.claims).toBe(1);
  });

  it("decides on the stored failed nodes, not a forged event's node ids (issue 12, point 7)", async () => {
    // Prepare: the run failed for good; a forged event claims another node failed transiently
    const stored = failedDetail({ failedNodes: [failedNode({ NodeId: "job-real", ErrorMessage: "Table not found" })] });
    const store = createResumeStore([trackedRun(stored)]);
    const queue = recordingQueue();
    const forged = failedDetail({ failedNodes: [failedNode({ NodeId: "job-evil" })] });

    // Act
    const outcome = await onFailedRun({ store, queue, policy: resumePolicyFromEnv({}) }, forged);

    // Assess
    expect(outcome.verdict?.decision).toBe("not transient");
    expect(queue.sent).toEqual([]);
  });

  it("resumes nothing for a run the store does not hold as FAILED", async () => {
    // Prepare: wr_ok succeeded; the forged event says it failed transiently. wr_gone is not stored.
    const store = createResumeStore([
      trackedRun(failedDetail({ runId: "wr_ok", outcome: "SUCCEEDED", failedNodes: [] })),
    ]);
    const queue = recordingQueue();
    const deps = { store, queue, policy: resumePolicyFromEnv({}) };

    // Act
    const results = [
      await onFailedRun(deps, failedDetail({ runId: "wr_ok" })),
      await onFailedRun(deps, failedDetail({ runId: "wr_gone" })),
    ];

    // Assess
    expect(results).toEqual([{ result: "not-failed" }, { result: "not-failed" }]);
    expect(store.runs.get("nightly/wr_ok")?.AutoResume).toBeUndefined();
    expect(store.claims).toBe(0);
    expect(queue.sent).toEqual([]);
  });
});
