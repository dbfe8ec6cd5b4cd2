import { GlueClient } from "@aws-sdk/client-glue";
import { ConfigName, type Env } from "../config.ts";
import { Metric, recordMetric } from "../metrics.ts";
import { clientConfig, instrumented } from "./config.ts";

export function createGlueClient(env: Env = process.env, options: { timeoutMs?: number } = {}): GlueClient {
  // A timeout makes a hung Glue call fail as TimeoutError (the API answers 504) instead of running out the Lambda.
  const requestHandler = options.timeoutMs
    ? { connectionTimeout: options.timeoutMs, requestTimeout: options.timeoutMs, throwOnRequestTimeout: true }
    : undefined;
  const client = new GlueClient({ ...clientConfig(env, env[ConfigName.GlueEndpoint]), maxAttempts: 1, requestHandler });
  // Every call and every throttle, per operation: Glue's API rate is what the tracker spends.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const dimensions = { Operation: context.commandName?.replace(/Command$/, "") ?? "unknown" };
      recordMetric(Metric.GlueCalls, 1, dimensions);
      try {
        return await next(args);
      } catch (error) {
        if ((error as { name?: string }).name === "ThrottlingException") {
          recordMetric(Metric.GlueThrottles, 1, dimensions);
        }
        throw error;
      }
    },
    { step: "initialize", name: "trackerGlueMetrics" },
  );
  return instrumented(client);
}
