/**
 * Local auth: when a token is configured, every request needs
 * `Authorization: Bearer <token>`: the API token (every account) or one of the
 * account tokens (limited to their accounts, http/caller-accounts.ts). On AWS the
 * stack uses IAM or a JWT authorizer instead and no token is set, so this middleware
 * lets everything through.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { UnauthorizedError } from "./errors.ts";
import { headerOf } from "./request.ts";

const BEARER = /^Bearer +([^\s]+) *$/i;

/** Equal-length digests make the comparison constant-time whatever the lengths of the inputs. */
export function sameSecret(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** The bearer token of the request, if any. */
export function presentedToken(event: Partial<APIGatewayProxyEventV2>): string | undefined {
  return BEARER.exec(headerOf(event, "authorization") ?? "")?.[1];
}

/**
 * True when the request may proceed: no token configured, or one of them presented.
 *
 * @example
 * isAuthorized({ headers: { authorization: "Bearer s3cret" } }, "s3cret"); // true
 */
export function isAuthorized(
  event: Partial<APIGatewayProxyEventV2>,
  token: string | undefined,
  accountTokens: readonly string[] = [],
): boolean {
  const accepted = [token, ...accountTokens].filter((t): t is string => t !== undefined && t !== "");
  if (accepted.length === 0) return true;
  const presented = presentedToken(event);
  if (presented === undefined) return false;
  // Every candidate is compared, so the time does not tell which one matched.
  return accepted.map((candidate) => sameSecret(presented, candidate)).some(Boolean);
}

/**
 * @example
 * middy(handler).use(bearerAuth({ token: process.env.TRACKER_API_TOKEN }));
 */
export function bearerAuth(options: {
  token: string | undefined;
  accountTokens?: readonly string[];
}): MiddlewareObj<APIGatewayProxyEventV2> {
  const bearerAuthBefore = (request: { event: APIGatewayProxyEventV2 }) => {
    if (!isAuthorized(request.event, options.token, options.accountTokens)) throw new UnauthorizedError();
  };
  return { name: "bearerAuth", before: bearerAuthBefore };
}
