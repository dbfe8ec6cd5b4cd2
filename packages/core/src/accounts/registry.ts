/**
 * The accounts one tracker follows: its home account/region and the configured
 * members (TRACKER_MEMBER_ACCOUNTS). With no members the tracker is single-account,
 * as before: every run is the home account's, whatever its events say.
 * docs/decisions/accounts-run-identity.md.
 */
import { ConfigName, type Env } from "../config.ts";
import type { TrackerConfig } from "../config-schema.ts";
import {
  type AccountScope,
  accountKeyPrefix,
  memberRoleArn,
  type TrackedAccount,
  UnknownAccountError,
} from "./account.ts";

/** One member as configured (TRACKER_MEMBER_ACCOUNTS entries, PascalCase like the API). */
export interface MemberAccountConfig {
  AccountId: string;
  Region: string;
  Alias?: string;
  /** Default: the member stack's roles (memberRoleArn). */
  ReadRoleArn?: string;
  OperateRoleArn?: string;
  /** The role people switch to in the console; alerts then link the switch-role page. */
  ConsoleRoleName?: string;
  /** Local runtime and tests only: the glue-local standing in for this account. */
  GlueEndpoint?: string;
}

export interface AccountRegistry {
  home: TrackedAccount;
  /** Home first, then the members in configured order. */
  all: readonly TrackedAccount[];
  /** false when no member is configured: every account is the home one. */
  multiAccount: boolean;
  /**
   * The tracked account of an event, a route's `account`/`region` or a stored run;
   * each side defaults to the home account's. UnknownAccountError when not configured.
   */
  resolve(scope?: Partial<AccountScope>): TrackedAccount;
  /** Like resolve, undefined instead of an error. */
  find(scope?: Partial<AccountScope>): TrackedAccount | undefined;
}

/**
 * @example
 * const accounts = createAccountRegistry({ accountId: "111111111111", region: "us-east-1" }, [
 *   { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" },
 * ]);
 * accounts.resolve({ accountId: "222222222222", region: "eu-west-1" }).keyPrefix; // "ACCT#222222222222#eu-west-1#"
 * accounts.resolve().home; // true
 */
export function createAccountRegistry(
  home: Partial<AccountScope> & { alias?: string },
  members: readonly MemberAccountConfig[] = [],
): AccountRegistry {
  const homeAccount: TrackedAccount = {
    accountId: home.accountId ?? "",
    region: home.region ?? "",
    home: true,
    keyPrefix: "",
    ...(home.alias ? { alias: home.alias } : {}),
  };
  const tracked: TrackedAccount[] = [homeAccount];
  for (const member of members) {
    const scope = { accountId: member.AccountId, region: member.Region };
    if (tracked.some((t) => t.accountId === scope.accountId && t.region === scope.region)) {
      throw new Error(`Account ${scope.accountId} in ${scope.region} is listed twice (or is the home account)`);
    }
    tracked.push({
      ...scope,
      home: false,
      keyPrefix: accountKeyPrefix(scope),
      roles: {
        read: member.ReadRoleArn ?? memberRoleArn(scope, "read"),
        operate: member.OperateRoleArn ?? memberRoleArn(scope, "operate"),
      },
      ...(member.Alias ? { alias: member.Alias } : {}),
      ...(member.ConsoleRoleName ? { consoleRoleName: member.ConsoleRoleName } : {}),
      ...(member.GlueEndpoint ? { glueEndpoint: member.GlueEndpoint } : {}),
    });
  }
  const multiAccount = tracked.length > 1;
  if (multiAccount && (!homeAccount.accountId || !homeAccount.region)) {
    throw new Error(
      `${ConfigName.TrackerMemberAccounts} needs the home account and region (${ConfigName.TrackerHomeAccount}, AWS_REGION)`,
    );
  }
  const find = (scope: Partial<AccountScope> = {}): TrackedAccount | undefined => {
    if (!multiAccount) return homeAccount;
    const accountId = scope.accountId ?? homeAccount.accountId;
    const region = scope.region ?? homeAccount.region;
    return tracked.find((t) => t.accountId === accountId && t.region === region);
  };
  return {
    home: homeAccount,
    all: tracked,
    multiAccount,
    find,
    resolve(scope) {
      const found = find(scope);
      if (!found) {
        throw new UnknownAccountError({
          accountId: scope?.accountId ?? homeAccount.accountId,
          region: scope?.region ?? homeAccount.region,
        });
      }
      return found;
    },
  };
}

/**
 * The registry from checked configuration: TRACKER_HOME_ACCOUNT (+ TRACKER_HOME_ALIAS),
 * AWS_REGION, TRACKER_MEMBER_ACCOUNTS.
 */
export function accountsFromConfig(config: TrackerConfig, env: Env): AccountRegistry {
  const alias = config[ConfigName.TrackerHomeAlias];
  return createAccountRegistry(
    {
      accountId: config[ConfigName.TrackerHomeAccount],
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
      ...(alias ? { alias } : {}),
    },
    config[ConfigName.TrackerMemberAccounts] ?? [],
  );
}
