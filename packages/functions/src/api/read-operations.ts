/** The read function's operations: history from the table, and the OpenAPI document. */
import { History, type RunStore, Stats } from "@glue-run-tracker/core";
// By subpath: the Insights namespace would bundle all of insights (croner included).
import * as Insights from "@glue-run-tracker/core/insights";
import { statsBody } from "./contract/stats.ts";
import { openApiDocument } from "./openapi.ts";
import { implement, type Operations, type ResultOf } from "./operation.ts";

export interface ReadDeps {
  store: RunStore;
}

/**
 * @example
 * createHttpApi({ routes: routeList, operations: readOperations({ store }), logger });
 */
export function readOperations({ store }: ReadDeps): Operations {
  return {
    listWorkflows: implement("listWorkflows", async ({ query }) => {
      const page = await History.listWorkflows(store, query);
      return { Workflows: page.items, NextToken: page.nextToken };
    }),
    getWorkflow: implement("getWorkflow", async ({ params, query }) => ({
      Workflow: await History.getWorkflow(store, params.name, query),
    })),
    batchGetWorkflows: implement("batchGetWorkflows", async ({ body }) => {
      const result = await History.batchGetWorkflows(store, body.Names, { includeGraph: body.IncludeGraph });
      return { Workflows: result.workflows, MissingWorkflows: result.missing };
    }),
    listRuns: implement("listRuns", async ({ params, query }) => {
      const page = await History.listRuns(store, params.name, query);
      return { Runs: page.items, NextToken: page.nextToken };
    }),
    getRun: implement("getRun", async ({ params, query }) => ({
      Run: await History.getRun(store, params.name, params.runId, query),
    })),
    getRunTimeline: implement("getRunTimeline", async ({ params }) => ({
      Timeline: await History.getTimeline(store, params.name, params.runId),
    })),
    getWorkflowStats: implement("getWorkflowStats", async ({ params, query }) =>
      statsBody(await Stats.readWorkflowStats(store, params.name, query)),
    ),
    listRunsFeed: implement("listRunsFeed", async ({ query }) => {
      const page = await History.listRunsFeed(store, query);
      return { Runs: page.items, NextToken: page.nextToken };
    }),
    getWorkflowSettings: implement("getWorkflowSettings", async ({ params }) => ({
      Settings: Insights.settingsBody(
        await Insights.readWorkflowSettings(store, params.name),
      ) as ResultOf<"getWorkflowSettings">["Settings"],
    })),
    openApi: implement("openApi", async () => openApiDocument() as ResultOf<"openApi">),
  };
}
