/**
 * The one read of a run's stored WorkflowRunProperties: the properties route's
 * fallback once Glue has forgotten the run. Every other read leaves them out
 * (run-item.ts), so read access to history never shows them.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { RunProperties } from "@glue-run-tracker/glue-model";
import type { StoreContext } from "./context.ts";
import { projection } from "./expressions.ts";

import { PROPERTIES_ATTRIBUTE } from "./run-item.ts";

/**
 * undefined when the run is not stored; {} when it is, without properties.
 *
 * @example
 * const properties = await getRunProperties(ctx, "nightly", "wr_1"); // { env: "prod" }
 */
export async function getRunProperties(
  ctx: StoreContext,
  workflowName: string,
  runId: string,
): Promise<RunProperties | undefined> {
  const { ProjectionExpression, expressions } = projection(["WorkflowRunId", PROPERTIES_ATTRIBUTE]);
  const { Item } = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: ctx.keys.runKey(workflowName, runId),
      ProjectionExpression,
      ...expressions.attributes(),
    }),
  );
  if (!Item) return undefined;
  return (Item[PROPERTIES_ATTRIBUTE] as RunProperties | undefined) ?? {};
}
