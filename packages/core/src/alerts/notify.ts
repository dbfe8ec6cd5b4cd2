/**
 * The alerts flow: a tracker state change (or a refused auto-resume) in, at most
 * one alert per run transition (or refusal) out, to every channel.
 *
 * Why the alert decides auto-resume itself: the resume function and this one are
 * triggered by the same event. Rather than chaining them (resume → alert, which
 * would couple alert delivery to the resume path and its queue), both call the pure
 * `decide()` with the same inputs — the event's status and failed nodes, the
 * lineage's attempts read from the previous run (settled before this run existed)
 * and the same policy settings — so they reach the same decision independently.
 *
 * What an alert says comes from the store: the event only names the run (it may be
 * forged by anyone allowed PutEvents on the tracker bus; see
 * events/stored-state-change.ts). A run the store does not hold in an alerting
 * state gets no alert.
 *
 * Idempotency: the tracker event is already one per transition; a duplicate
 * delivery (EventBridge/SQS at-least-once, a re-published transition), even one
 * processed concurrently, is caught by the delivery ledger, keyed by the transition
 * rather than the event id, per channel, so a retry after a partial failure resends
 * only to the failed channels. The ledger lives in the tracker table
 * (createDynamoDeliveryLedger), so duplicates spread over two containers are caught
 * too; the in-process one (createDeliveryLedger) is for tests and tools.
 */
import type { TrackedAccount } from "../accounts/account.ts";
import type { PerAccount } from "../accounts/per-account.ts";
import { accountOf, type RunWhere } from "../events/event-account.ts";
import { storedRunAndChange } from "../events/stored-state-change.ts";
import type { RunResumeFailedDetail, RunStateChangeDetail } from "../events/tracker-events.ts";
import { alertsMuted, type WorkflowSettings } from "../insights/settings.ts";
import { Metric, recordMetric } from "../metrics.ts";
import { decide, type ResumeVerdict } from "../resume/decide.ts";
import { ResumeConfigError } from "../resume/errors.ts";
import { lineageAttempts } from "../resume/lineage.ts";
import { type ResumePolicy, workflowPolicy } from "../resume/policy.ts";
import type { RunStore } from "../store/run-store.ts";
import { Outcome, ResumeDecision } from "../workflow-run/types.ts";
import { closedAlert, failureAlert, recoveredAlert, resumeFailedAlert } from "./build-alert.ts";
import { AlertDeliveryError } from "./errors.ts";
import type { DeliveryKey, DeliveryLedger } from "./ledger.ts";
import type { AlertPublisher } from "./publishers.ts";
import { type AlertSettings, alertSettingsFor } from "./settings.ts";
import { alertRoute, type SlackRouting } from "./slack-routing.ts";
import type { Alert, AlertKind, RunAlert } from "./types.ts";

export interface AlertDeps {
  /** getWorkflowSettings: a workflow's MuteUntil silences its alerts (without it, nothing is muted). */
  store: Pick<RunStore, "getRun"> & Partial<Pick<RunStore, "getWorkflowSettings">>;
  /** A bad AUTO_RESUME_* setting must not stop alerts: the alert then says why it did not resume. */
  policy: ResumePolicy | ResumeConfigError;
  publishers: AlertPublisher[];
  settings: AlertSettings;
  /** One per process, shared across invocations; createDynamoDeliveryLedger on AWS and locally. */
  ledger: DeliveryLedger;
  /** The named webhooks (SLACK_WEBHOOKS) a workflow's settings.slackWebhook may pick; none → the default one. */
  slackRouting?: SlackRouting;
  /**
   * Several tracked accounts: each event's run is read, its settings (mute, webhook) taken
   * and its deliveries kept in its own account's store, found by the event's AccountId and
   * Region (none: the home account's, `store`). Without it, every event is `store`'s.
   */
  accounts?: PerAccount<Pick<AlertDeps, "store">>;
  now?: () => Date;
}

export const AlertResultStatus = {
  Sent: "sent",
  /** Every channel already took this transition's alert. */
  Duplicate: "duplicate",
  /** Not an alerting transition (e.g. SUCCEEDED without an auto-resume before it). */
  Ignored: "ignored",
  /** The workflow's settings mute its alerts until a later time (MuteUntil). */
  Muted: "muted",
  /** The event names an account the configuration does not track (any more): dropped. */
  UnknownAccount: "unknown-account",
} as const;
export type AlertResultStatus = (typeof AlertResultStatus)[keyof typeof AlertResultStatus];

