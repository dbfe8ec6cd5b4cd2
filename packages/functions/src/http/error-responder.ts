/**
 * Turns any error into the API's error body `{Code, Message, RequestId}` with the
 * status from `describeError` (the one mapping). Unexpected errors are logged in
 * full; the caller only sees the generic message and the request id to quote.
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import type { MiddlewareObj, Request } from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describeError } from "./error-response.ts";
import { UnauthorizedError } from "./errors.ts";
import { requestIdOf } from "./request.ts";
import { jsonResponse } from "./response.ts";

/**
 * @example
 * middy(handler).use(errorResponder(logger));
 */
export function errorResponder(logger: Logger): MiddlewareObj<APIGatewayProxyEventV2> {
  const errorResponderOnError = (request: Request<APIGatewayProxyEventV2>) => {
    const { error } = request;
    const described = describeError(error);
    if (described.unexpected) {
      logger.error("request failed", {
        code: described.code,
        status: described.statusCode,
        ...(described.glueMessage ? { glueMessage: described.glueMessage } : {}),
        error,
      });
    } else {
      logger.info("request refused", {
        code: described.code,
        status: described.statusCode,
        // Not `message`: Powertools reserves that key and would drop the reason with a warning.
        reason: described.message,
      });
    }
    const headers =
      error instanceof UnauthorizedError ? { ...described.headers, "www-authenticate": "Bearer" } : described.headers;
    request.response = jsonResponse(
      described.statusCode,
      {
        Code: described.code,
        Message: described.message,
        RequestId: requestIdOf(request),
      },
      headers,
    );
  };
  return { name: "errorResponder", onError: errorResponderOnError };
}
