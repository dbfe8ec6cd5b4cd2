/**
 * Local auth: when a token is configured, every request needs
 * `Authorization: Bearer <token>`. On AWS the stack uses IAM instead and no token
 * is set, so this middleware lets everything through.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { UnauthorizedError } from "./errors.ts";
import { headerOf } from "./request.ts";

const BEARER = /^Bearer +([^\s]+) *$/i;

/** Equal-length digests make the comparison constant-time whatever the lengths of the inputs. */
function sameSecret(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/**
 * True when the request may proceed: no token configured, or the right one presented.
 *
 * @example
 * isAuthorized({ headers: { authorization: "Bearer s3cret" } }, "s3cret"); // true
 */
export function isAuthorized(event: Partial<APIGatewayProxyEventV2>, token: string | undefined): boolean {
  if (token === undefined || token === "") return true;
  const presented = BEARER.exec(headerOf(event, "authorization") ?? "")?.[1];
  return presented !== undefined && sameSecret(presented, token);
}

/**
 * @example
 * middy(handler).use(bearerAuth({ token: process.env.TRACKER_API_TOKEN }));
 */
export function bearerAuth(options: { token: string | undefined }): MiddlewareObj<APIGatewayProxyEventV2> {
  const bearerAuthBefore = (request: { event: APIGatewayProxyEventV2 }) => {
    if (!isAuthorized(request.event, options.token)) throw new UnauthorizedError();
  };
  return { name: "bearerAuth", before: bearerAuthBefore };
}
