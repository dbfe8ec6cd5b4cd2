/**
 * What other parts of the tracker record on a run (auto-resume, lineage) and the
 * standalone job runs. Each is one conditional write that never touches the
 * snapshot fields, so it cannot race putSnapshot into losing either side's data.
 */
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { JobRunState } from "@glue-run-tracker/glue-model";
import { EntityNotFoundError, InvalidInputError } from "../errors.ts";
import { normalizeInstant } from "../workflow-run/order.ts";
import { jsonify } from "../workflow-run/snapshot.ts";
import { type AutoResume, ResumeDecision } from "../workflow-run/types.ts";
import type { StoreContext } from "./context.ts";
import { isConditionFailure, UpdateExpression } from "./expressions.ts";
import { EntityType, runKey, standaloneJobRunKey } from "./keys.ts";
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
  const { expressions } = update;
  const condition = `attribute_exists(${expressions.name("pk")}) AND attribute_not_exists(${expressions.name("AutoResume.Decision")})`;
  try {
    await updateRun(ctx, workflowName, runId, update, condition);
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    await requireRun(ctx, workflowName, runId);
    return false;
  }
}

/** Bookkeeping attributes (never served): until when, and by which attempt, a resume worker holds the run. */
const RESUME_LEASE = "ResumeLeaseUntil";
const RESUME_LEASE_OWNER = "ResumeLeaseOwner";

/**
 * The cross-process half of "duplicates never double-resume": two containers that
 * get the same resume message race here, and only one reaches ResumeWorkflowRun.
 * The lease expires so that a worker that died mid-attempt does not block the
 * redelivered message forever. ISO-8601 UTC strings compare in time order. The
 * owner lets the SDK's retry of this very write (its first response lost) succeed
 * instead of finding the lease held and dropping the attempt.
 */
export async function beginResumeAttempt(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  claimedAt: string,
  lease: ResumeLease,
): Promise<boolean> {
  const update = new UpdateExpression().set(RESUME_LEASE, lease.until).set(RESUME_LEASE_OWNER, lease.owner);
  const { expressions: e } = update;
  const leaseName = e.name(RESUME_LEASE);
  const ownerName = e.name(RESUME_LEASE_OWNER);
  const resumedAs = e.name("ResumedAs");
  const condition = [
    `${e.name("AutoResume.Decision")} = ${e.value(ResumeDecision.Resumed)}`,
    `${e.name("AutoResume.LastAttemptAt")} = ${e.value(claimedAt)}`,
    `(attribute_not_exists(${resumedAs}) OR size(${resumedAs}) = ${e.value(0)})`,
    `(attribute_not_exists(${leaseName}) OR ${leaseName} <= ${e.value(lease.now)} OR ${ownerName} = ${e.value(lease.owner)})`,
  ].join(" AND ");
  try {
    await updateRun(ctx, workflowName, runId, update, condition);
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Ends this worker's lease, only if it is still the one it took. */
export async function releaseResumeAttempt(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  owner: string,
): Promise<void> {
  const update = new UpdateExpression().remove(RESUME_LEASE).remove(RESUME_LEASE_OWNER);
  const { expressions: e } = update;
  try {
    await updateRun(ctx, workflowName, runId, update, `${e.name(RESUME_LEASE_OWNER)} = ${e.value(owner)}`);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Overwrites the auto-resume record (e.g. after the attempt) and ends the attempt's lease. */
export async function recordResumeDecision(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  autoResume: AutoResume,
): Promise<void> {
  const update = new UpdateExpression()
    .set("AutoResume", jsonify(autoResume))
    .remove(RESUME_LEASE)
    .remove(RESUME_LEASE_OWNER);
  try {
    await updateRun(ctx, workflowName, runId, update, `attribute_exists(${update.expressions.name("pk")})`);
  } catch (error) {
    if (isConditionFailure(error)) throw notTracked(workflowName, runId, error);
    throw error;
  }
}

/** Appends a resumed run's id to ResumedAs, once. */
export async function addResumedAs(ctx: StoreContext, workflowName: string, runId: string, resumedRunId: string) {
  if (!resumedRunId) throw new InvalidInputError("resumedRunId must not be empty");
  const update = new UpdateExpression();
  const { expressions } = update;
  const resumedAs = expressions.name("ResumedAs");
  const id = expressions.value(resumedRunId);
  const appended = `list_append(if_not_exists(${resumedAs}, ${expressions.value([])}), ${expressions.value([resumedRunId])})`;
  const expression = `SET ${resumedAs} = ${appended}`;
  const condition = `attribute_exists(${expressions.name("pk")}) AND NOT contains(${resumedAs}, ${id})`;
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: runKey(workflowName, runId),
        UpdateExpression: expression,
        ConditionExpression: condition,
        ...expressions.attributes(),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    await requireRun(ctx, workflowName, runId); // present: the id was already recorded
  }
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
          ...standaloneJobRunKey(jobRun.JobName, jobRun.Id),
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

async function updateRun(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
  update: UpdateExpression,
  condition: string,
): Promise<void> {
  await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: runKey(workflowName, runId),
      UpdateExpression: update.toString(),
      ConditionExpression: condition,
      ...update.expressions.attributes(),
    }),
  );
}

async function requireRun(ctx: StoreContext, workflowName: string, runId: string): Promise<void> {
  const { Item } = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: runKey(workflowName, runId),
      ProjectionExpression: "#pk",
      ExpressionAttributeNames: { "#pk": "pk" },
    }),
  );
  if (!Item) throw notTracked(workflowName, runId);
}

function notTracked(workflowName: string, runId: string, cause?: unknown): EntityNotFoundError {
  return new EntityNotFoundError(`Run ${runId} of workflow ${workflowName} is not tracked`, { cause });
}
