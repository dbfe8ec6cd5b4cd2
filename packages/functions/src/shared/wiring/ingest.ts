/**
 * The ingest function's wiring: per tracked account its store, Glue's reads and per-process
 * caches (built on the account's first event); one recheck queue and one publisher.
 */
import { Accounts, ConfigName, createSqsClient, type Env } from "@glue-run-tracker/core";
import {
  type AccountsIngestDeps,
  createSqsRecheckScheduler,
  type IngestDeps,
  type IngestLogger,
  JobRunLinks,
  NodeIndexCache,
} from "@glue-run-tracker/core/ingest";
import { glueFor, need, publisher, runStoreFor, wiringFor } from "./builders.ts";
import { perAccount } from "./per-account.ts";

/**
 * The home account's deps, and every tracked account's through `accounts.of`
 * (docs/decisions/accounts-flows.md).
 *
 * @example
 * const handler = createIngestHandler(() => ingestDepsFromEnv(process.env, logger), logger);
 */
export function ingestDepsFromEnv(env: Env = process.env, logger?: IngestLogger): AccountsIngestDeps {
  const w = wiringFor(env, "ingest");
  const rechecks = createSqsRecheckScheduler({
    client: createSqsClient(env),
    queueUrl: need(w, ConfigName.IngestQueueUrl),
  });
  const events = publisher(w);
  return Accounts.withHome(
    perAccount(
      w,
      (account): IngestDeps => ({
        account,
        store: runStoreFor(w, account),
        publisher: events,
        glue: glueFor(w, "ingest", { account }),
        rechecks,
        // Job run ids and job names are per account: so are the caches.
        links: new JobRunLinks(),
        nodeIndex: new NodeIndexCache(),
        logger,
      }),
    ),
  );
}
