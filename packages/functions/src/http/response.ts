/** JSON responses in API Gateway's payload v2 result shape. */
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export type JsonResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

/**
 * @example
 * jsonResponse(201, { RunId: "wr_1" });
 */
export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): JsonResponse {
  return {
    statusCode,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(body),
  };
}
