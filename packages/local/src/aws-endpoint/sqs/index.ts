/**
 * `AmazonSQS.<operation>` (JSON 1.0) on the local queues.
 */
import { LocalRuntimeError } from "../../errors.ts";
import type { LocalSqs } from "../../queue/local-sqs.ts";
import { unknownOperation, type WireInput } from "../wire.ts";
import { messageOperations } from "./messages.ts";
import { toWireError } from "./wire-errors.ts";

/** The SQS operations the endpoint speaks. */
export const SQS_OPERATIONS = Object.keys(messageOperations);

export async function runSqsOperation(sqs: LocalSqs, operation: string, input: WireInput): Promise<unknown> {
  const run = Object.hasOwn(messageOperations, operation) ? messageOperations[operation] : undefined;
  if (!run) throw unknownOperation(`AmazonSQS.${operation}`);
  try {
    return await run(sqs, input);
  } catch (error) {
    throw error instanceof LocalRuntimeError ? toWireError(error) : error;
  }
}
