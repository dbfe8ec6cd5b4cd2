/** The read function's operations: history from the table, and the OpenAPI document. */
import { Accounts, History, type RunStore, Stats } from "@glue-run-tracker/core";
// By subpath: the Insights namespace would bundle all of insights (croner included).
import * as Insights from "@glue-run-tracker/core/insights";
import { accountOf, accountsListed, inAccount, listedAccount, type ScopeQuery, withAlias } from "./account-scope.ts";
import { statsBody } from "./contract/stats.ts";
import { openApiDocument } from "./openapi.ts";
import { implement, type Operations, type ResultOf } from "./operation.ts";

export interface ReadDeps {
  /** The home account's store. */
  store: RunStore;
  /** Every tracked account's store (docs/decisions/accounts-api.md); absent = every route reads `store`. */
  accounts?: Accounts.PerAccount<{ store: RunStore }>;
}

/** The query without the account scope (the store of the account answers the rest). */
const rest = <Q extends ScopeQuery>({ account: _a, region: _r, ...query }: Q) => query;

/**
 * @example
 * createHttpApi({ routes: routeList, operations: readOperations({ store }), logger });
 */
export function readOperations({
  store,
  accounts: perAccount = Accounts.singleAccount({ store }),
}: ReadDeps): Operations {
  const { registry: accounts } = perAccount;
  const storeFor = (account: Accounts.TrackedAccount) => perAccount.of(account).store;
  /** The account a /workflows/{name} route addresses (400 unknown, 403 not the caller's), and its store. */
  const scoped = (query: ScopeQuery, caller: Parameters<typeof accountOf>[2]) => {
    const account = accountOf(accounts, query, caller);
    return { account, store: storeFor(account) };
  };
  return {
    listWorkflows: implement("listWorkflows", async ({ query }, { caller }) => {
      const listed = accountsListed(accounts, query, caller);
      const page = rest(query);
      if (listed.length === 1) {
        const account = listed[0] as (typeof listed)[number];
        const result = await History.listWorkflows(storeFor(account), page);
        return { Workflows: result.items.map((w) => inAccount(w, account)), NextToken: result.nextToken };
      }
      // Every account's workflows are one catalog partition: one Query, then the caller's filter.
      const result = await storeFor(accounts.home).listWorkflows(page, { everyAccount: true });
      const keep = new Set(listed.map((a) => `${a.accountId} ${a.region}`));
      const everyListed = listed.length === accounts.all.length;
      return {
        Workflows: result.items
          .filter((w) => everyListed || keep.has(`${w.AccountId} ${w.Region}`))
          .map((w) => withAlias(w, accounts)),
        NextToken: result.nextToken,
      };
    }),
    getWorkflow: implement("getWorkflow", async ({ params, query }, { caller }) => {
      const { account, store } = scoped(query, caller);
      return { Workflow: inAccount(await History.getWorkflow(store, params.name, rest(query)), account) };
    }),
    batchGetWorkflows: implement("batchGetWorkflows", async ({ body, query }, { caller }) => {
      const { account, store } = scoped(query, caller);
      const result = await History.batchGetWorkflows(store, body.Names, { includeGraph: body.IncludeGraph });
      return { Workflows: result.workflows.map((w) => inAccount(w, account)), MissingWorkflows: result.missing };
    }),
    listRuns: implement("listRuns", async ({ params, query }, { caller }) => {
      const { account, store } = scoped(query, caller);
      const page = await History.listRuns(store, params.name, rest(query));
      return { Runs: page.items.map((r) => inAccount(r, account)), NextToken: page.nextToken };
    }),
    getRun: implement("getRun", async ({ params, query }, { caller }) => {
      const { account, store } = scoped(query, caller);
      return { Run: inAccount(await History.getRun(store, params.name, params.runId, rest(query)), account) };
    }),
    getRunTimeline: implement("getRunTimeline", async ({ params, query }, { caller }) => ({
      Timeline: await History.getTimeline(scoped(query, caller).store, params.name, params.runId),
    })),
    getWorkflowStats: implement("getWorkflowStats", async ({ params, query }, { caller }) =>
      statsBody(await Stats.readWorkflowStats(scoped(query, caller).store, params.name, rest(query))),
    ),
    listRunsFeed: implement("listRunsFeed", async ({ query }, { caller }) => {
      const account = listedAccount(accounts, query, caller);
      const page = await History.listRunsFeed(storeFor(account), rest(query));
      return { Runs: page.items.map((r) => inAccount(r, account)), NextToken: page.nextToken };
    }),
    getWorkflowSettings: implement("getWorkflowSettings", async ({ params, query }, { caller }) => ({
      Settings: Insights.settingsBody(
        await Insights.readWorkflowSettings(scoped(query, caller).store, params.name),
      ) as ResultOf<"getWorkflowSettings">["Settings"],
    })),
    openApi: implement("openApi", async () => openApiDocument() as ResultOf<"openApi">),
  };
}
