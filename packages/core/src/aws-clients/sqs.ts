import { SQSClient } from "@aws-sdk/client-sqs";
import { ConfigName, type Env } from "../config.ts";
import { clientConfig } from "./config.ts";

export function createSqsClient(env: Env = process.env): SQSClient {
  return new SQSClient(clientConfig(env, env[ConfigName.SqsEndpoint]));
}

/**
 * A queue's URL from its ARN (what an SQS event record names), on the configured
 * endpoint when there is one (local), else SQS's regional endpoint.
 *
 * @example
 * queueUrlFromArn("arn:aws:sqs:eu-west-1:123456789012:ingest", {}); // "https://sqs.eu-west-1.amazonaws.com/123456789012/ingest"
 */
export function queueUrlFromArn(arn: string, env: Env = process.env): string {
  const [, , service, region, account, name] = arn.split(":");
  if (service !== "sqs" || !region || !account || !name) throw new Error(`Not an SQS queue ARN: ${arn}`);
  const endpoint = env[ConfigName.SqsEndpoint]?.replace(/\/+$/, "");
  return `${endpoint || `https://sqs.${region}.amazonaws.com`}/${account}/${name}`;
}
