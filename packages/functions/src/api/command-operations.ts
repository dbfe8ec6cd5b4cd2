/** The commands function's operations: forwarded to Glue, recorded as ObservedVia "command". */
import { Commands } from "@glue-run-tracker/core";
import * as Insights from "@glue-run-tracker/core/insights";
import { implement, type Operations, type ResultOf } from "./operation.ts";

/**
 * @example
 * createHttpApi({ routes: routeList, operations: commandOperations({ glue, store, recorder }), logger });
 */
export function commandOperations(deps: Commands.CommandDeps): Operations {
  return {
    getRunProperties: implement("getRunProperties", async ({ params }) => ({
      RunProperties: await Commands.getRunProperties(deps, params.name, params.runId),
    })),
    putRunProperties: implement("putRunProperties", async ({ params, body }) => {
      await Commands.putRunProperties(deps, params.name, params.runId, body.RunProperties);
      return {};
    }),
    startRun: implement("startRun", async ({ params, body }) => {
      const { runId } = await Commands.startRun(deps, params.name, body.RunProperties);
      return { RunId: runId };
    }),
    stopRun: implement("stopRun", async ({ params }) => {
      await Commands.stopRun(deps, params.name, params.runId);
      return {};
    }),
    resumeRun: implement("resumeRun", async ({ params, body }) => {
      const resumed = await Commands.resumeRun(deps, params.name, params.runId, body.NodeIds);
      return { RunId: resumed.runId, NodeIds: resumed.nodeIds };
    }),
    putWorkflowSettings: implement("putWorkflowSettings", async ({ params, body }) => {
      const settings = await Insights.replaceWorkflowSettings(deps.store, params.name, body);
      return { Settings: Insights.settingsBody(settings) as ResultOf<"putWorkflowSettings">["Settings"] };
    }),
  };
}
