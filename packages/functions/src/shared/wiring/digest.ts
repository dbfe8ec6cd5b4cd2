/**
 * The digest function's wiring: every tracked account's store and missed-slot marks, the delivery ledger, and
 * the alerts function's publishers (the digest is one more kind of alert).
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import { Accounts, type Alerts, ConfigName, Digest, type Env, Store } from "@glue-run-tracker/core";
import { alertPublishers } from "./alerts.ts";
import { deliveryLedger, need, runStoreFor, wiringFor } from "./builders.ts";
import { perAccount } from "./per-account.ts";

export interface DigestHandlerDeps {
  digest: Digest.SendDigestDeps;
  schedule: Digest.DigestSchedule;
}

/**
 * @example
 * const deps = await digestDepsFromEnv(process.env, logger); // on AWS
 * const local = await digestDepsFromEnv(env, logger, { sink }); // npm run digest
 */
export async function digestDepsFromEnv(
  env: Env = process.env,
  logger?: Pick<Logger, "warn">,
  local: { sink?: Alerts.AlertSink } = {},
): Promise<DigestHandlerDeps> {
  const w = wiringFor(env, "digest");
  const { publishers } = await alertPublishers(w, logger, local);
  // Every tracked account's workflows, each from its own store (docs/decisions/accounts-flows.md).
  const stores = Accounts.withHome(
    perAccount(w, (account) => ({
      store: runStoreFor(w, account),
      marks: Store.createOverdueMarks({
        client: w.dynamo(),
        tableName: need(w, ConfigName.TableName),
        keys: Store.keysFor(account.keyPrefix),
      }),
    })),
  );
  return {
    digest: { ...stores, ledger: deliveryLedger(w), publishers },
    schedule: Digest.digestScheduleFromEnv(env),
  };
}
