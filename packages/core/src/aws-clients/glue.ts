import { GlueClient } from "@aws-sdk/client-glue";
import type { TrackedAccount } from "../accounts/account.ts";
import { memberRoleCredentials } from "../accounts/credentials.ts";
import { ConfigName, type Env } from "../config.ts";
import { type GlueCaller, GluePurposeOf } from "../glue/calls.ts";
import { Metric, recordMetric } from "../metrics.ts";
import { clientConfig, instrumented } from "./config.ts";

export interface GlueClientOptions {
  /** Socket timeouts in ms (a hung call fails as TimeoutError). */
  timeoutMs?: number;
  /**
   * Another tracked account's Glue: its region, its endpoint (glueEndpoint, local only;
   * else the SDK's regional one) and the member role of `caller`'s purpose (GluePurposeOf).
   * Unset or the home account: the function's own region, GLUE_ENDPOINT and credentials.
   */
  account?: TrackedAccount;
  /** Who calls (names the role session, picks read or operate); needed with a member `account`. */
  caller?: GlueCaller;
}

/**
 * @example
 * createGlueClient(process.env); // the home account, as configured
 * createGlueClient(process.env, { account: analytics, caller: "commands" }); // analytics' operate role
 */
export function createGlueClient(env: Env = process.env, options: GlueClientOptions = {}): GlueClient {
  // A timeout makes a hung Glue call fail as TimeoutError (the API answers 504) instead of running out the Lambda.
  const requestHandler = options.timeoutMs
    ? { connectionTimeout: options.timeoutMs, requestTimeout: options.timeoutMs, throwOnRequestTimeout: true }
    : undefined;
  const client = new GlueClient({ ...whereAndWho(env, options), maxAttempts: 1, requestHandler });
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

/** Region, endpoint and credentials: the home account's from the environment, a member's from its entry and role. */
function whereAndWho(env: Env, { account, caller }: GlueClientOptions) {
  if (!account || account.home) return clientConfig(env, env[ConfigName.GlueEndpoint]);
  if (!caller) throw new Error(`A Glue client for ${account.accountId} in ${account.region} needs its caller`);
  return {
    region: account.region,
    // Not GLUE_ENDPOINT: that is the home account's stand-in.
    ...(account.glueEndpoint ? { endpoint: account.glueEndpoint } : {}),
    credentials: memberRoleCredentials({ account, purpose: GluePurposeOf[caller], caller, env }),
  };
}
