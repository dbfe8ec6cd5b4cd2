/**
 * Credentials in a member account: its read or operate role, assumed with STS by the
 * SDK's own provider (fromTemporaryCredentials). The client that uses the provider
 * memoizes what it returns and asks again within 5 minutes of expiry, so a long-lived
 * process keeps working without a cache of ours (docs/decisions/accounts-credentials.md).
 */
import type { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { clientConfig } from "../aws-clients/config.ts";
import { ConfigName, type Env } from "../config.ts";
import type { RolePurpose, TrackedAccount } from "./account.ts";
import { MemberRoleError } from "./role-error.ts";

export type RoleCredentialsProvider = ReturnType<typeof fromTemporaryCredentials>;

export interface MemberRoleCredentialsOptions {
  /** A member account (the home account has no role: its clients use the function's own). */
  account: TrackedAccount;
  purpose: RolePurpose;
  /** Who asks (a function kind): the role session is `glue-run-tracker-<caller>`, so CloudTrail names it. */
  caller: string;
  /** AWS_REGION (STS is asked in the tracker's home region), STS_ENDPOINT, TRACKER_EXTERNAL_ID. */
  env: Env;
}

/** IAM's limit on RoleSessionName, and its characters ([\w+=,.@-]). */
const SESSION_NAME_MAX = 64;

export function roleSessionName(caller: string): string {
  return `glue-run-tracker-${caller}`.replace(/[^\w+=,.@-]/g, "-").slice(0, SESSION_NAME_MAX);
}

/**
 * A credentials provider for a member account's role of one purpose. Give it to one
 * client (`credentials:`) and keep the client: the client caches and refreshes.
 * A refusal (wrong external id, missing trust, unknown role) fails as MemberRoleError
 * naming the account and role.
 *
 * @example
 * const credentials = memberRoleCredentials({ account, purpose: "operate", caller: "commands", env: process.env });
 * const glue = new GlueClient({ region: account.region, credentials });
 */
export function memberRoleCredentials(options: MemberRoleCredentialsOptions): RoleCredentialsProvider {
  const { account, purpose, caller, env } = options;
  const roleArn = account.roles?.[purpose];
  if (!roleArn) throw new Error(`Account ${account.accountId} in ${account.region} has no ${purpose} role`);
  const externalId = env[ConfigName.TrackerExternalId];
  // STS in the home region (its regional endpoint, the SDK's default); locally, the stand-in.
  // No credentials of ours on AWS: the STS client then uses the function role's (its default chain).
  const sts = clientConfig(env, env[ConfigName.StsEndpoint] || undefined);
  let assume: RoleCredentialsProvider | undefined;
  return async (properties) => {
    try {
      // Loaded on first use: a single-account deployment never loads the providers (cold start).
      const providers = await import("@aws-sdk/credential-providers");
      assume ??= providers.fromTemporaryCredentials({
        params: {
          RoleArn: roleArn,
          RoleSessionName: roleSessionName(caller),
          ...(externalId ? { ExternalId: externalId } : {}),
        },
        clientConfig: sts,
      });
      return await assume(properties);
    } catch (error) {
      throw new MemberRoleError({ account, purpose, roleArn }, error);
    }
  };
}