export interface AlertResult<A extends Alert = RunAlert> {
  status: AlertResultStatus;
  alert?: A;
  /** Channels that took the alert in this call. */
  channels: string[];
}

/**
 * Handles one "Glue Workflow Run State Change". Throws AlertDeliveryError when a
 * channel failed (after its own retries), so the message is retried, then DLQ'd.
 *
 * @example
 * const ledger = createDeliveryLedger(); // once per process
 * const result = await alertOnRunStateChange({ store, policy, publishers, settings, ledger }, event.detail);
 */
export async function alertOnRunStateChange(all: AlertDeps, event: RunStateChangeDetail): Promise<AlertResult> {
  const deps = inAccountOf(all, event);
  if (!deps) return unknownAccount;
  const stored = await storedRunAndChange(deps.store, event);
  if (!stored) return { status: AlertResultStatus.Ignored, channels: [] };
  const { detail, run } = stored;
  const workflow = await workflowSettings(deps, detail.workflowName);
  const alert = await alertFor(deps, detail, workflow);
  if (!alert) return { status: AlertResultStatus.Ignored, channels: [] };
  if (run.Cost) alert.cost = run.Cost;
  if (alertsMuted(workflow, now(deps))) return { status: AlertResultStatus.Muted, alert, channels: [] };
  return deliver(deps, alert, { ...transitionKey(alert.kind, detail), ...keyPrefix(deps) }, workflow);
}

/**
 * Handles one "Glue Workflow Run Resume Failed": the alert that follows a failure
 * alert whose auto-resume Glue refused. Delivered like the others (ledger per channel).
 *
 * @example
 * await alertOnResumeFailed(deps, event.detail);
 */
export async function alertOnResumeFailed(all: AlertDeps, detail: RunResumeFailedDetail): Promise<AlertResult> {
  const deps = inAccountOf(all, detail);
  if (!deps) return unknownAccount;
  const run = await deps.store.getRun(detail.workflowName, detail.runId);
  // Only an attempt the store knows of: the run was claimed for this attempt (the worker
  // announces the refusal before it records it, so the decision is "resumed" or "failed").
  const claim = run?.AutoResume;
  const known =
    (claim?.Decision === ResumeDecision.Resumed || claim?.Decision === ResumeDecision.Failed) &&
    claim.Attempts === detail.attempt;
  if (!run || !known) return { status: AlertResultStatus.Ignored, channels: [] };
  const workflow = await workflowSettings(deps, detail.workflowName);
  if (alertsMuted(workflow, now(deps))) return { status: AlertResultStatus.Muted, channels: [] };
  const alert = resumeFailedAlert(detail, run, deps.settings);
  const key = {
    workflowName: detail.workflowName,
    runId: detail.runId,
    kind: alert.kind,
    detail: [String(detail.attempt)],
    ...keyPrefix(deps),
  };
  return deliver(deps, alert, key, workflow);
}

/**
 * One alert to every channel, each channel at most once per `key` (the delivery
 * ledger); Slack to the webhook the workflow's settings name (slack-routing.ts).
 */
export async function deliver<A extends Alert>(
  deps: Pick<AlertDeps, "publishers" | "ledger" | "slackRouting">,
  alert: A,
  key: Omit<DeliveryKey, "channel">,
  workflow: Pick<WorkflowSettings, "slackWebhook"> = {},
): Promise<AlertResult<A>> {
  const route = alertRoute(deps.slackRouting, key.workflowName, workflow);
  const publishers = deps.publishers.filter((publisher) => publisher.takes?.(route) ?? true);
  const results = await Promise.allSettled(
    publishers.map((publisher) =>
      deps.ledger.once({ ...key, channel: publisher.channel }, () => publisher.publish(alert, route)),
    ),
  );
  const delivered: string[] = [];
  const failures: { channel: string; error: unknown }[] = [];
  results.forEach((result, index) => {
    const channel = (publishers[index] as AlertPublisher).channel;
    if (result.status === "rejected") failures.push({ channel, error: result.reason });
    else if (result.value) delivered.push(channel);
  });
  for (const channel of delivered) recordMetric(Metric.AlertsSent, 1, { Channel: channel });
  for (const { channel } of failures) recordMetric(Metric.AlertsFailed, 1, { Channel: channel });
  if (failures.length > 0) throw new AlertDeliveryError(failures);
  if (delivered.length === 0 && publishers.length > 0) {
    return { status: AlertResultStatus.Duplicate, alert, channels: [] };
  }
  return { status: AlertResultStatus.Sent, alert, channels: delivered };
}

