/**
 * AWS SDK clients built from configuration. On AWS no endpoint is set and the SDK's
 * defaults apply; locally and in tests the *_ENDPOINT settings point each client at
 * a loopback server (dynalite, glue-local, the local bus) with dummy credentials.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { GlueClient } from "@aws-sdk/client-glue";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ConfigName, type Env } from "./config.ts";

const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

function clientConfig(env: Env, endpoint: string | undefined) {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  if (!endpoint) return { region };
  return { region, endpoint, credentials: LOCAL_CREDENTIALS };
}

/** DynamoDB document client: undefined fields are dropped, as the store expects. */
export function createDocumentClient(env: Env = process.env): DynamoDBDocumentClient {
  const client = new DynamoDBClient(clientConfig(env, env[ConfigName.DynamoDbEndpoint]));
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function createGlueClient(env: Env = process.env, options: { timeoutMs?: number } = {}): GlueClient {
  // A timeout makes a hung Glue call fail as TimeoutError (the API answers 504) instead of running out the Lambda.
  const requestHandler = options.timeoutMs
    ? { connectionTimeout: options.timeoutMs, requestTimeout: options.timeoutMs, throwOnRequestTimeout: true }
    : undefined;
  return new GlueClient({ ...clientConfig(env, env[ConfigName.GlueEndpoint]), maxAttempts: 1, requestHandler });
}

export function createEventBridgeClient(env: Env = process.env): EventBridgeClient {
  return new EventBridgeClient(clientConfig(env, env[ConfigName.EventsEndpoint]));
}

export function createSqsClient(env: Env = process.env): SQSClient {
  return new SQSClient(clientConfig(env, env[ConfigName.SqsEndpoint]));
}

export function createSnsClient(env: Env = process.env): SNSClient {
  return new SNSClient(clientConfig(env, undefined));
}
