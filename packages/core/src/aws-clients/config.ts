/** Shared by the per-client modules: region, and loopback endpoint + dummy credentials when set. */
import type { Env } from "../config.ts";

const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export function clientConfig(env: Env, endpoint: string | undefined) {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  if (!endpoint) return { region };
  return { region, endpoint, credentials: LOCAL_CREDENTIALS };
}

type ClientHook = <T extends object>(client: T) => T;
let hook: ClientHook = (client) => client;

/**
 * Lets a function instrument every SDK client core creates (Powertools Tracer's
 * captureAWSv3Client) without core knowing about Lambda or X-Ray.
 *
 * @example
 * instrumentAwsClientsWith((client) => tracer.captureAWSv3Client(client));
 */
export function instrumentAwsClientsWith(instrument: ClientHook | undefined): void {
  hook = instrument ?? ((client) => client);
}

export function instrumented<T extends object>(client: T): T {
  return hook(client);
}