const unknownAccount: AlertResult<never> = { status: AlertResultStatus.UnknownAccount, channels: [] };

/**
 * The deps of the event's run's account: its store, and the settings that link into its
 * region and name it (when several accounts are tracked); undefined for an account the
 * configuration does not track. docs/decisions/accounts-flows.md.
 *
 * @example
 * const deps = inAccountOf(all, event.detail);
 * if (!deps) return { status: "unknown-account", channels: [] };
 */
export function inAccountOf<D extends Pick<AlertDeps, "settings" | "accounts" | "store">>(
  all: D,
  where: RunWhere,
): (D & { account?: TrackedAccount }) | undefined {
  const scoped = accountOf(all.accounts, where, { store: all.store });
  if (!scoped) return undefined;
  const { account } = scoped;
  if (!account) return all;
  const settings = alertSettingsFor(all.settings, account, all.accounts?.registry.multiAccount ?? false);
  return { ...all, store: scoped.deps.store as D["store"], settings, account };
}

/** A member account's deliveries are kept in its partition (home: today's keys). */
export function keyPrefix(deps: { account?: TrackedAccount }): Pick<DeliveryKey, "keyPrefix"> {
  return deps.account?.keyPrefix ? { keyPrefix: deps.account.keyPrefix } : {};
}

/** The workflow's settings: MuteUntil silences its alerts, AutoResume false its resumes (docs/decisions/insights-cost-and-settings.md). */
async function workflowSettings(deps: AlertDeps, workflowName: string): Promise<WorkflowSettings> {
  return (await deps.store.getWorkflowSettings?.(workflowName)) ?? {};
}

const now = (deps: AlertDeps) => (deps.now ?? (() => new Date()))();

/** The alert a state change calls for, or undefined. */
async function alertFor(
  deps: AlertDeps,
  detail: RunStateChangeDetail,
  workflow: WorkflowSettings,
): Promise<RunAlert | undefined> {
  if (detail.outcome === Outcome.UNKNOWN) return closedAlert(detail, deps.settings);
  if (isFailure(detail, deps.settings)) {
    const { policy } = deps;
    if (policy instanceof ResumeConfigError)
      return failureAlert(detail, misconfigured(policy), { maxAttempts: 0 }, deps.settings);
    const attempts = await lineageAttempts(deps.store, detail.workflowName, detail.previousRunId);
    // The same per-workflow policy the resume function applies (AutoResume false in the settings).
    const verdict = decide(
      { Status: detail.status, FailedNodes: detail.failedNodes },
      attempts,
      workflowPolicy(policy, workflow),
    );
    return failureAlert(detail, verdict, policy, deps.settings);
  }
  if (detail.outcome === Outcome.SUCCEEDED && detail.previousRunId) {
    const previous = await deps.store.getRun(detail.workflowName, detail.previousRunId);
    // Only a lineage the tracker resumed "recovers"; a resume made by hand is the user's own doing.
    if (previous?.AutoResume?.Decision === ResumeDecision.Resumed)
      return recoveredAlert(detail, previous, deps.settings);
  }
  return undefined;
}

/** The verdict when the resume settings are invalid: the resume function cannot start either. */
function misconfigured(error: ResumeConfigError): ResumeVerdict {
  return {
    decision: ResumeDecision.Disabled,
    reason: `Not resumed because of configuration: ${error.message}. Fix the setting, then resume the run by hand.`,
  };
}

function isFailure(detail: RunStateChangeDetail, settings: AlertSettings): boolean {
  if (detail.outcome === Outcome.FAILED || detail.outcome === Outcome.ERROR) return true;
  return detail.outcome === Outcome.STOPPED && settings.alertOnStopped;
}

function transitionKey(kind: AlertKind, detail: RunStateChangeDetail): Omit<DeliveryKey, "channel"> {
  return { workflowName: detail.workflowName, runId: detail.runId, kind, detail: [detail.status, detail.outcome] };
}
