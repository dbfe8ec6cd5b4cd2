import { describe, expect, it } from "vitest";
import { createDeliveryLedger } from "../../src/alerts/ledger.ts";
import { type AlertDeps, alertOnResumeFailed, alertOnRunStateChange } from "../../src/alerts/notify.ts";
import type { AlertPublisher } from "../../src/alerts/publishers.ts";
import { isRunAlert, type RunAlert } from "../../src/alerts/types.ts";
import type { RunStateChangeDetail } from "../../src/events/tracker-events.ts";
import { resumePolicyFromEnv } from "../../src/resume/policy.ts";
import { createResumeStore, failedDetail, failedNode, type ResumeStore, trackedRun } from "../resume/fixtures.ts";
import { settings } from "./fixtures.ts";

function recordingPublisher(channel: string, failures = 0): AlertPublisher & { alerts: RunAlert[] } {
  const alerts: RunAlert[] = [];
  let toFail = failures;
  return {
    channel,
    alerts,
    async publish(alert) {
      if (toFail > 0) {
        toFail -= 1;
        throw new Error(`${channel} is down`);
      }
      if (isRunAlert(alert)) alerts.push(alert);
    },
  };
}

function deps(publishers: AlertPublisher[], overrides: Partial<AlertDeps> = {}): AlertDeps {
  return {
    store: createResumeStore(),
    policy: resumePolicyFromEnv({}),
    publishers,
    settings,
    ledger: createDeliveryLedger(),
    ...overrides,
  };
}

/** The run as ingest stores it before it publishes the event, then the event. */
function stateChange(d: AlertDeps, detail: RunStateChangeDetail) {
  const store = d.store as ResumeStore;
  if (!store.runs.has(`${detail.workflowName}/${detail.runId}`)) store.put(trackedRun(detail));
  return alertOnRunStateChange(d, detail);
}

describe("alertOnRunStateChange", () => {
  it("sends one alert per failed transition, however often the event is delivered", async () => {
    // Prepare
    const sns = recordingPublisher("sns");
    const d = deps([sns]);

    // Act
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await stateChange(d, failedDetail()));

    // Assess
    expect(results.map((result) => result.status)).toEqual(["sent", "duplicate", "duplicate"]);
    expect(sns.alerts).toHaveLength(1);
  });

  it("sends once when duplicates are processed at the same time", async () => {
    // Prepare
    const sns = recordingPublisher("sns");
    const d = deps([sns]);

    // Act
    const results = await Promise.all([1, 2, 3].map(() => stateChange(d, failedDetail())));

    // Assess
    expect(results.map((result) => result.status).sort()).toEqual(["duplicate", "duplicate", "sent"]);
    expect(sns.alerts).toHaveLength(1);
  });

  it("shows the same auto-resume decision the resume path takes, lineage included", async () => {
    // Prepare: wr_2 was resumed from wr_1 (attempt 1), and failed again
    const store = createResumeStore([
      trackedRun(failedDetail({ runId: "wr_1" }), {
        AutoResume: { Attempts: 1, Decision: "resumed" },
        ResumedAs: ["wr_2"],
      }),
    ]);
    const sns = recordingPublisher("sns");

    // Act
    await stateChange(deps([sns], { store }), failedDetail({ runId: "wr_2", previousRunId: "wr_1" }));

    // Assess
    expect(sns.alerts[0]?.autoResume).toEqual({
      decision: "resumed",
      reason: "Every failed node (1) failed with a transient error; resume attempt 2 of 2 in 240 s.",
      attempt: 2,
      maxAttempts: 2,
      delaySeconds: 240,
    });
  });

  it("retries only the channel that failed", async () => {
    // Prepare
    const sns = recordingPublisher("sns");
    const slack = recordingPublisher("slack", 1);
    const d = deps([sns, slack]);

    // Act
    const first = stateChange(d, failedDetail());
    await expect(first).rejects.toThrow("Alert not delivered to 1 channel(s) (slack: slack is down)");
    const retry = await stateChange(d, failedDetail());

    // Assess
    expect(retry).toMatchObject({ status: "sent", channels: ["slack"] });
    expect(sns.alerts).toHaveLength(1);
    expect(slack.alerts).toHaveLength(1);
  });

  it("alerts on ERROR runs and, only when configured, on STOPPED runs", async () => {
    // Prepare
    const sns = recordingPublisher("sns");
    const stopped = failedDetail({ runId: "wr_s", status: "STOPPED", outcome: "STOPPED" });

    // Act
    const error = await stateChange(
      deps([sns]),
      failedDetail({
        runId: "wr_e",
        status: "ERROR",
        outcome: "ERROR",
        failedNodes: [],
        errorMessage: "Concurrent runs exceeded",
      }),
    );
    const ignored = await stateChange(deps([sns]), stopped);
    const sent = await stateChange(deps([sns], { settings: { ...settings, alertOnStopped: true } }), stopped);

    // Assess
    expect([error.status, ignored.status, sent.status]).toEqual(["sent", "ignored", "sent"]);
    expect(error.alert?.autoResume?.reason).toBe("Glue resumes only COMPLETED workflow runs; this run ended ERROR.");
  });

  it("sends a recovered message when a run the tracker resumed succeeds, not after a manual resume", async () => {
    // Prepare
    const store = createResumeStore([
      trackedRun(failedDetail({ runId: "wr_auto" }), { AutoResume: { Attempts: 1, Decision: "resumed" } }),
      trackedRun(failedDetail({ runId: "wr_manual", failedNodes: [failedNode({ ErrorMessage: "bad" })] }), {
        AutoResume: { Attempts: 0, Decision: "not transient" },
      }),
    ]);
    const sns = recordingPublisher("sns");
    const succeeded = (runId: string, previousRunId: string) =>
      failedDetail({ runId, previousRunId, outcome: "SUCCEEDED", failedNodes: [] });

    // Act
    const auto = await stateChange(deps([sns], { store }), succeeded("wr_auto_2", "wr_auto"));
    const manual = await stateChange(deps([sns], { store }), succeeded("wr_manual_2", "wr_manual"));
    const plain = await stateChange(
      deps([sns], { store }),
      failedDetail({ runId: "wr_x", outcome: "SUCCEEDED", failedNodes: [] }),
    );

    // Assess
    expect([auto.status, manual.status, plain.status]).toEqual(["sent", "ignored", "ignored"]);
    expect(sns.alerts[0]).toMatchObject({
      kind: "recovered",
      runId: "wr_auto_2",
      recovery: { resumedFromRunId: "wr_auto", attempts: 1 },
    });
  });
});

