/** What every store operation needs: the client, the table and the store's settings. */
import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { GluePrices } from "../insights/cost.ts";
import type { AccountKeys } from "./keys.ts";
import type { KnownStates } from "./known-states.ts";
import type { TokenCodec } from "./pagination.ts";

export interface StoreContext {
  client: DynamoDBDocumentClient;
  tableName: string;
  tokens: TokenCodec;
  /** Days to keep terminal runs; 0 = forever (no TTL attribute written). */
  retentionDays: number;
  now: () => Date;
  /** Node sets (workflow + job/crawler refs) this process has seen fully indexed. */
  indexedNodeSets: Set<string>;
  /** Runs' states this process last stored (a hint for putSnapshot's write; known-states.ts). */
  knownStates: KnownStates;
  /** Items a filtered page may read before it answers short (page-reader.ts). */
  filteredReadBudget: number;
  /** Prices a run's Cost is computed with (insights/cost.ts). */
  prices: GluePrices;
  /** The keys of the store's account (keys.ts keysFor; docs/decisions/accounts-run-identity.md). */
  keys: AccountKeys;
  /** Stamped on every run and workflow the store returns: `{ AccountId, Region }`, or nothing without an account. */
  identity: { AccountId?: string; Region?: string };
  /** The home account, for the catalog's every-account listing (items without a prefix are its). */
  home?: { accountId: string; region: string };
}

type WriteRequest = { PutRequest: { Item: object } } | { DeleteRequest: { Key: object } };

const BATCH_LIMIT = 25;
const MAX_BATCH_ATTEMPTS = 8;

/** BatchWriteItem in chunks of 25, re-sending unprocessed items with a short backoff. */
export async function writeBatch(
  ctx: Pick<StoreContext, "client" | "tableName">,
  requests: WriteRequest[],
): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_LIMIT) {
    let pending = requests.slice(start, start + BATCH_LIMIT);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_BATCH_ATTEMPTS) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
      const result = await ctx.client.send(
        new BatchWriteCommand({ RequestItems: { [ctx.tableName]: pending as never } }),
      );
      pending = (result.UnprocessedItems?.[ctx.tableName] ?? []) as WriteRequest[];
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}
