/**
 * Ingesting a batch that may mix accounts (docs/decisions/accounts-flows.md): each
 * record's account is the Glue event envelope's `account`/`region` (a re-check names
 * its run's); the records of one account go through the straight flow
 * (ingest-batch.ts) with that account's store and Glue client, each account's group
 * in record order (a run lives in one account, so per-run order holds). A record from
 * an account the configuration does not list is dropped: no retry can make it tracked.
 */
import { type TrackedAccount, UnknownAccountError } from "../accounts/account.ts";
import { type PerAccount, spansAccounts } from "../accounts/per-account.ts";
import type { IngestDeps } from "./deps.ts";
import { IngestError } from "./errors.ts";
import { type IngestedRecord, ingestBatch, type QueueRecord } from "./ingest-batch.ts";
import { type IngestMessage, parseIngestMessage } from "./messages.ts";

/** One account's ingest deps, and (multi-account wiring) every tracked account's. */
export type AccountsIngestDeps = IngestDeps & { accounts?: PerAccount<IngestDeps> };

export interface AccountIngestedRecord extends IngestedRecord {
  /** Set when the record's account is not tracked: acknowledge it (with a warning), never retry. */
  untracked?: UnknownAccountError;
}

/**
 * @example
 * const results = await ingestAcrossAccounts(deps, records);
 * for (const result of results) if (result.untracked) logger.warn(result.untracked.message);
 */
export async function ingestAcrossAccounts(
  deps: AccountsIngestDeps,
  records: readonly QueueRecord[],
): Promise<AccountIngestedRecord[]> {
  if (!spansAccounts(deps.accounts)) return ingestBatch(deps, records);
  const { registry: accounts, of } = deps.accounts;
  const groups = new Map<TrackedAccount, QueueRecord[]>();
  const dropped = new Map<string, AccountIngestedRecord>();
  for (const record of records) {
    let message: IngestMessage | undefined;
    try {
      message = parseIngestMessage(record.body);
    } catch {
      // Unparseable: the home group's flow reports it (not retryable) like any bad body.
    }
    const scope = { accountId: message?.accountId, region: message?.region };
    const account = message ? accounts.find(scope) : accounts.home;
    if (!account) {
      const untracked = new UnknownAccountError({
        accountId: scope.accountId ?? accounts.home.accountId,
        region: scope.region ?? accounts.home.region,
      });
      dropped.set(record.id, { id: record.id, message, runs: [], untracked });
      continue;
    }
    const group = groups.get(account) ?? [];
    group.push(message ? { ...record, message } : record);
    groups.set(account, group);
  }
  const ingested = await Promise.all([...groups].map(([account, group]) => ingestBatch(of(account), group)));
  const byId = new Map<string, AccountIngestedRecord>(dropped);
  for (const result of ingested.flat()) byId.set(result.id, result);
  return records.map(
    (record) =>
      byId.get(record.id) ?? {
        id: record.id,
        runs: [],
        error: new IngestError(`Record ${record.id} was not in the ingested batch`),
      },
  );
}
