import { SNSClient } from "@aws-sdk/client-sns";
import type { Env } from "../config.ts";
import { clientConfig } from "./config.ts";

export function createSnsClient(env: Env = process.env): SNSClient {
  return new SNSClient(clientConfig(env, undefined));
}
