/**
 * Opaque, tamper-evident pagination tokens: base64url(JSON of DynamoDB's
 * LastEvaluatedKey + the query it belongs to) "." base64url(HMAC-SHA256). A token
 * that was modified, signed with another secret or issued for another query is
 * refused with an InvalidInputError, never passed on to DynamoDB.
 *
 * Key rotation: tokens are signed with the current key and accepted when signed
 * with the current or the previous one, so a token handed out just before a
 * rotation still works (docs/decisions/security-pagination-key.md).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { InvalidInputError } from "../errors.ts";

export type StartKey = Record<string, unknown>;

export const MAX_RESULTS = { min: 1, max: 1000, default: 100 } as const;

/** The HMAC keys: sign with `current`; also accept `previous` (the key before the last rotation). */
export interface PaginationKeys {
  current: string;
  previous?: string;
}

export interface TokenCodec {
  /** Token for the page after `lastKey` of the query identified by `binding`. */
  encode(lastKey: StartKey, binding: string): string;
  /** The ExclusiveStartKey the token carries; throws InvalidInputError unless genuine and for `binding`. */
  decode(token: string, binding: string): StartKey;
}

/**
 * @example
 * const tokens = createTokenCodec({ current: "k2", previous: "k1" }); // or one key: createTokenCodec("k1")
 * const next = tokens.encode(LastEvaluatedKey, "runs|nightly-etl");
 * const start = tokens.decode(next, "runs|nightly-etl");
 */
export function createTokenCodec(keys: string | PaginationKeys): TokenCodec {
  const { current, previous } = typeof keys === "string" ? { current: keys, previous: undefined } : keys;
  if (current.length === 0) throw new Error("A pagination secret is required");
  const accepted = previous ? [current, previous] : [current];
  const hmac = (key: string, payload: string) => createHmac("sha256", key).update(payload).digest();
  const sign = (payload: string) => hmac(current, payload);
  const genuine = (payload: string, given: Buffer) =>
    accepted.some((key) => {
      const expected = hmac(key, payload);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  return {
    encode(lastKey, binding) {
      const payload = Buffer.from(JSON.stringify({ k: lastKey, q: binding })).toString("base64url");
      return `${payload}.${sign(payload).toString("base64url")}`;
    },
    decode(token, binding) {
      const [payload, signature, extra] = token.split(".");
      if (!payload || !signature || extra !== undefined) throw invalidToken();
      if (!genuine(payload, Buffer.from(signature, "base64url"))) throw invalidToken();
      const body = parse(payload);
      if (body.q !== binding) throw invalidToken("it was issued for another query");
      return body.k;
    },
  };
}

/** maxResults validated (1–1000) with its default. */
export function pageSize(maxResults: number | undefined): number {
  if (maxResults === undefined) return MAX_RESULTS.default;
  if (!Number.isInteger(maxResults) || maxResults < MAX_RESULTS.min || maxResults > MAX_RESULTS.max) {
    throw new InvalidInputError(`maxResults must be an integer from ${MAX_RESULTS.min} to ${MAX_RESULTS.max}`);
  }
  return maxResults;
}

function parse(payload: string): { k: StartKey; q: string } {
  try {
    const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (body && typeof body.k === "object" && body.k !== null && typeof body.q === "string") return body;
  } catch (cause) {
    throw invalidToken(undefined, cause);
  }
  throw invalidToken();
}

function invalidToken(reason = "it was modified or not issued by this tracker", cause?: unknown): InvalidInputError {
  return new InvalidInputError(`Invalid nextToken: ${reason}`, { cause });
}
