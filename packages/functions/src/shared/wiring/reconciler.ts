/**
 * The reconciler's wiring, per tracked account: the recorder, Glue's discovery reads
 * (counted: its budget), the cursor item; and what its overdue and missed checks need
 * (docs/decisions/accounts-flows.md).
 */
import { Accounts, ConfigName, type Env, Insights, type RunStore, Store } from "@glue-run-tracker/core";
import {
  type AccountsReconcileDeps,
  createDynamoCursorStore,
  type IngestLogger,
  type ReconcileDeps,
} from "@glue-run-tracker/core/ingest";
import { glueFor, need, publisher, runStoreFor, wiringFor } from "./builders.ts";
import { perAccount } from "./per-account.ts";

/**
 * The home account's deps, and every tracked account's through `accounts.of`.
 *
 * @example
 * const handler = createReconcilerHandler(() => reconcileDepsFromEnv(process.env, logger));
 */
export function reconcileDepsFromEnv(env: Env = process.env, logger?: IngestLogger): AccountsReconcileDeps {
  const w = wiringFor(env, "reconciler");
  const events = publisher(w);
  return Accounts.withHome(
    perAccount(w, (account) => ({
      store: runStoreFor(w, account),
      publisher: events,
      glue: glueFor(w, "reconciler", { account }),
      cursor: createDynamoCursorStore({
        client: w.dynamo(),
        tableName: need(w, ConfigName.TableName),
        keys: Store.keysFor(account.keyPrefix),
      }),
      logger,
    })),
  ) satisfies ReconcileDeps;
}

/**
 * The overdue and missed checks the reconciler runs after reconciling, per tracked account:
 * its run store, its overdue marks and the tracker-bus publisher
 * (docs/decisions/insights-overdue-and-missed.md).
 *
 * @example
 * const report = await Insights.watchRunsAcrossAccounts(runWatchDepsFromEnv(process.env, logger));
 */
export function runWatchDepsFromEnv(
  env: Env = process.env,
  logger?: Insights.RunWatchDeps["logger"],
): Insights.RunWatchDeps & { store: RunStore; accounts: Accounts.PerAccount<Insights.RunWatchDeps> } {
  const w = wiringFor(env, "reconciler");
  const events = publisher(w);
  return Accounts.withHome(
    perAccount(w, (account) => {
      const store = runStoreFor(w, account);
      return {
        store,
        insights: Insights.insightsFromStore(store),
        marks: Store.createOverdueMarks({
          client: w.dynamo(),
          tableName: need(w, ConfigName.TableName),
          keys: Store.keysFor(account.keyPrefix),
        }),
        publisher: events,
        logger,
      };
    }),
  );
}
