/**
 * What the shared SQS consumer wrapper does with a failed record, against the local
 * SQS through its AWS endpoint and the real SDK client: a poison record goes to the
 * DLQ at once; any other failure comes back after a backoff of seconds that grows
 * with the receive count, capped by the visibility timeout.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Glue, Ingest, Topology } from "@glue-run-tracker/core";
import type { SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordQueueFromEnv } from "../../packages/functions/src/shared/record-queue.ts";
import { type RecordFailures, sqsBatchHandler } from "../../packages/functions/src/shared/sqs-batch.ts";
import { type AwsEndpoint, startAwsEndpoint } from "../../packages/local/src/aws-endpoint/index.ts";
import { LocalEventBridge } from "../../packages/local/src/bus/index.ts";
import { createLambdaContext } from "../../packages/local/src/lambda/context.ts";
import { silentLogger } from "../../packages/local/src/logger.ts";
import { type LocalQueue, LocalSqs, toSqsRecord } from "../../packages/local/src/queue/index.ts";

const glueRefusal = (name: string, status: number) =>
  Glue.toGlueCallError(
    "GetWorkflowRun",
    Object.assign(new Error("refused"), { name, $metadata: { httpStatusCode: status } }),
  ) as Error;
const throttled = () => glueRefusal("ThrottlingException", 400);

describe("sqsBatchHandler: poison records and per-message backoff", () => {
  let now = 1_700_000_000_000;
  let sqs: LocalSqs;
  let endpoint: AwsEndpoint;
  let queue: LocalQueue;
  let dlq: LocalQueue;
  let env: Record<string, string>;
  const logger = new Logger({ serviceName: "ingest", logLevel: "SILENT" });

  beforeAll(async () => {
    sqs = new LocalSqs({ clock: () => now, logger: silentLogger });
    endpoint = await startAwsEndpoint({ port: 0, eventBridge: new LocalEventBridge({ buses: [] }), sqs });
  });
  afterAll(async () => {
    await endpoint.close();
    await sqs.stop();
  });
  beforeEach(() => {
    const name = `ingest${Math.floor(Math.random() * 1e9)}`;
    dlq = sqs.createQueue(`${name}-dlq`);
    queue = sqs.createQueue(name, {
      visibilityTimeoutSeconds: Topology.visibilityTimeoutSeconds(Topology.Queues.ingest),
      deadLetterQueue: { queue: dlq, maxReceiveCount: Topology.Queues.ingest.maxReceiveCount },
    });
    env = { AWS_REGION: "us-east-1", SQS_ENDPOINT: endpoint.url, DEAD_LETTER_QUEUE_URL: dlq.url };
  });

  /** Receives the one message sent, hands it to a handler that fails with `error`, returns the response. */
  async function failOnce(error: Error, options: { receiveCount?: string; dlqUrl?: string } = {}) {
    queue.send("a body");
    const [message] = queue.take(1);
    if (!message) throw new Error("nothing received");
    const record: SQSRecord = toSqsRecord(message, queue);
    if (options.receiveCount) record.attributes.ApproximateReceiveCount = options.receiveCount;
    const failures: RecordFailures = {
      queue: Topology.Queues.ingest,
      sqs: () => recordQueueFromEnv({ ...env, DEAD_LETTER_QUEUE_URL: options.dlqUrl ?? env.DEAD_LETTER_QUEUE_URL }),
      random: () => 0,
    };
    const handler = sqsBatchHandler(
      logger,
      async () => {
        throw error;
      },
      failures,
    );
    const response = await handler({ Records: [record] }, createLambdaContext({ functionName: "ingest" }));
    return { response, messageId: message.messageId };
  }

  it("a throttled record comes back after a second, not after the visibility timeout", async () => {
    // Act
    const { response, messageId } = await failOnce(throttled());

    // Assess: reported failed, in flight now, visible one second later (random 0: half of 2 s)
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: messageId }]);
    expect(queue.counts()).toMatchObject({ visible: 0, notVisible: 1 });
    now += 1_000;
    expect(queue.counts()).toMatchObject({ visible: 1, notVisible: 0 });
  });

  it("the backoff grows with the receive count (4th receive: 8 s) and the visibility timeout caps it", async () => {
    // Act
    await failOnce(throttled(), { receiveCount: "4" });

    // Assess
    now += 7_000;
    expect(queue.counts().visible).toBe(0);
    now += 1_000;
    expect(queue.counts().visible).toBe(1);

    // Act: the 20th receive would wait 2^19 s; the ceiling is the 180 s visibility timeout (half fixed at random 0)
    queue.purge();
    await failOnce(throttled(), { receiveCount: "20" });
    now += 89_000;
    expect(queue.counts().visible).toBe(0);
    now += 1_000;
    expect(queue.counts().visible).toBe(1);
  });

  it("an unparseable message goes to the DLQ at once, with why, and is acknowledged", async () => {
    // Act
    const { response } = await failOnce(new Ingest.UnrecognizedMessageError("The message body is not JSON"));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const [dead] = await dlq.receive({ maxNumberOfMessages: 10 });
    expect(dead?.body).toBe("a body");
    expect(dead?.messageAttributes.TrackerError?.StringValue).toContain("UnrecognizedMessageError");
    expect(dead?.messageAttributes.TrackerSourceQueueArn?.StringValue).toBe(queue.arn);
  });

  it("Glue's InvalidInputException and EntityNotFoundException are poison; AccessDenied and 5xx are retried", async () => {
    for (const [name, status, poison] of [
      ["InvalidInputException", 400, true],
      ["EntityNotFoundException", 400, true],
      ["AccessDeniedException", 403, false],
      ["InternalServiceException", 500, false],
    ] as const) {
      queue.purge();
      dlq.purge();
      const { response } = await failOnce(glueRefusal(name, status));
      expect({ name, failed: response.batchItemFailures.length, dead: dlq.counts().visible }).toEqual({
        name,
        failed: poison ? 0 : 1,
        dead: poison ? 1 : 0,
      });
    }
  });

  it("a poison record whose DLQ refuses it is not lost: it returns to the queue", async () => {
    // Act
    const { response, messageId } = await failOnce(new Ingest.UnrecognizedMessageError("not JSON"), {
      dlqUrl: `${endpoint.url}/000000000000/no-such-dlq`,
    });

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: messageId }]);
    expect(dlq.counts().visible).toBe(0);
  });
});
