/**
 * The pagination HMAC keys, read once at cold start. On AWS the stack passes the
 * secret's ARN (PAGINATION_SECRET_ARN), never its value: the keys are read from
 * Secrets Manager (AWSCURRENT, and AWSPREVIOUS so tokens issued before a rotation
 * still work). Locally PAGINATION_SECRET holds the one key.
 * See docs/decisions/security-pagination-key.md.
 */
import { SecretsProvider } from "@aws-lambda-powertools/parameters/secrets";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ConfigName, type Env, required, type Store } from "@glue-run-tracker/core";

/** Secrets Manager's staging labels of a rotated secret. */
export const VersionStage = { Current: "AWSCURRENT", Previous: "AWSPREVIOUS" } as const;

/**
 * @example
 * const keys = await paginationKeysFromEnv(process.env); // { current, previous? }
 */
export async function paginationKeysFromEnv(
  env: Env,
  client?: SecretsManagerClient,
): Promise<Store.PaginationKeys | string> {
  const arn = env[ConfigName.PaginationSecretArn];
  if (!arn) return required(env, ConfigName.PaginationSecret);
  const secrets = new SecretsProvider(client ? { awsSdkV3Client: client } : {});
  const read = (stage: string) =>
    secrets.get(arn, { forceFetch: true, sdkOptions: { VersionStage: stage } }) as Promise<string | undefined>;
  const current = await read(VersionStage.Current);
  if (!current) throw new Error(`The pagination secret ${arn} has no ${VersionStage.Current} value`);
  // A secret never rotated has no previous version.
  const previous = await read(VersionStage.Previous).catch((error: unknown) => {
    if ((error as { cause?: { name?: string } }).cause?.name === "ResourceNotFoundException") return undefined;
    if ((error as { name?: string }).name === "ResourceNotFoundException") return undefined;
    throw error;
  });
  return previous ? { current, previous } : { current };
}
