/** Alerts built from realistic state changes, for the rendering tests. */
import { failureAlert, recoveredAlert, resumeFailedAlert } from "../../src/alerts/build-alert.ts";
import type { AlertSettings } from "../../src/alerts/settings.ts";
import type { RunAlert } from "../../src/alerts/types.ts";
import type { RunStateChangeDetail } from "../../src/events/tracker-events.ts";
import { decide } from "../../src/resume/decide.ts";
import { resumePolicyFromEnv } from "../../src/resume/policy.ts";
import { failedDetail, failedNode, trackedRun } from "../resume/fixtures.ts";

export const settings: AlertSettings = {
  alertOnStopped: false,
  region: "eu-west-1",
  trackerBaseUrl: "https://tracker.example.com",
};

export function failure(
  detail: RunStateChangeDetail = failedDetail(),
  attempts = 0,
  alertSettings: AlertSettings = settings,
): RunAlert {
  const policy = resumePolicyFromEnv({});
  return failureAlert(
    detail,
    decide({ Status: detail.status, FailedNodes: detail.failedNodes }, attempts, policy),
    policy,
    alertSettings,
  );
}

/** A failure of `count` nodes, each with a long error message, so the node list must be cut. */
export function wideFailure(count: number): RunAlert {
  const nodes = Array.from({ length: count }, (_, index) =>
    failedNode({
      NodeId: `job-${index + 1}`,
      Name: `partition_loader_${String(index + 1).padStart(2, "0")}`,
      ErrorMessage: `AnalysisException: Path does not exist: s3://lake/raw/partition=${index + 1}/ ${"x".repeat(120)}`,
    }),
  );
  return failure(failedDetail({ failedNodes: nodes, statistics: { TotalActions: count, FailedActions: count } }));
}

export function recovered(): RunAlert {
  const detail = failedDetail({
    runId: "wr_2",
    previousRunId: "wr_1",
    outcome: "SUCCEEDED",
    failedNodes: [],
    statistics: { TotalActions: 1, SucceededActions: 1 },
  });
  return recoveredAlert(detail, { WorkflowRunId: "wr_1", AutoResume: { Attempts: 1, Decision: "resumed" } }, settings);
}

/** The alert after Glue refused the auto-resume of the failed run wr_1. */
export function resumeFailed(): RunAlert {
  return resumeFailedAlert(
    {
      workflowName: "nightly",
      runId: "wr_1",
      nodeIds: ["job-load"],
      attempt: 1,
      glueError: "EntityNotFoundException: Workflow run wr_1 not found",
    },
    trackedRun(failedDetail(), { AutoResume: { Attempts: 1, Decision: "resumed" } }),
    settings,
  );
}
