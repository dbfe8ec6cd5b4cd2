/** Reading and replacing a tracked workflow's settings (the settings routes). */
import { getWorkflow } from "../history/workflows.ts";
import type { RunStore } from "../store/run-store.ts";
import type { WorkflowSettings } from "./settings.ts";

/**
 * A tracked workflow's settings, defaults applied; EntityNotFoundError when the tracker never saw it.
 *
 * @example
 * const settings = await Insights.readWorkflowSettings(store, "nightly-etl");
 */
export async function readWorkflowSettings(store: RunStore, name: string): Promise<WorkflowSettings> {
  await getWorkflow(store, name);
  return store.getWorkflowSettings(name);
}

/**
 * Replaces a tracked workflow's settings (validated by SettingsBody); returns them with defaults applied.
 * EntityNotFoundError when the tracker never saw the workflow: settings of a typo would never apply.
 */
export async function replaceWorkflowSettings(
  store: RunStore,
  name: string,
  settings: WorkflowSettings,
): Promise<WorkflowSettings> {
  await getWorkflow(store, name);
  await store.putWorkflowSettings(name, settings);
  return store.getWorkflowSettings(name);
}
