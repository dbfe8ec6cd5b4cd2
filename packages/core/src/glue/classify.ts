/**
 * The one classifier: what the AWS SDK threw for a Glue call → GlueCallError, with
 * Glue's exception names mapped to failures here and nowhere else; and, for queue
 * records, whether failed work is worth retrying.
 */
import { GlueErrorCode } from "@glue-run-tracker/glue-model";
import { MemberRoleError } from "../accounts/role-error.ts";
import { GLUE_UNREACHABLE_CODE, GlueCallError, GlueFailure } from "./errors.ts";

const THROTTLING_NAMES: ReadonlySet<string> = new Set([
  GlueErrorCode.Throttling,
  "Throttling", // the awsQuery services' code (STS, for a member role's credentials)
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
]);
/** Glue's exception names with a failure of their own; other 4xx names are Refused, 5xx GlueFault. */
const FAILURE_BY_NAME: Readonly<Record<string, GlueFailure>> = {
  [GlueErrorCode.EntityNotFound]: GlueFailure.NotFound,
  [GlueErrorCode.InvalidInput]: GlueFailure.InvalidInput,
  [GlueErrorCode.ConcurrentRunsExceeded]: GlueFailure.ConcurrentRunsExceeded,
  [GlueErrorCode.ConcurrentModification]: GlueFailure.ConcurrentModification,
  [GlueErrorCode.InternalService]: GlueFailure.GlueFault,
  [GlueErrorCode.OperationTimeout]: GlueFailure.GlueFault,
};
/** STS's awsQuery codes → the Glue exception of the same meaning (what the API maps to a status). */
const GLUE_CODE_OF_STS: Readonly<Record<string, string>> = {
  AccessDenied: "AccessDeniedException",
  Throttling: GlueErrorCode.Throttling,
};
const NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
]);

interface SdkErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
  $response?: unknown;
  cause?: unknown;
}

function isThrottling(error: SdkErrorLike | undefined): boolean {
  return THROTTLING_NAMES.has(String(error?.name)) || error?.$metadata?.httpStatusCode === 429;
}

/** A socket-level failure anywhere in the cause chain (handlers and the SDK wrap what they caught). */
function isNetworkFailure(error: unknown): boolean {
  let current = error as SdkErrorLike | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (NETWORK_CODES.has(String(current.code))) return true;
    current = current.cause as SdkErrorLike | undefined;
  }
  return false;
}

/**
 * What the SDK threw for `operation` → GlueCallError. SDK service exceptions carry
 * `$metadata` and `name` = Glue's `__type`; network failures an errno `code`; the
 * HTTP handler's timeouts are named TimeoutError (AbortError when aborted). Anything
 * else (a bug on our side) is returned as is.
 *
 * @example
 * try { await client.send(new StartWorkflowRunCommand({ Name })); }
 * catch (error) { throw toGlueCallError("StartWorkflowRun", error); }
 */
export function toGlueCallError(operation: string, error: unknown): unknown {
  if (error instanceof GlueCallError || error === null || typeof error !== "object") return error;
  const e = error as SdkErrorLike;
  const glueMessage = typeof e.message === "string" && e.message !== "" ? e.message : `${operation} failed`;
  const make = (failure: GlueFailure, glueCode: string, message: string, fault: "client" | "server" = "server") =>
    new GlueCallError(operation, message, { failure, glueCode, fault }, { cause: error });

  if (error instanceof MemberRoleError) {
    // No credentials for the member account: classed as STS's answer was (AccessDenied: refused,
    // throttled or unreachable: retryable), reported with the message naming the account and role,
    // under the Glue code of the same meaning (the API answers AccessDenied 403 without the ARNs).
    const sts = toGlueCallError(operation, error.cause);
    const { failure, fault, glueCode } =
      sts instanceof GlueCallError ? sts : { failure: GlueFailure.Refused, fault: "client" as const, glueCode: "" };
    const code = GLUE_CODE_OF_STS[error.stsCode] ?? (glueCode || error.stsCode);
    return new GlueCallError(operation, error.message, { failure, glueCode: code, fault }, { cause: error });
  }
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.code === "ETIMEDOUT") {
    return make(GlueFailure.TimedOut, GlueErrorCode.OperationTimeout, `Glue did not answer ${operation} in time`);
  }
  if (isNetworkFailure(e)) {
    return make(GlueFailure.Unreachable, GLUE_UNREACHABLE_CODE, `Glue could not be reached for ${operation}`);
  }
  if (e.$metadata !== undefined && typeof e.name === "string" && /^\w{1,100}$/.test(e.name)) {
    const fault = e.$fault === "client" ? "client" : "server";
    const status = e.$metadata.httpStatusCode;
    const failure = isThrottling(e)
      ? GlueFailure.Throttled
      : (FAILURE_BY_NAME[e.name] ??
        (status === undefined || status >= 500 ? GlueFailure.GlueFault : GlueFailure.Refused));
    return make(failure, e.name, glueMessage, fault);
  }
  // Another socket error, or an answer the SDK could not parse: Glue was not usable.
  if (typeof e.code === "string" || e.$response !== undefined) {
    return make(GlueFailure.Unreachable, GLUE_UNREACHABLE_CODE, `Glue could not be reached for ${operation}`);
  }
  return error;
}

/**
 * Whether a failed Glue call may succeed if made again: the failure's `retryable`;
 * an error that is not a Glue failure at all (a bug, a non-error) counts as
 * retryable, as nothing says the work is wrong.
 *
 * @example
 * if (!isRetryableGlueCall(error)) return refused(error); // Glue said no for good
 */
export function isRetryableGlueCall(error: unknown): boolean {
  const classified = toGlueCallError("", error);
  return classified instanceof GlueCallError ? classified.retryable : true;
}

/** "ExceptionName: Glue's message" for a failed Glue call; "name: message" for anything else. */
export function describeGlueFailure(error: unknown): string {
  if (error instanceof GlueCallError) return `${error.glueCode}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
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
 * The classifier of failed work (queue records): true when a retry of the record
 * may succeed. `retryable: true` (the tracker's errors) wins; a `retryable: false`
 * whose code is outside PERMANENT_CODES (e.g. AccessDenied) still retries. The
 * cause chain is searched, as handlers wrap what they caught.
 *
 * @example
 * isRetryable(new UnrecognizedMessageError("not JSON")); // false: straight to the DLQ
 * isRetryable(toGlueCallError("GetWorkflowRun", throttled)); // true: back off and retry
 */
export function isRetryable(error: unknown): boolean {
  let current = error as (SdkErrorLike & { retryable?: unknown }) | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.retryable === true || isThrottling(current) || isNetworkFailure(current)) return true;
    if (PERMANENT_CODES.has(String(current.code))) return false;
    if (PERMANENT_NAMES.has(String(current.name))) return false;
    current = current.cause as typeof current;
  }
  return true;
}
