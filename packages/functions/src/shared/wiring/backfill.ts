/** The backfill CLI's wiring (not a function: it runs with the operator's credentials), per tracked account. */
import { Accounts, ConfigName, type Env } from "@glue-run-tracker/core";
import type { BackfillDeps, IngestLogger } from "@glue-run-tracker/core/ingest";
import { glueFor, publisher, runStoreFor, wiringFor } from "./builders.ts";
import { perAccount } from "./per-account.ts";

/**
 * The home account's deps, and every tracked account's through `accounts.of`
 * (docs/decisions/accounts-flows.md). Without TRACKER_BUS_NAME it imports only: no
 * tracker events, and nothing recorded as announced (`announce: false`), so a later
 * observation announces active runs.
 *
 * @example
 * const deps = backfillDepsFromEnv(process.env);
 * await Ingest.backfillAccounts(deps.accounts, deps.accounts.registry.all, { all: true });
 */
export function backfillDepsFromEnv(
  env: Env = process.env,
  logger?: IngestLogger,
): BackfillDeps & { accounts: Accounts.PerAccount<BackfillDeps>; announcing: boolean } {
  const w = wiringFor(env, "backfill");
  const announcing = w.config[ConfigName.TrackerBusName] !== undefined;
  const events = announcing ? publisher(w) : { publish: async () => {} };
  const deps = Accounts.withHome(
    perAccount(
      w,
      (account): BackfillDeps => ({
        store: runStoreFor(w, account),
        glue: glueFor(w, "backfill", { account }),
        publisher: events,
        ...(announcing ? {} : { announce: false }),
        logger,
      }),
    ),
  );
  return { ...deps, announcing };
}
