/**
 * Reads one page of a Query whose FilterExpression may drop most of what it reads.
 * DynamoDB applies `Limit` before the filter, so one Query with `Limit: maxResults`
 * can answer a short or empty page while more matching items exist. Here the page
 * is filled by reading on, within a read budget (docs/decisions/store-filtered-pages.md):
 *
 * - it keeps querying until it holds maxResults + 1 matches (the extra one only
 *   proves that another page exists: it is not returned), the index ends, or the
 *   budget of items read is spent;
 * - the next page starts right after the last item returned (its key is the
 *   ExclusiveStartKey), or after the last item read when the budget ran out, so
 *   nothing is skipped and nothing comes twice.
 */
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { StoreContext } from "./context.ts";
import type { StartKey } from "./pagination.ts";

type Item = Record<string, unknown>;

export interface PageRead {
  items: Item[];
  /** Where the next page starts; absent when the index has no more items to read. */
  nextKey?: StartKey;
}

/** Items a filtered page reads at most before it answers (a bounded cost per request). */
export const FILTERED_READ_BUDGET = 2_000;

/** How many more items the next Query reads: grows with each round so sparse matches need few calls. */
function readLimit(wanted: number, round: number, budgetLeft: number): number {
  return Math.max(1, Math.min(budgetLeft, wanted * 4 * 2 ** round));
}

/**
 * @param input the Query without Limit / ExclusiveStartKey; its projection must include `keyAttributes`
 * @param keyAttributes the table's and the index's key attributes (what an ExclusiveStartKey holds)
 * @example
 * const { items, nextKey } = await readPage(ctx, input, { maxResults: 10, startKey, keyAttributes: ["pk", "sk", "gsi1pk", "gsi1sk"] });
 */
export async function readPage(
  ctx: Pick<StoreContext, "client" | "filteredReadBudget">,
  input: Omit<QueryCommandInput, "Limit" | "ExclusiveStartKey">,
  page: { maxResults: number; startKey: StartKey | undefined; keyAttributes: readonly string[] },
): Promise<PageRead> {
  const filtered = input.FilterExpression !== undefined;
  const items: Item[] = [];
  let startKey = page.startKey;
  let read = 0;
  for (let round = 0; ; round++) {
    const wanted = page.maxResults + 1 - items.length;
    const result = await ctx.client.send(
      new QueryCommand({
        ...input,
        // Unfiltered, every item read is a match: ask for exactly what is missing.
        Limit: filtered ? readLimit(wanted, round, ctx.filteredReadBudget - read) : wanted,
        ExclusiveStartKey: startKey,
      }),
    );
    read += result.ScannedCount ?? result.Items?.length ?? 0;
    items.push(...(result.Items ?? []));
    if (items.length > page.maxResults) {
      const returned = items.slice(0, page.maxResults);
      return { items: returned, nextKey: keyOf(returned.at(-1) as Item, page.keyAttributes) };
    }
    startKey = result.LastEvaluatedKey;
    if (startKey === undefined) return { items };
    if (read >= ctx.filteredReadBudget) return { items, nextKey: startKey };
  }
}

function keyOf(item: Item, keyAttributes: readonly string[]): StartKey {
  const key: StartKey = {};
  for (const attribute of keyAttributes) key[attribute] = item[attribute];
  return key;
}
