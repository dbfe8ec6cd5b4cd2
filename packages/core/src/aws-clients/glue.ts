import { GlueClient } from "@aws-sdk/client-glue";
import { ConfigName, type Env } from "../config.ts";
import { clientConfig } from "./config.ts";

export function createGlueClient(env: Env = process.env, options: { timeoutMs?: number } = {}): GlueClient {
  // A timeout makes a hung Glue call fail as TimeoutError (the API answers 504) instead of running out the Lambda.
  const requestHandler = options.timeoutMs
    ? { connectionTimeout: options.timeoutMs, requestTimeout: options.timeoutMs, throwOnRequestTimeout: true }
    : undefined;
  return new GlueClient({ ...clientConfig(env, env[ConfigName.GlueEndpoint]), maxAttempts: 1, requestHandler });
}
