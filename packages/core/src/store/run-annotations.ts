/**
 * What other parts of the tracker record on a run (auto-resume, lineage) and the
 * standalone job runs. Each is one conditional write that never touches the
 * snapshot fields, so it cannot race putSnapshot into losing either side's data.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { JobRunState } from "@glue-run-tracker/glue-model";
import { EntityNotFoundError, InvalidInputError } from "../errors.ts";
import { normalizeInstant } from "../workflow-run/order.ts";
import { jsonify } from "../workflow-run/snapshot.ts";
import { type AutoResume, ResumeDecision } from "../workflow-run/types.ts";
import type { StoreContext } from "./context.ts";
import { isConditionFailure, UpdateExpression } from "./expressions.ts";
import { EntityType } from "./keys.ts";
import { claimLease, guardedUpdate, LeaseAttribute, settleLease } from "./lease.ts";
import type { ResumeLease, StandaloneJobRun } from "./run-store.ts";

const RUNNING_JOB_STATES: ReadonlySet<string> = new Set([
  JobRunState.STARTING,
  JobRunState.RUNNING,
  JobRunState.STOPPING,
  JobRunState.WAITING,
]);

/** Sets AutoResume only while no decision is recorded; false when someone else claimed it. */
export async function claimResumeAttempt(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  autoResume: AutoResume,
): Promise<boolean> {
  const update = new UpdateExpression().set("AutoResume", jsonify(autoResume));
  const e = update.expressions;
  const condition = `attribute_exists(${e.name("pk")}) AND attribute_not_exists(${e.name("AutoResume.Decision")})`;
  const claimed = await guardedUpdate(ctx, { key: ctx.keys.runKey(workflowName, runId), update, condition });
  if (!claimed.applied) await requireRun(ctx, workflowName, runId);
  return claimed.applied;
}

/** The resume worker's lease on the run (store/lease.ts), one attempt at a time; never served. */
export const RESUME_LEASE = new LeaseAttribute("ResumeLease");

/**
 * The resume lease as the version before store/lease.ts wrote it. Honoured while live
 * and cleared by the next claim, for one release (docs/decisions/store-ledgers-on-one-lease.md).
 */
export const LEGACY_RESUME_LEASE = { until: "ResumeLeaseUntil", owner: "ResumeLeaseOwner" } as const;

/**
 * The cross-process half of "duplicates never double-resume": two containers that
 * get the same resume message race here, and only one reaches ResumeWorkflowRun.
 * The lease expires so that a worker that died mid-attempt does not block the
 * redelivered message forever; its owner (one per attempt) lets the SDK's resend of
 * this very write win instead of finding the lease held and dropping the attempt.
 */
export async function beginResumeAttempt(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  claimedAt: string,
  lease: ResumeLease,
): Promise<boolean> {
  const now = new Date(lease.now);
  const claimed = await claimLease(ctx, {
    key: ctx.keys.runKey(workflowName, runId),
    attribute: RESUME_LEASE,
    lease: { owner: lease.owner, until: lease.until },
    now,
    condition: (e) => {
      const resumedAs = e.name("ResumedAs");
      const legacyUntil = e.name(LEGACY_RESUME_LEASE.until);
      return [
        `${e.name("AutoResume.Decision")} = ${e.value(ResumeDecision.Resumed)}`,
        `${e.name("AutoResume.LastAttemptAt")} = ${e.value(claimedAt)}`,
        `(attribute_not_exists(${resumedAs}) OR size(${resumedAs}) = ${e.value(0)})`,
        `(attribute_not_exists(${legacyUntil}) OR ${legacyUntil} <= ${e.value(now.toISOString())})`,
      ].join(" AND ");
    },
    update: new UpdateExpression().remove(LEGACY_RESUME_LEASE.until).remove(LEGACY_RESUME_LEASE.owner),
  });
  return claimed.applied;
}

/** Ends this worker's lease, only if it is still the one it took. */
export async function releaseResumeAttempt(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  owner: string,
): Promise<void> {
  await settleLease(ctx, { key: ctx.keys.runKey(workflowName, runId), attribute: RESUME_LEASE, owner });
}

/** Overwrites the auto-resume record (e.g. after the attempt) and ends any attempt's lease. */
export async function recordResumeDecision(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  autoResume: AutoResume,
): Promise<void> {
  const update = RESUME_LEASE.drop(new UpdateExpression().set("AutoResume", jsonify(autoResume)))
    .remove(LEGACY_RESUME_LEASE.until)
    .remove(LEGACY_RESUME_LEASE.owner);
  const condition = `attribute_exists(${update.expressions.name("pk")})`;
  const recorded = await guardedUpdate(ctx, { key: ctx.keys.runKey(workflowName, runId), update, condition });
  if (!recorded.applied) throw notTracked(workflowName, runId);
}

/** Appends a resumed run's id to ResumedAs, once. */
export async function addResumedAs(ctx: StoreContext, workflowName: string, runId: string, resumedRunId: string) {
  if (!resumedRunId) throw new InvalidInputError("resumedRunId must not be empty");
  const update = new UpdateExpression().append("ResumedAs", [resumedRunId]);
  const e = update.expressions;
  const condition = `attribute_exists(${e.name("pk")}) AND NOT contains(${e.name("ResumedAs")}, ${e.value(resumedRunId)})`;
  const added = await guardedUpdate(ctx, { key: ctx.keys.runKey(workflowName, runId), update, condition });
  if (!added.applied) await requireRun(ctx, workflowName, runId); // present: the id was already recorded
}

/** A job run outside any workflow; a late event never replaces a finished state with a running one. */
export async function putStandaloneJobRun(ctx: StoreContext, jobRun: StandaloneJobRun): Promise<void> {
  if (!jobRun.JobName || !jobRun.Id) throw new InvalidInputError("A job run needs JobName and Id");
  const observedAt = normalizeInstant(jobRun.ObservedAt, "ObservedAt");
  const finished = jobRun.JobRunState !== undefined && !RUNNING_JOB_STATES.has(jobRun.JobRunState);
  const rank = `${finished ? 2 : 1}|${observedAt}`;
  try {
    await ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: jsonify({
          ...ctx.keys.standaloneJobRunKey(jobRun.JobName, jobRun.Id),
          entityType: EntityType.StandaloneJobRun,
          ...jobRun,
          ObservedAt: observedAt,
          Rank: rank,
        }),
        ConditionExpression: "attribute_not_exists(#pk) OR #rank < :rank",
        ExpressionAttributeNames: { "#pk": "pk", "#rank": "Rank" },
        ExpressionAttributeValues: { ":rank": rank },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

async function requireRun(ctx: StoreContext, workflowName: string, runId: string): Promise<void> {
  const { Item } = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: ctx.keys.runKey(workflowName, runId),
      ProjectionExpression: "#pk",
      ExpressionAttributeNames: { "#pk": "pk" },
    }),
  );
  if (!Item) throw notTracked(workflowName, runId);
}

function notTracked(workflowName: string, runId: string): EntityNotFoundError {
  return new EntityNotFoundError(`Run ${runId} of workflow ${workflowName} is not tracked`);
}
