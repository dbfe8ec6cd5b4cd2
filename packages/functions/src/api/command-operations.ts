/** The commands function's operations: forwarded to Glue, recorded as ObservedVia "command". */
import { Accounts, Commands } from "@glue-run-tracker/core";
import * as Insights from "@glue-run-tracker/core/insights";
import type { CallerAccounts } from "../http/caller-accounts.ts";
import { accountOf, type ScopeQuery } from "./account-scope.ts";
import { implement, type Operations, type ResultOf } from "./operation.ts";

/**
 * @example
 * createHttpApi({ routes: routeList, operations: commandOperations({ glue, store, recorder }), logger });
 */
export function commandOperations(deps: Commands.CommandDeps): Operations {
  const { registry } = deps.accounts ?? Accounts.singleAccount(deps);
  /** The deps of the account a route addresses (400 unknown, 403 not the caller's; docs/decisions/accounts-api.md). */
  const depsOf = (query: ScopeQuery, caller: CallerAccounts): Commands.CommandDeps =>
    Commands.inAccount(deps, accountOf(registry, query, caller));
  return {
    getRunProperties: implement("getRunProperties", async ({ params, query }, { caller }) => ({
      RunProperties: await Commands.getRunProperties(depsOf(query, caller), params.name, params.runId),
    })),
    putRunProperties: implement("putRunProperties", async ({ params, query, body }, { caller }) => {
      await Commands.putRunProperties(depsOf(query, caller), params.name, params.runId, body.RunProperties);
      return {};
    }),
    startRun: implement("startRun", async ({ params, query, body }, { caller }) => {
      const { runId } = await Commands.startRun(depsOf(query, caller), params.name, body.RunProperties);
      return { RunId: runId };
    }),
    stopRun: implement("stopRun", async ({ params, query }, { caller }) => {
      await Commands.stopRun(depsOf(query, caller), params.name, params.runId);
      return {};
    }),
    resumeRun: implement("resumeRun", async ({ params, query, body }, { caller }) => {
      const resumed = await Commands.resumeRun(depsOf(query, caller), params.name, params.runId, body.NodeIds);
      return { RunId: resumed.runId, NodeIds: resumed.nodeIds };
    }),
    putWorkflowSettings: implement("putWorkflowSettings", async ({ params, query, body }, { caller }) => {
      const settings = await Insights.replaceWorkflowSettings(depsOf(query, caller).store, params.name, body);
      return { Settings: Insights.settingsBody(settings) as ResultOf<"putWorkflowSettings">["Settings"] };
    }),
  };
}
