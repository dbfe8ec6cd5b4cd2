/**
 * Keyset pagination: a token names the list it belongs to and the last item returned, so
 * items added or removed between pages never make a page repeat or skip another item.
 */
import { InvalidInputError } from "./errors.ts";

interface TokenBody {
  /** Which list (e.g. `runs:<workflow>`), so a token cannot be replayed on another one. */
  l: string;
  /** Sort key of the last item returned. */
  k: string | number;
}

export function encodeToken(list: string, key: string | number): string {
  return Buffer.from(JSON.stringify({ l: list, k: key } satisfies TokenBody)).toString("base64url");
}

export function decodeToken(list: string, token: string): string | number {
  let body: Partial<TokenBody> | undefined;
  try {
    body = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<TokenBody>;
  } catch {
    body = undefined;
  }
  if (!body || body.l !== list || (typeof body.k !== "string" && typeof body.k !== "number")) {
    throw new InvalidInputError("NextToken: not a token of this list");
  }
  return body.k;
}

/**
 * One page of `items` (already in order) after the token's key (from the start without a token). `keyOf` gives each item's sort
 * key; `after(a, b)` says whether key a comes after key b in that order.
 */
export function page<T>(
  list: string,
  items: readonly T[],
  keyOf: (item: T) => string | number,
  after: (a: string | number, b: string | number) => boolean,
  maxResults: number,
  nextToken: string | undefined,
): { items: T[]; nextToken: string | undefined } {
  // Glue's model lets NextToken be any string; an empty one asks for the first page.
  const from = nextToken === undefined || nextToken === "" ? undefined : decodeToken(list, nextToken);
  const rest = from === undefined ? items : items.filter((item) => after(keyOf(item), from));
  const slice = rest.slice(0, maxResults);
  const last = slice.at(-1);
  return {
    items: slice,
    nextToken: rest.length > maxResults && last !== undefined ? encodeToken(list, keyOf(last)) : undefined,
  };
}
