/** Sorting SDK errors from Glue into what the tracker does about them. */
import { GlueErrorCode } from "@glue-run-tracker/glue-model";
import { GlueGatewayError, GlueThrottledError, GlueUnavailableError } from "./errors.ts";

const THROTTLING_NAMES: ReadonlySet<string> = new Set([
  GlueErrorCode.Throttling,
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
]);
const TRANSIENT_NAMES: ReadonlySet<string> = new Set([GlueErrorCode.InternalService, GlueErrorCode.OperationTimeout]);
const NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
]);
const GLUE_CODES: ReadonlySet<string> = new Set(Object.values(GlueErrorCode));

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

export function isThrottling(error: unknown): boolean {
  const e = error as SdkErrorLike | undefined;
  return THROTTLING_NAMES.has(e?.name ?? "") || e?.$metadata?.httpStatusCode === 429;
}

export function isEntityNotFound(error: unknown): boolean {
  return (error as SdkErrorLike | undefined)?.name === GlueErrorCode.EntityNotFound;
}

function isNetworkFailure(error: unknown): boolean {
  let current = error as SdkErrorLike | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (NETWORK_CODES.has(current.code ?? "") || current.name === "TimeoutError") return true;
    current = current.cause as SdkErrorLike | undefined;
  }
  return false;
}

/** The tracker's error for a failed Glue call (throttling and outages are retryable). */
export function toGatewayError(operation: string, error: unknown): GlueGatewayError {
  if (error instanceof GlueGatewayError) return error;
  if (isThrottling(error)) return new GlueThrottledError(operation, { cause: error });
  if (isNetworkFailure(error)) return new GlueUnavailableError(operation, { cause: error });
  const e = error as SdkErrorLike | undefined;
  const name = e?.name ?? "Error";
  const code = GLUE_CODES.has(name) ? (name as GlueErrorCode) : GlueErrorCode.InternalService;
  return new GlueGatewayError(operation, `Glue ${operation} failed: ${name}: ${e?.message ?? String(error)}`, {
    code,
    retryable: TRANSIENT_NAMES.has(name) || (e?.$metadata?.httpStatusCode ?? 0) >= 500,
    cause: error,
  });
}

/**
 * Errors that say the work itself is wrong, so no later attempt can succeed: Glue
 * refusing the input or not knowing the entity, the tracker refusing a message or a
 * snapshot (its errors carry the same codes), a body that is not JSON or not the
 * expected shape. Everything else — throttling, outages, access denied (fixable by
 * a deploy), unknown errors — is worth retrying.
 */
const PERMANENT_CODES: ReadonlySet<string> = new Set([GlueErrorCode.InvalidInput, GlueErrorCode.EntityNotFound]);
const PERMANENT_NAMES: ReadonlySet<string> = new Set([...PERMANENT_CODES, "SyntaxError", "ZodError"]);

/**
 * The one classifier of failed work (queue records, Glue calls): true when a retry
 * may succeed. `retryable: true` (the tracker's errors) wins; a `retryable: false`
 * whose code is outside PERMANENT_CODES (e.g. AccessDenied) still retries. The
 * cause chain is searched, as handlers wrap what they caught.
 *
 * @example
 * isRetryable(new UnrecognizedMessageError("not JSON")); // false: straight to the DLQ
 * isRetryable(new GlueThrottledError("GetWorkflowRun")); // true: back off and retry
 */
export function isRetryable(error: unknown): boolean {
  let current = error as (SdkErrorLike & { retryable?: unknown }) | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.retryable === true || isThrottling(current) || isNetworkFailure(current)) return true;
    if (PERMANENT_CODES.has(current.code ?? "")) return false;
    if (PERMANENT_NAMES.has(current.name ?? "")) return false;
    current = current.cause as typeof current;
  }
  return true;
}
