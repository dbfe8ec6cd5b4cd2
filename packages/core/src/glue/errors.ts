/**
 * The one error for a failed Glue call, whoever made it (ingest, the reconciler,
 * commands, auto-resume). `failure` says what went wrong in the tracker's words;
 * `retryable` whether the same call may succeed later; `glueCode` is Glue's
 * exception name (what the API reports); `fault` is the SDK's own classing of a
 * refusal. See docs/decisions/glue-one-client.md.
 */
import { GlueErrorCode } from "@glue-run-tracker/glue-model";
import { TrackerError } from "../errors.ts";

/** The code the API reports when Glue cannot be reached (no Glue exception applies). */
export const GLUE_UNREACHABLE_CODE = "GlueUnreachableException";

export const GlueFailure = {
  /** ThrottlingException (or an HTTP 429): back off and retry. */
  Throttled: "throttled",
  /** EntityNotFoundException: the workflow, run, job run or trigger is unknown (Glue forgets runs after 90 days). */
  NotFound: "not-found",
  /** InvalidInputException: the request itself is wrong. */
  InvalidInput: "invalid-input",
  /** ConcurrentRunsExceededException: the workflow's run limit is reached for now. */
  ConcurrentRunsExceeded: "concurrent-runs-exceeded",
  /** ConcurrentModificationException: another writer got there first; the same call may succeed later. */
  ConcurrentModification: "concurrent-modification",
  /** Any other refusal of the request (IllegalWorkflowState, AccessDenied, …): the same call fails again. */
  Refused: "refused",
  /** Glue's own failure (InternalService, OperationTimeout, a 5xx). */
  GlueFault: "glue-fault",
  /** Glue could not be reached (connection refused or reset, DNS, an unparseable answer). */
  Unreachable: "unreachable",
  /** Glue did not answer in time (the SDK's request timeout or the caller's abort). */
  TimedOut: "timed-out",
} as const;
export type GlueFailure = (typeof GlueFailure)[keyof typeof GlueFailure];

/** Failures after which the same call can succeed later. */
const RETRYABLE_FAILURES: ReadonlySet<GlueFailure> = new Set([
  GlueFailure.Throttled,
  GlueFailure.ConcurrentRunsExceeded,
  GlueFailure.ConcurrentModification,
  GlueFailure.GlueFault,
  GlueFailure.Unreachable,
  GlueFailure.TimedOut,
]);

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(GlueErrorCode));

/**
 * A Glue call failed.
 *
 * @example
 * if (error instanceof GlueCallError && error.failure === GlueFailure.NotFound) return undefined;
 */
export class GlueCallError extends TrackerError {
  readonly operation: string;
  readonly failure: GlueFailure;
  /** Glue's exception name when Glue answered; GlueUnreachableException or OperationTimeoutException otherwise. */
  readonly glueCode: string;
  /** Whose fault, as the SDK classes a refusal: the request's ("client") or Glue's ("server"). */
  readonly fault: "client" | "server";
  readonly retryable: boolean;

  constructor(
    operation: string,
    message: string,
    details: { failure: GlueFailure; glueCode: string; fault: "client" | "server" },
    options?: { cause?: unknown },
  ) {
    const code = KNOWN_CODES.has(details.glueCode)
      ? (details.glueCode as GlueErrorCode)
      : GlueErrorCode.InternalService;
    super(message, code, options);
    this.name = "GlueCallError";
    this.operation = operation;
    this.failure = details.failure;
    this.glueCode = details.glueCode;
    this.fault = details.fault;
    this.retryable = RETRYABLE_FAILURES.has(details.failure);
  }

  /** Glue answered with an exception (as opposed to not being reached or not answering in time). */
  get answered(): boolean {
    return this.failure !== GlueFailure.Unreachable && this.failure !== GlueFailure.TimedOut;
  }
}
