/** A workflow's settings: one item beside its catalog entry (pk WF#<name>, sk SETTINGS). */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { type WorkflowSettings, withDefaults } from "../insights/settings.ts";
import type { StoreContext } from "./context.ts";
import { EntityType } from "./keys.ts";

/** The workflow's settings, defaults applied (also when none were ever stored). */
export async function getWorkflowSettings(ctx: StoreContext, workflowName: string): Promise<WorkflowSettings> {
  const { Item } = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: ctx.keys.workflowSettingsKey(workflowName), ConsistentRead: true }),
  );
  return withDefaults(Item?.Settings);
}

/** Replaces the workflow's settings (a field left out is unset; validated by the caller's schema). */
export async function putWorkflowSettings(
  ctx: StoreContext,
  workflowName: string,
  settings: WorkflowSettings,
): Promise<void> {
  const stored = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  await ctx.client.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: {
        ...ctx.keys.workflowSettingsKey(workflowName),
        entityType: EntityType.WorkflowSettings,
        Settings: stored,
        UpdatedAt: ctx.now().toISOString(),
      },
    }),
  );
}
