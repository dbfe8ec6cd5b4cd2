/**
 * The local runtime's error hierarchy. Each error names what was wrong in the
 * words of the AWS service it stands in for; the AWS-compatible endpoint maps
 * them to wire errors in one place (aws-endpoint/sqs/wire-errors.ts).
 */

export class LocalRuntimeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LocalRuntimeError";
  }
}

/**
 * An EventBridge pattern the local bus refuses, as EventBridge would (PutRule).
 *
 * @example
 * throw new InvalidEventPatternError("source: match values must be in an array");
 */
export class InvalidEventPatternError extends LocalRuntimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`Event pattern is not valid. Reason: ${message}`, options);
    this.name = "InvalidEventPatternError";
  }
}

/** A request to the local bus that EventBridge answers with ValidationException. */
export class EventsValidationError extends LocalRuntimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EventsValidationError";
  }
}

/** A bus name the local EventBridge does not know. */
export class EventBusNotFoundError extends LocalRuntimeError {
  readonly busName: string;

  constructor(busName: string) {
    super(`Event bus ${busName} does not exist.`);
    this.name = "EventBusNotFoundError";
    this.busName = busName;
  }
}

/** SQS's QueueDoesNotExist (AWS.SimpleQueueService.NonExistentQueue). */
export class QueueDoesNotExistError extends LocalRuntimeError {
  readonly queueName: string;

  constructor(queueName: string) {
    super("The specified queue does not exist.");
    this.name = "QueueDoesNotExistError";
    this.queueName = queueName;
  }
}

/** A second local queue with a name already taken (the runtime creates each queue once). */
export class QueueNameExistsError extends LocalRuntimeError {
  constructor(queueName: string) {
    super(`A queue named ${queueName} already exists`);
    this.name = "QueueNameExistsError";
  }
}

/** The SQS error codes a bad parameter maps to. */
export type QueueParameterErrorCode =
  | "InvalidParameterValue"
  | "MissingParameter"
  | "InvalidMessageContents"
  | "EmptyBatchRequest"
  | "TooManyEntriesInBatchRequest"
  | "BatchEntryIdsNotDistinct"
  | "InvalidBatchEntryId"
  | "BatchRequestTooLong";

/**
 * A request parameter SQS refuses; `code` is the SQS error it answers with.
 *
 * @example
 * throw new InvalidQueueParameterError("MessageBody", "The request must contain the parameter MessageBody.", { code: "MissingParameter" });
 */
export class InvalidQueueParameterError extends LocalRuntimeError {
  readonly parameter: string;
  readonly code: QueueParameterErrorCode;

  constructor(parameter: string, message: string, options?: { code?: QueueParameterErrorCode }) {
    super(message);
    this.name = "InvalidQueueParameterError";
    this.parameter = parameter;
    this.code = options?.code ?? "InvalidParameterValue";
  }
}

/** SQS's ReceiptHandleIsInvalid: a handle this queue never issued. */
export class ReceiptHandleIsInvalidError extends LocalRuntimeError {
  constructor(receiptHandle: string) {
    super(`The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    this.name = "ReceiptHandleIsInvalidError";
  }
}

/** SQS's MessageNotInflight: ChangeMessageVisibility on a message that is not in flight. */
export class MessageNotInflightError extends LocalRuntimeError {
  constructor() {
    super("Message does not exist or is not available for visibility timeout change.");
    this.name = "MessageNotInflightError";
  }
}

/** `idle()` gave up waiting; the message says what was still pending. */
export class IdleTimeoutError extends LocalRuntimeError {
  constructor(message: string) {
    super(message);
    this.name = "IdleTimeoutError";
  }
}

/**
 * A local server could not bind its port. `port` and `host` let the caller name
 * the setting to change (PORT, EVENTS_PORT…).
 */
export class PortInUseError extends LocalRuntimeError {
  readonly port: number;
  readonly host: string;

  constructor(host: string, port: number, options?: { cause?: unknown }) {
    super(`Port ${port} on ${host} is already in use`, options);
    this.name = "PortInUseError";
    this.port = port;
    this.host = host;
  }
}

/** The JSONL alert sink holds a line that is not a JSON alert record. */
export class AlertSinkReadError extends LocalRuntimeError {
  constructor(path: string, line: number, options?: { cause?: unknown }) {
    super(`${path}:${line} is not a JSON alert record`, options);
    this.name = "AlertSinkReadError";
  }
}
