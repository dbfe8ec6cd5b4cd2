import { GlueErrorCode } from "@glue-run-tracker/glue-model";
import { TrackerError } from "../errors.ts";

/**
 * Ingest's errors. Every one of them means "this message is not done yet": the
 * handler reports the record as a batch-item failure so SQS delivers it again.
 */
export class IngestError extends TrackerError {
  /** True when a later attempt can succeed (throttling, a publish in flight). */
  readonly retryable: boolean;

  constructor(message: string, options: { retryable?: boolean; cause?: unknown; code?: GlueErrorCode } = {}) {
    super(message, options.code ?? GlueErrorCode.InternalService, { cause: options.cause });
    this.name = "IngestError";
    this.retryable = options.retryable ?? true;
  }
}

/** PutEvents refused some entries (FailedEntryCount > 0) or failed outright. */
export class TrackerEventPublishError extends IngestError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, retryable: true });
    this.name = "TrackerEventPublishError";
  }
}

/**
 * Another invocation holds the announcement lease of this run: the snapshot is
 * stored, and a later attempt confirms that its transition was announced.
 */
export class AnnouncementInProgressError extends IngestError {
  constructor(workflowName: string, runId: string) {
    super(`The state change of ${workflowName}/${runId} is being announced by another invocation`, {
      retryable: true,
    });
    this.name = "AnnouncementInProgressError";
  }
}

/** A message on the ingest queue that is neither a Glue event nor a re-check. */
export class UnrecognizedMessageError extends IngestError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, retryable: false, code: GlueErrorCode.InvalidInput });
    this.name = "UnrecognizedMessageError";
  }
}
