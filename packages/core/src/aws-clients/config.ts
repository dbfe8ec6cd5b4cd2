/** Shared by the per-client modules: region, and loopback endpoint + dummy credentials when set. */
import type { Env } from "../config.ts";

const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export function clientConfig(env: Env, endpoint: string | undefined) {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  if (!endpoint) return { region };
  return { region, endpoint, credentials: LOCAL_CREDENTIALS };
}
