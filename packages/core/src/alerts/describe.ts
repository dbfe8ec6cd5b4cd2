/** Wording shared by the Slack and SNS renderings. */

import { describeAccount } from "../accounts/account.ts";
import { ResumeDecision, type RunSnapshot } from "../workflow-run/types.ts";
import type { AlertAccount, AlertResumeDecision } from "./types.ts";

/**
 * The auto-resume decision in a few words.
 *
 * @example
 * describeDecision({ decision: "resumed", reason: "…", attempt: 1, maxAttempts: 2, delaySeconds: 120 });
 * // "resuming (attempt 1 of 2, in 120 s)"
 */
export function describeDecision(decision: AlertResumeDecision): string {
  switch (decision.decision) {
    case ResumeDecision.Resumed: {
      const attempt = decision.attempt
        ? `attempt ${decision.attempt}${decision.maxAttempts ? ` of ${decision.maxAttempts}` : ""}`
        : "";
      const wait = decision.delaySeconds !== undefined ? `in ${decision.delaySeconds} s` : "";
      const details = [attempt, wait].filter(Boolean).join(", ");
      return details ? `resuming (${details})` : "resuming";
    }
    case ResumeDecision.NotTransient:
      return "not resumed (the failure is not transient)";
    case ResumeDecision.Exhausted:
      return "not resumed (resume attempts exhausted)";
    case ResumeDecision.Disabled:
      return "not resumed (auto-resume is disabled)";
    case ResumeDecision.Failed:
      return "resume failed (Glue refused it)";
  }
}

/** Actions that did not succeed: failed, timed out or errored. */
export function failedActionCount(statistics: NonNullable<RunSnapshot["Statistics"]>): number {
  return (statistics.FailedActions ?? 0) + (statistics.TimeoutActions ?? 0) + (statistics.ErroredActions ?? 0);
}

/**
 * The account in a headline or Subject, kept short for a phone's notification: its alias,
 * else its id and region; "" when the alert names no account (a single-account tracker).
 *
 * @example
 * accountTag({ accountId: "222222222222", region: "eu-west-1", alias: "analytics", home: false }); // " in analytics"
 */
export function accountTag(account: AlertAccount | undefined): string {
  return account ? ` in ${accountName(account)}` : "";
}

/** The account's alias, else its id and region. */
export function accountName(account: AlertAccount): string {
  return account.alias ?? `${account.accountId} ${account.region}`;
}

/** The account in full, for the alert's facts: "analytics (222222222222, eu-west-1)". */
export function accountLine(account: AlertAccount): string {
  return describeAccount(account);
}