describe("alertOnRunStateChange with a forged event (issue 12, point 7)", () => {
  it("sends nothing for a run the store holds as SUCCEEDED, or does not hold", async () => {
    // Prepare: the store says wr_ok succeeded; the event says it failed
    const store = createResumeStore([
      trackedRun(failedDetail({ runId: "wr_ok", outcome: "SUCCEEDED", failedNodes: [] })),
    ]);
    const sns = recordingPublisher("sns");

    // Act
    const forged = await alertOnRunStateChange(deps([sns], { store }), failedDetail({ runId: "wr_ok" }));
    const unknown = await alertOnRunStateChange(deps([sns], { store }), failedDetail({ runId: "wr_nowhere" }));

    // Assess
    expect([forged.status, unknown.status]).toEqual(["ignored", "ignored"]);
    expect(sns.alerts).toEqual([]);
  });

  it("says what the store holds, not what the event claims", async () => {
    // Prepare: a real permanent failure; the event claims another node failed transiently
    const stored = failedDetail({ failedNodes: [failedNode({ NodeId: "job-real", ErrorMessage: "Table not found" })] });
    const store = createResumeStore([trackedRun(stored)]);
    const sns = recordingPublisher("sns");
    const forged = failedDetail({ failedNodes: [failedNode({ NodeId: "job-evil", Name: "evil" })] });

    // Act
    await alertOnRunStateChange(deps([sns], { store }), forged);

    // Assess
    expect(sns.alerts[0]?.failedNodes.map((node) => node.NodeId)).toEqual(["job-real"]);
    expect(sns.alerts[0]?.autoResume?.decision).toBe("not transient");
  });
});

describe("alertOnResumeFailed", () => {
  it("sends one alert per refused attempt, with the run's failed nodes and Glue's error", async () => {
    // Prepare
    const store = createResumeStore([trackedRun(failedDetail(), { AutoResume: { Attempts: 1, Decision: "failed" } })]);
    const sns = recordingPublisher("sns");
    const d = deps([sns], { store });
    const detail = {
      workflowName: "nightly",
      runId: "wr_1",
      nodeIds: ["job-load"],
      attempt: 1,
      glueError: "IllegalWorkflowStateException: the run cannot be resumed",
    };

    // Act
    const results = [await alertOnResumeFailed(d, detail), await alertOnResumeFailed(d, detail)];

    // Assess
    expect(results.map((result) => result.status)).toEqual(["sent", "duplicate"]);
    expect(sns.alerts).toHaveLength(1);
    expect(sns.alerts[0]).toMatchObject({
      kind: "resume-failed",
      workflowName: "nightly",
      runId: "wr_1",
      outcome: "FAILED",
      failedNodes: [failedNode()],
      autoResume: { decision: "failed", attempt: 1 },
    });
    expect(sns.alerts[0]?.autoResume?.reason).toContain("IllegalWorkflowStateException: the run cannot be resumed");
  });

  it("sends nothing for an attempt the store does not know of", async () => {
    // Prepare: the run was never claimed for a resume
    const store = createResumeStore([
      trackedRun(failedDetail(), { AutoResume: { Attempts: 0, Decision: "not transient" } }),
    ]);
    const sns = recordingPublisher("sns");
    const detail = { workflowName: "nightly", runId: "wr_1", nodeIds: ["x"], attempt: 1, glueError: "forged text" };

    // Act
    const result = await alertOnResumeFailed(deps([sns], { store }), detail);

    // Assess
    expect(result.status).toBe("ignored");
    expect(sns.alerts).toEqual([]);
  });
});
