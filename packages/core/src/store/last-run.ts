/**
 * A workflow's last run, derived when the catalog is read: the newest entry of the
 * runs-by-workflow index (its sort key is `<started>#<runId>`), read as it is stored.
 * Nothing writes it, so a snapshot that changes a run's state costs no second item
 * write, and it cannot disagree with the run it names (docs/decisions/store-last-run-on-read.md).
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { jsonify } from "../workflow-run/snapshot.ts";
import type { StoreContext } from "./context.ts";
import { Expressions, projection } from "./expressions.ts";
import type { RunSummary, TrackedWorkflow } from "./run-store.ts";
import { IndexName } from "./table.ts";

const SUMMARY_FIELDS = ["WorkflowRunId", "Status", "Outcome", "StartedOn", "CompletedOn"] as const;

/**
 * The newest run stored under a runs partition (`ctx.keys.workflowRunsPartition(name)`,
 * which is also the catalog entry's gsi1sk): one Query of one item.
 */
export async function lastRunIn(ctx: StoreContext, runsPartition: string): Promise<RunSummary | undefined> {
  const expressions = new Expressions();
  const { ProjectionExpression } = projection(SUMMARY_FIELDS, expressions);
  const { Items } = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: IndexName.ByWorkflow,
      KeyConditionExpression: `${expressions.name("gsi1pk")} = ${expressions.value(runsPartition)}`,
      ScanIndexForward: false,
      Limit: 1,
      ProjectionExpression,
      ...expressions.attributes(),
    }),
  );
  const item = Items?.[0];
  if (!item) return undefined;
  const summary: Record<string, unknown> = {};
  for (const field of SUMMARY_FIELDS) summary[field] = item[field];
  return jsonify(summary) as unknown as RunSummary;
}

/** The workflow with its LastRun (none when no run of it is stored). */
export function withLastRun(workflow: TrackedWorkflow, lastRun: RunSummary | undefined): TrackedWorkflow {
  return lastRun ? { ...workflow, LastRun: lastRun } : workflow;
}
