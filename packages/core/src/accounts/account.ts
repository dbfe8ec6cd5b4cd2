/**
 * A tracked account: one AWS account and region whose Glue workflows the tracker
 * follows. The tracker's own ("home") account keeps today's store keys; every other
 * account's keys carry its prefix (docs/decisions/accounts-run-identity.md).
 */
import { InvalidInputError } from "../errors.ts";

/** Where a run lives: its account and region (with the workflow name and run id, its identity). */
export interface AccountScope {
  /** 12 digits. */
  accountId: string;
  /** e.g. eu-west-1. */
  region: string;
}

/** What the tracker knows about one account/region it follows. */
export interface TrackedAccount extends AccountScope {
  /** The tracker's own account and region (runs keep today's keys and routes). */
  home: boolean;
  /** A short human name for alerts and the dashboard (e.g. "analytics-prod"). */
  alias?: string;
  /** Prefix of every account-specific key: "" for home, `ACCT#<account>#<region>#` otherwise. */
  keyPrefix: string;
  /** Member accounts: the roles the tracker assumes there (undefined for home: the function's own role). */
  roles?: { read: string; operate: string };
  /** Member accounts: the IAM role people switch to in the console (alerts link the switch-role page). */
  consoleRoleName?: string;
  /** Local runtime and tests only: the Glue endpoint standing in for this account. */
  glueEndpoint?: string;
}

export const ACCOUNT_ID = /^\d{12}$/;
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Purpose of a member role: reads (ingest, reconciler, backfill, read API) or commands (commands, resume). */
export type RolePurpose = "read" | "operate";

/**
 * Name of the member stack's role of one purpose in one region (IAM names are global
 * per account, the member stack is deployed per region).
 *
 * @example
 * memberRoleName("eu-west-1", "read"); // "GlueRunTrackerRead-eu-west-1"
 */
export function memberRoleName(region: string, purpose: RolePurpose): string {
  return `GlueRunTracker${purpose === "read" ? "Read" : "Operate"}-${region}`;
}

export function memberRoleArn(scope: AccountScope, purpose: RolePurpose): string {
  return `arn:aws:iam::${scope.accountId}:role/${memberRoleName(scope.region, purpose)}`;
}

/**
 * The key prefix of a non-home account: the account is 12 digits and the region has
 * no `#`, so keys parse back unambiguously even though Glue allows `#` in names.
 */
export function accountKeyPrefix(scope: AccountScope): string {
  return `ACCT#${scope.accountId}#${scope.region}#`;
}

/** "analytics-prod (222222222222, eu-west-1)" or "222222222222, eu-west-1". */
export function describeAccount(account: AccountScope & { alias?: string }): string {
  const where = `${account.accountId}, ${account.region}`;
  return account.alias ? `${account.alias} (${where})` : where;
}

/**
 * An account/region the configuration does not list: refused, never guessed (the API
 * answers 400 InvalidInputException; ingest drops the event with a warning, since no
 * retry can make it tracked).
 */
export class UnknownAccountError extends InvalidInputError {
  constructor(readonly scope: Partial<AccountScope>) {
    super(
      `Account ${scope.accountId ?? "?"} in region ${scope.region ?? "?"} is not tracked: ` +
        `add it to TRACKER_MEMBER_ACCOUNTS (and deploy the member stack there) to track it`,
    );
    this.name = "UnknownAccountError";
  }
}
