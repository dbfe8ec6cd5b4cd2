/** A workflow whose settings say AutoResume false is never auto-resumed. */
import { describe, expect, it } from "vitest";
import { decide } from "../../src/resume/decide.ts";
import { onFailedRun } from "../../src/resume/on-failed-run.ts";
import { resumePolicyFromEnv, workflowPolicy } from "../../src/resume/policy.ts";
import type { ResumeQueue, ResumeRequest } from "../../src/resume/resume-queue.ts";
import { createResumeStore, failedDetail, trackedRun } from "./fixtures.ts";

function recordingQueue(): ResumeQueue & { sent: ResumeRequest[] } {
  const sent: ResumeRequest[] = [];
  return { sent, send: async (request) => void sent.push(request) };
}

describe("workflowPolicy", () => {
  const policy = resumePolicyFromEnv({});

  it("keeps the global policy unless the workflow's settings say AutoResume false", () => {
    expect(workflowPolicy(policy, {})).toBe(policy);
    expect(workflowPolicy(policy, { autoResume: true })).toBe(policy);
    expect(workflowPolicy(policy, { autoResume: false })).toMatchObject({ enabled: false });
  });

  it("never turns on what AUTO_RESUME_ENABLED turned off, and keeps that reason", () => {
    const off = resumePolicyFromEnv({ AUTO_RESUME_ENABLED: "false" });
    const verdict = decide(trackedRun(failedDetail()), 0, workflowPolicy(off, { autoResume: true }));
    expect(verdict).toEqual({ decision: "disabled", reason: "Auto-resume is turned off (AUTO_RESUME_ENABLED=false)." });
  });
});

describe("onFailedRun with the workflow's settings", () => {
  it("records 'disabled' for a transient failure and schedules nothing when AutoResume is false", async () => {
    // Prepare
    const detail = failedDetail();
    const store = Object.assign(createResumeStore([trackedRun(detail)]), {
      getWorkflowSettings: async () => ({ autoResume: false }),
    });
    const queue = recordingQueue();
    // Act
    const outcome = await onFailedRun({ store, queue, policy: resumePolicyFromEnv({}) }, detail);
    // Assess
    expect(outcome.verdict?.decision).toBe("disabled");
    expect(store.runs.get("nightly/wr_1")?.AutoResume).toMatchObject({
      Decision: "disabled",
      Reason: "Auto-resume is turned off for this workflow (its settings' AutoResume is false).",
    });
    expect(queue.sent).toEqual([]);
  });

  it("resumes as before when the settings leave AutoResume unset", async () => {
    const detail = failedDetail();
    const store = Object.assign(createResumeStore([trackedRun(detail)]), { getWorkflowSettings: async () => ({}) });
    const queue = recordingQueue();
    const outcome = await onFailedRun({ store, queue, policy: resumePolicyFromEnv({}) }, detail);
    expect(outcome.verdict?.decision).toBe("resumed");
    expect(queue.sent).toHaveLength(1);
  });
});
