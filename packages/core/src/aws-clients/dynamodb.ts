import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ConfigName, type Env } from "../config.ts";
import { clientConfig, instrumented } from "./config.ts";

/** DynamoDB document client: undefined fields are dropped, as the store expects. */
export function createDocumentClient(env: Env = process.env): DynamoDBDocumentClient {
  const client = instrumented(new DynamoDBClient(clientConfig(env, env[ConfigName.DynamoDbEndpoint])));
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
