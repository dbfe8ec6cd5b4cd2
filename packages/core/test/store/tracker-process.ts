/**
 * One tracker process for the store's announcement tests: its own SDK client on the
 * test DynamoDB, a request counter (a client middleware), and a switch that kills it
 * after a number of steps — every DynamoDB request and every publish is a step, and
 * once dead, every later step throws, as nothing runs after a crash.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { TrackerEventPublisher } from "../../src/ingest/tracker-publisher.ts";
import { createRunStore } from "../../src/store/dynamo-run-store.ts";
import type { RunStore } from "../../src/store/run-store.ts";

export class ProcessDied extends Error {
  constructor() {
    super("the process died here");
    this.name = "ProcessDied";
  }
}

export interface TrackerProcess {
  store: RunStore;
  publisher: TrackerEventPublisher;
  /** DynamoDB requests sent, by command name (e.g. "UpdateItemCommand"). */
  requests: string[];
  /** Every tracker event detail this process published. */
  published: Record<string, unknown>[];
}

export function trackerProcess(
  dynamo: { endpoint: string },
  tableName: string,
  options: { diesAfterSteps?: number; publish?: (detail: Record<string, unknown>) => Promise<void> } = {},
): TrackerProcess {
  let steps = 0;
  const step = () => {
    if (options.diesAfterSteps !== undefined && steps >= options.diesAfterSteps) throw new ProcessDied();
    steps++;
  };
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const requests: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      step();
      requests.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name: "countAndDie" },
  );
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const published: Record<string, unknown>[] = [];
  return {
    store: createRunStore({ client: documentClient, tableName, paginationSecret: "test-secret" }),
    requests,
    published,
    publisher: {
      async publish(entries) {
        step();
        for (const entry of entries) {
          const detail = JSON.parse(entry.Detail) as Record<string, unknown>;
          await options.publish?.(detail);
          published.push(detail);
        }
      },
    },
  };
}
