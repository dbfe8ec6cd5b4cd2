/**
 * What can go wrong when a command calls Glue, in three kinds the API answers
 * differently: Glue refused (its exception passes through under its own name),
 * Glue could not be reached, or Glue did not answer in time.
 */
import { GlueErrorCode } from "@glue-run-tracker/glue-model";
import { TrackerError } from "../errors.ts";

/** The code the API reports when Glue cannot be reached (no Glue exception applies). */
export const GLUE_UNREACHABLE_CODE = "GlueUnreachableException";

export const GlueFailure = { Rejected: "rejected", Unreachable: "unreachable", TimedOut: "timed-out" } as const;
export type GlueFailure = (typeof GlueFailure)[keyof typeof GlueFailure];

/** A Glue call failed; `glueCode` is the exception name to report (Glue's `__type` when Glue answered). */
export class GlueCallError extends TrackerError {
  readonly glueCode: string;
  readonly failure: GlueFailure;
  /** Whose fault, as the SDK classifies a refusal: the request's ("client") or Glue's ("server"). */
  readonly fault: "client" | "server";

  constructor(
    message: string,
    details: { glueCode: string; failure: GlueFailure; fault: "client" | "server" },
    options?: { cause?: unknown },
  ) {
    super(message, knownCode(details.glueCode), options);
    this.name = "GlueCallError";
    this.glueCode = details.glueCode;
    this.failure = details.failure;
    this.fault = details.fault;
  }
}

/** Glue answered with an exception (EntityNotFound, ConcurrentRunsExceeded, Throttling …). */
export class GlueRejectedError extends GlueCallError {
  constructor(glueCode: string, message: string, fault: "client" | "server", options?: { cause?: unknown }) {
    super(message, { glueCode, failure: GlueFailure.Rejected, fault }, options);
    this.name = "GlueRejectedError";
  }
}

export class GlueUnreachableError extends GlueCallError {
  constructor(operation: string, options?: { cause?: unknown }) {
    super(
      `Glue could not be reached for ${operation}`,
      { glueCode: GLUE_UNREACHABLE_CODE, failure: GlueFailure.Unreachable, fault: "server" },
      options,
    );
    this.name = "GlueUnreachableError";
  }
}

export class GlueTimeoutError extends GlueCallError {
  constructor(operation: string, options?: { cause?: unknown }) {
    super(
      `Glue did not answer ${operation} in time`,
      { glueCode: GlueErrorCode.OperationTimeout, failure: GlueFailure.TimedOut, fault: "server" },
      options,
    );
    this.name = "GlueTimeoutError";
  }
}

const KNOWN_CODES = new Set<string>(Object.values(GlueErrorCode));

function knownCode(code: string): GlueErrorCode {
  return KNOWN_CODES.has(code) ? (code as GlueErrorCode) : GlueErrorCode.InternalService;
}

const UNREACHABLE_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "EPIPE",
  "ECONNABORTED",
]);

/**
 * Classifies what the SDK threw for a Glue call (anything else is returned as is). SDK service exceptions carry
 * `$metadata` and `name` = Glue's `__type`; network failures carry an errno `code`;
 * the HTTP handler's timeouts are named TimeoutError (or AbortError when aborted).
 *
 * @example
 * try { await glue.send(new StartWorkflowRunCommand({ Name })); }
 * catch (error) { throw toGlueCallError("StartWorkflowRun", error); }
 */
export function toGlueCallError(operation: string, error: unknown): unknown {
  if (error instanceof GlueCallError) return error;
  const e = error as {
    name?: string;
    message?: string;
    code?: unknown;
    $metadata?: unknown;
    $response?: unknown;
    $fault?: string;
  } | null;
  if (e && typeof e === "object") {
    if (e.name === "TimeoutError" || e.name === "AbortError" || e.code === "ETIMEDOUT") {
      return new GlueTimeoutError(operation, { cause: error });
    }
    if (typeof e.code === "string" && UNREACHABLE_ERRNOS.has(e.code)) {
      return new GlueUnreachableError(operation, { cause: error });
    }
    if (e.$metadata !== undefined && typeof e.name === "string" && /^\w{1,100}$/.test(e.name)) {
      const fault = e.$fault === "client" ? "client" : "server";
      const message = typeof e.message === "string" && e.message !== "" ? e.message : `${operation} failed`;
      return new GlueRejectedError(e.name, message, fault, { cause: error });
    }
    // Another socket error or an answer the SDK could not parse: Glue was not usable.
    if (typeof e.code === "string" || e.$response !== undefined)
      return new GlueUnreachableError(operation, { cause: error });
  }
  // Not a Glue failure (a bug on our side): left as is, the API answers a bare 500.
  return error;
}
