/**
 * Puts API Gateway's request id on every log line of the invocation (a persistent
 * logger key) and writes one access line per request with its outcome.
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import type { MiddlewareObj, Request } from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { truncate } from "./errors.ts";
import { methodOf, rawPathOf, requestIdOf } from "./request.ts";

type HttpRequest = Request<APIGatewayProxyEventV2, { statusCode?: number } | undefined>;

const started = new WeakMap<object, number>();

/**
 * @example
 * middy(handler).use(requestLog(logger));
 */
export function requestLog(logger: Logger): MiddlewareObj<APIGatewayProxyEventV2> {
  const requestLogBefore = (request: HttpRequest) => {
    logger.appendPersistentKeys({ requestId: requestIdOf(request) });
    started.set(request, performance.now());
  };
  const requestLogAfter = (request: HttpRequest) => {
    const begin = started.get(request);
    logger.info("request", {
      method: methodOf(request.event ?? {}),
      path: truncate(rawPathOf(request.event ?? {})),
      status: request.response?.statusCode,
      durationMs: begin === undefined ? undefined : Math.round(performance.now() - begin),
    });
  };
  return { name: "requestLog", before: requestLogBefore, after: requestLogAfter, onError: requestLogAfter };
}
