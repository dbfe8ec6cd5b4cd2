/**
 * The core's error hierarchy. Each error carries the Glue-style `code` the API
 * maps to an HTTP status (in packages/functions, one place), so core never deals
 * in status codes. Extend `TrackerError` for new cases; keep `name` = class name.
 */
import { GlueErrorCode } from "@glue-run-tracker/glue-model";

export class TrackerError extends Error {
  readonly code: GlueErrorCode;

  constructor(message: string, code: GlueErrorCode = GlueErrorCode.InternalService, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TrackerError";
    this.code = code;
  }
}

/**
 * Input the tracker refuses (a bad or tampered `nextToken`, an out-of-range `maxResults`).
 *
 * @example
 * throw new InvalidInputError("nextToken is invalid or was issued for another query");
 */
export class InvalidInputError extends TrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, GlueErrorCode.InvalidInput, options);
    this.name = "InvalidInputError";
  }
}

/**
 * Something the caller named does not exist (a run, a workflow).
 *
 * @example
 * throw new EntityNotFoundError(`Run ${runId} of workflow ${name} is not tracked`);
 */
export class EntityNotFoundError extends TrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, GlueErrorCode.EntityNotFound, options);
    this.name = "EntityNotFoundError";
  }
}
