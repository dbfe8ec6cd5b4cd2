/**
 * The auto-resume decision: a pure function of the run, its lineage's attempts and
 * the policy. Both the resume function and the alerts function call it on the same
 * event with the same inputs, so the alert states exactly what the resume path did.
 */
import { WorkflowRunStatus } from "@glue-run-tracker/glue-model";
import { type FailedNode, ResumeDecision, type TrackedRun } from "../workflow-run/types.ts";
import { backoffSeconds, type ResumePolicy } from "./policy.ts";

/** What decide() needs of a run: the stored TrackedRun or a state-change event's fields. */
export type ResumeCandidate = Pick<TrackedRun, "Status" | "FailedNodes">;

export type ResumeVerdict =
  | {
      decision: typeof ResumeDecision.Resumed;
      reason: string;
      /** Exactly the failed job/crawler nodes, in the run's order, without duplicates. */
      nodeIds: string[];
      /** This attempt's number in the lineage (1 for the first resume). */
      attempt: number;
      /** Wait before calling ResumeWorkflowRun. */
      delaySeconds: number;
    }
  | {
      /** "failed" is recorded later, by the worker, never decided up front. */
      decision: Exclude<ResumeDecision, typeof ResumeDecision.Resumed | typeof ResumeDecision.Failed>;
      reason: string;
    };

const REASON_ERROR_CHARS = 200;

/**
 * Decides whether a failed run is resumed. Only COMPLETED runs (the only ones Glue
 * can resume) whose every failed node failed with a transient error qualify, while
 * the lineage has attempts left.
 *
 * @example
 * const verdict = decide(
 *   { Status: "COMPLETED", FailedNodes: [{ NodeId: "n1", Type: "JOB", Name: "load", State: "FAILED", ErrorMessage: "ThrottlingException: Rate exceeded" }] },
 *   0,
 *   resumePolicyFromEnv({}),
 * );
 * verdict.decision; // "resumed", with nodeIds ["n1"] and delaySeconds 120
 */
export function decide(run: ResumeCandidate, lineageAttempts: number, policy: ResumePolicy): ResumeVerdict {
  if (!policy.enabled) {
    const reason = policy.disabledReason ?? "Auto-resume is turned off (AUTO_RESUME_ENABLED=false).";
    return { decision: ResumeDecision.Disabled, reason };
  }
  if (run.Status !== WorkflowRunStatus.COMPLETED) {
    return {
      decision: ResumeDecision.NotTransient,
      reason: `Glue resumes only COMPLETED workflow runs; this run ended ${run.Status ?? "without a status"}.`,
    };
  }
  const failed = resumableNodes(run.FailedNodes ?? []);
  if (failed.length === 0) {
    return { decision: ResumeDecision.NotTransient, reason: "No failed job or crawler node to resume." };
  }
  const permanent = failed.filter((node) => !isTransient(node, policy.transientPatterns));
  if (permanent.length > 0) {
    const first = permanent[0] as FailedNode;
    const others = permanent.length > 1 ? ` (and ${permanent.length - 1} more node(s))` : "";
    return {
      decision: ResumeDecision.NotTransient,
      reason: `${first.Name} failed with an error that is not transient${others}: ${quoteError(first)}`,
    };
  }
  if (lineageAttempts >= policy.maxAttempts) {
    return {
      decision: ResumeDecision.Exhausted,
      reason: `All ${policy.maxAttempts} auto-resume attempt(s) of this lineage are used (AUTO_RESUME_MAX_ATTEMPTS=${policy.maxAttempts}).`,
    };
  }
  const attempt = lineageAttempts + 1;
  const delaySeconds = backoffSeconds(policy, lineageAttempts);
  return {
    decision: ResumeDecision.Resumed,
    reason: `Every failed node (${failed.length}) failed with a transient error; resume attempt ${attempt} of ${policy.maxAttempts} in ${delaySeconds} s.`,
    nodeIds: failed.map((node) => node.NodeId),
    attempt,
    delaySeconds,
  };
}

/** Whether one of the patterns matches the node's error message (no message: not transient). */
export function isTransient(node: Pick<FailedNode, "ErrorMessage">, patterns: readonly RegExp[]): boolean {
  const message = node.ErrorMessage;
  if (!message) return false;
  return patterns.some((pattern) => {
    pattern.lastIndex = 0; // a user's pattern with the g flag must not carry state between calls
    return pattern.test(message);
  });
}

/**
 * The node ids a resume of this run restarts: its failed job and crawler nodes, as
 * stored (the resume worker calls Glue with these, never with a message's list).
 *
 * @example
 * resumableNodeIds(storedRun); // ["job-load"]
 */
export function resumableNodeIds(run: ResumeCandidate): string[] {
  return resumableNodes(run.FailedNodes ?? []).map((node) => node.NodeId);
}

function resumableNodes(nodes: readonly FailedNode[]): FailedNode[] {
  const seen = new Set<string>();
  return nodes.filter((node) => {
    if ((node.Type !== "JOB" && node.Type !== "CRAWLER") || !node.NodeId || seen.has(node.NodeId)) return false;
    seen.add(node.NodeId);
    return true;
  });
}

function quoteError(node: FailedNode): string {
  const message = node.ErrorMessage?.replace(/\s+/g, " ").trim();
  if (!message) return `no error message (state ${node.State}).`;
  const cut = message.length > REASON_ERROR_CHARS ? `${message.slice(0, REASON_ERROR_CHARS - 1)}…` : message;
  return `"${cut}"`;
}
