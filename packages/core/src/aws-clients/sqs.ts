import { SQSClient } from "@aws-sdk/client-sqs";
import { ConfigName, type Env } from "../config.ts";
import { clientConfig } from "./config.ts";

export function createSqsClient(env: Env = process.env): SQSClient {
  return new SQSClient(clientConfig(env, env[ConfigName.SqsEndpoint]));
}
