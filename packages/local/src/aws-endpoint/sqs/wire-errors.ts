/**
 * The one place local errors become SQS wire errors. `__type` is the JSON protocol's shape
 * name; the query code (x-amzn-query-error) is what @aws-sdk/client-sqs 3.1169 matches first
 * (awsQueryCompatible), then falls back to `__type` — both are sent, as SQS does.
 */
import {
  InvalidQueueParameterError,
  type LocalRuntimeError,
  MessageNotInflightError,
  QueueDoesNotExistError,
  ReceiptHandleIsInvalidError,
} from "../../errors.ts";
import { AwsWireError } from "../wire.ts";

const NAMESPACE = "com.amazonaws.sqs#";

/** Query codes of the modelled errors (from the SQS model's awsQueryError traits). */
const QUERY_CODES: Record<string, string> = {
  QueueDoesNotExist: "AWS.SimpleQueueService.NonExistentQueue",
  MessageNotInflight: "AWS.SimpleQueueService.MessageNotInflight",
  EmptyBatchRequest: "AWS.SimpleQueueService.EmptyBatchRequest",
  TooManyEntriesInBatchRequest: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
  BatchEntryIdsNotDistinct: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
  InvalidBatchEntryId: "AWS.SimpleQueueService.InvalidBatchEntryId",
  BatchRequestTooLong: "AWS.SimpleQueueService.BatchRequestTooLong",
};

function sqsError(shape: string, message: string, status = 400): AwsWireError {
  return new AwsWireError(`${NAMESPACE}${shape}`, message, { status, queryCode: QUERY_CODES[shape] ?? shape });
}

/** Maps a local error to its SQS wire error; anything unknown is rethrown (the server answers 500). */
export function toWireError(error: LocalRuntimeError): AwsWireError {
  if (error instanceof QueueDoesNotExistError) return sqsError("QueueDoesNotExist", error.message);
  if (error instanceof ReceiptHandleIsInvalidError) return sqsError("ReceiptHandleIsInvalid", error.message, 404);
  if (error instanceof MessageNotInflightError) return sqsError("MessageNotInflight", error.message);
  if (error instanceof InvalidQueueParameterError) return sqsError(error.code, error.message);
  throw error;
}
