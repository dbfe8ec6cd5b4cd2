/**
 * glue-local's errors. Every error a client may see carries the `__type` Glue would send
 * (`code`); the server turns any other throw into an InternalServiceException 500.
 */
import { GlueErrorCode } from "@glue-run-tracker/glue-model";

/** Base error of the package: an AWS-shaped error answered with HTTP 400. */
export class GlueLocalError extends Error {
  readonly code: string;
  readonly statusCode: number = 400;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GlueLocalError";
    this.code = code;
  }
}

export class EntityNotFoundError extends GlueLocalError {
  constructor(message: string) {
    super(GlueErrorCode.EntityNotFound, message);
    this.name = "EntityNotFoundError";
  }
}

export class AlreadyExistsError extends GlueLocalError {
  constructor(message: string) {
    super(GlueErrorCode.AlreadyExists, message);
    this.name = "AlreadyExistsError";
  }
}

export class InvalidInputError extends GlueLocalError {
  constructor(message: string) {
    super(GlueErrorCode.InvalidInput, message);
    this.name = "InvalidInputError";
  }
}

export class ConcurrentRunsExceededError extends GlueLocalError {
  constructor(message: string) {
    super(GlueErrorCode.ConcurrentRunsExceeded, message);
    this.name = "ConcurrentRunsExceededError";
  }
}

export class IllegalWorkflowStateError extends GlueLocalError {
  constructor(message: string) {
    super(GlueErrorCode.IllegalWorkflowState, message);
    this.name = "IllegalWorkflowStateError";
  }
}

export class ResourceNumberLimitExceededError extends GlueLocalError {
  constructor(message: string) {
    super(GlueErrorCode.ResourceNumberLimitExceeded, message);
    this.name = "ResourceNumberLimitExceededError";
  }
}

export class CrawlerRunningError extends GlueLocalError {
  constructor(message: string) {
    super(GlueErrorCode.CrawlerRunning, message);
    this.name = "CrawlerRunningError";
  }
}

export class CrawlerNotRunningError extends GlueLocalError {
  constructor(message: string) {
    super(GlueErrorCode.CrawlerNotRunning, message);
    this.name = "CrawlerNotRunningError";
  }
}

export class CrawlerStoppingError extends GlueLocalError {
  constructor(message: string) {
    super("CrawlerStoppingException", message);
    this.name = "CrawlerStoppingError";
  }
}

export class ThrottlingError extends GlueLocalError {
  constructor() {
    super(GlueErrorCode.Throttling, "Rate exceeded");
    this.name = "ThrottlingError";
  }
}

/** The body is not a JSON object (AWS JSON protocols answer SerializationException). */
export class SerializationError extends GlueLocalError {
  constructor(message: string) {
    super("SerializationException", message);
    this.name = "SerializationError";
  }
}

/** Missing or unknown `X-Amz-Target`, or not a POST. */
export class UnknownOperationError extends GlueLocalError {
  constructor(message: string) {
    super("UnknownOperationException", message);
    this.name = "UnknownOperationError";
  }
}
