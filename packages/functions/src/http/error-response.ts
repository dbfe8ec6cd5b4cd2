/**
 * The one place HTTP status codes are assigned to errors (docs/architecture.md#http-api-and-auth).
 * Errors the tracker raises on purpose carry a Glue-style code and a message meant
 * for the caller; anything else becomes a bare 500 InternalServiceException, its
 * details only in the log. Glue's own text on a 403 or a 5xx (it names role ARNs
 * and account ids) is replaced by a generic message and kept for the log only.
 */
import { TrackerError } from "@glue-run-tracker/core";
// By subpath: the Commands namespace would bundle every command (and the Glue client) into the read function.
import { GLUE_UNREACHABLE_CODE, GlueCallError } from "@glue-run-tracker/core/commands";
import { GlueErrorCode, SeedValidationError } from "@glue-run-tracker/glue-model";
import { ApiError, ApiErrorCode, MethodNotAllowedError } from "./errors.ts";

export const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  [GlueErrorCode.InvalidInput]: 400,
  [GlueErrorCode.ResourceNumberLimitExceeded]: 400,
  [ApiErrorCode.Unauthorized]: 401,
  [ApiErrorCode.AccessDenied]: 403,
  [GlueErrorCode.EntityNotFound]: 404,
  [ApiErrorCode.RouteNotFound]: 404,
  [ApiErrorCode.MethodNotAllowed]: 405,
  [GlueErrorCode.ConcurrentRunsExceeded]: 409,
  [GlueErrorCode.IllegalWorkflowState]: 409,
  [GlueErrorCode.AlreadyExists]: 409,
  [GlueErrorCode.ConcurrentModification]: 409,
  [GlueErrorCode.CrawlerRunning]: 409,
  [GlueErrorCode.CrawlerNotRunning]: 409,
  [GlueErrorCode.Throttling]: 429,
  [GlueErrorCode.InternalService]: 500,
  [GLUE_UNREACHABLE_CODE]: 502,
  [GlueErrorCode.OperationTimeout]: 504,
};

/** DynamoDB's throttling names: the caller should back off, as for Glue's. */
const STORE_THROTTLING = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
]);

export interface ErrorResult {
  statusCode: number;
  code: string;
  message: string;
  headers: Record<string, string>;
  /** True when the caller did nothing wrong: log it as an error. */
  unexpected: boolean;
  /** Glue's own message when the answer hides it (403, 5xx): for the log, never the response. */
  glueMessage?: string;
}

const INTERNAL_MESSAGE = "The tracker could not complete the request; retry later or check its logs with the RequestId";
const GLUE_DENIED_MESSAGE =
  "Glue refused the tracker's call: its role may not act on this workflow (permissions or the deployment's command scope); the details are in the tracker's logs under the RequestId";
const GLUE_FAILED_MESSAGE = "Glue failed to complete the request; retry later, or quote the RequestId to an operator";

/**
 * Maps any thrown value to the status, code and message the API answers with.
 *
 * @example
 * describeError(new EntityNotFoundError("Run x is not tracked")); // { statusCode: 404, code: "EntityNotFoundException", … }
 */
export function describeError(error: unknown): ErrorResult {
  const known = knownError(error);
  if (known) {
    const statusCode = STATUS_BY_CODE[known.code] ?? known.fallbackStatus;
    const headers: Record<string, string> =
      error instanceof MethodNotAllowedError ? { allow: error.allow.join(", ") } : {};
    const fromGlue = error instanceof GlueCallError && error.answered;
    if (fromGlue && (statusCode === 403 || statusCode >= 500)) {
      return {
        statusCode,
        code: known.code,
        message: statusCode === 403 ? GLUE_DENIED_MESSAGE : GLUE_FAILED_MESSAGE,
        headers,
        unexpected: true,
        glueMessage: known.message,
      };
    }
    const exposeMessage = statusCode < 500 || known.code !== GlueErrorCode.InternalService;
    return {
      statusCode,
      code: known.code,
      message: exposeMessage ? known.message : INTERNAL_MESSAGE,
      headers,
      unexpected: statusCode >= 500,
    };
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === "string" && STORE_THROTTLING.has(name)) {
    return {
      statusCode: 429,
      code: GlueErrorCode.Throttling,
      message: "The tracker's store is throttling requests; retry with backoff",
      headers: {},
      unexpected: true,
    };
  }
  return {
    statusCode: 500,
    code: GlueErrorCode.InternalService,
    message: INTERNAL_MESSAGE,
    headers: {},
    unexpected: true,
  };
}

function knownError(error: unknown): { code: string; message: string; fallbackStatus: number } | undefined {
  if (error instanceof GlueCallError) {
    // A Glue exception the table does not list: Glue's own classification decides.
    return { code: error.glueCode, message: error.message, fallbackStatus: error.fault === "client" ? 400 : 502 };
  }
  if (error instanceof TrackerError || error instanceof SeedValidationError || error instanceof ApiError) {
    return { code: error.code, message: error.message, fallbackStatus: 500 };
  }
  return undefined;
}
