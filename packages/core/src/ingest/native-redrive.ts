/**
 * DLQ redrive with SQS's own message-move task (StartMessageMoveTask): SQS moves
 * the messages itself, keeps their attributes, and reports progress. Endpoints that
 * do not speak it (the local runtime's SQS) answer "unknown operation"; the caller
 * then uses the receive → send → delete path (redrive.ts).
 */
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { Metric, recordMetric } from "../metrics.ts";
import { IngestError } from "./errors.ts";
import type { RedriveReport } from "./redrive.ts";

/** Error names that mean "this endpoint has no message-move tasks". */
const UNSUPPORTED = new Set(["UnknownOperationException", "UnsupportedOperation", "InvalidAction"]);

export interface NativeRedriveOptions {
  client: SQSClient;
  dlqUrl: string;
  queueUrl: string;
  /** Between progress checks (default 2 s). */
  pollIntervalMs?: number;
  onMoved?(total: number): void;
}

/**
 * Starts a message-move task from the DLQ to the queue and waits for it to end.
 * Resolves `undefined` when the endpoint does not support it.
 *
 * @example
 * const report = (await nativeRedrive({ client, dlqUrl, queueUrl })) ?? (await redrive({ client, dlqUrl, queueUrl }));
 */
export async function nativeRedrive(options: NativeRedriveOptions): Promise<RedriveReport | undefined> {
  const { client } = options;
  let sourceArn: string;
  let taskHandle: string | undefined;
  try {
    sourceArn = await queueArn(client, options.dlqUrl);
    const destinationArn = await queueArn(client, options.queueUrl);
    ({ TaskHandle: taskHandle } = await client.send(
      new StartMessageMoveTaskCommand({ SourceArn: sourceArn, DestinationArn: destinationArn }),
    ));
  } catch (error) {
    if (UNSUPPORTED.has((error as { name?: string }).name ?? "")) return undefined;
    throw error;
  }
  for (;;) {
    const { Results = [] } = await client.send(
      new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 10 }),
    );
    const task = Results.find((result) => result.TaskHandle === taskHandle) ?? Results[0];
    const moved = task?.ApproximateNumberOfMessagesMoved ?? 0;
    options.onMoved?.(moved);
    if (task?.Status === "COMPLETED") {
      recordMetric(Metric.DlqRedrives, moved, { Queue: queueName(options.queueUrl) });
      return { moved, failed: 0 };
    }
    if (task?.Status === "FAILED" || task?.Status === "CANCELLED") {
      recordMetric(Metric.DlqRedrives, moved, { Queue: queueName(options.queueUrl) });
      throw new IngestError(`The message-move task ${task.Status}: ${task.FailureReason ?? "no reason given"}`, {
        retryable: false,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 2000));
  }
}

async function queueArn(client: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new IngestError(`SQS did not return the ARN of ${queueUrl}`, { retryable: false });
  return arn;
}

function queueName(queueUrl: string): string {
  return queueUrl.split("/").at(-1) ?? queueUrl;
}
