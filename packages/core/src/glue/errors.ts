import { GlueErrorCode } from "@glue-run-tracker/glue-model";
import { TrackerError } from "../errors.ts";

/** A Glue call failed. `retryable` says whether the same call may succeed later. */
export class GlueGatewayError extends TrackerError {
  readonly operation: string;
  readonly retryable: boolean;

  constructor(
    operation: string,
    message: string,
    options: { code?: GlueErrorCode; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.code ?? GlueErrorCode.InternalService, { cause: options.cause });
    this.name = "GlueGatewayError";
    this.operation = operation;
    this.retryable = options.retryable ?? false;
  }
}

/** Glue kept answering ThrottlingException: the message should come back later. */
export class GlueThrottledError extends GlueGatewayError {
  constructor(operation: string, options: { cause?: unknown } = {}) {
    super(operation, `Glue throttled ${operation}; retry later`, {
      ...options,
      code: GlueErrorCode.Throttling,
      retryable: true,
    });
    this.name = "GlueThrottledError";
  }
}

/** Glue could not be reached (connection refused/reset, timeout). */
export class GlueUnavailableError extends GlueGatewayError {
  constructor(operation: string, options: { cause?: unknown } = {}) {
    super(operation, `Glue is unreachable (${operation})`, {
      ...options,
      code: GlueErrorCode.InternalService,
      retryable: true,
    });
    this.name = "GlueUnavailableError";
  }
}
