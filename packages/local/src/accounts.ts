/**
 * The local runtime's "accounts" (docs/decisions/accounts-local.md): the tracker's home is
 * glue-local's default account, 123456789012 in us-east-1; each member account gets its own
 * glue-local, started with that account id and region, and its own default bus whose rule
 * forwards Glue's events to the tracker's bus, as the member stack's rule does on AWS (the
 * events keep the member's `account` and `region`).
 */
import { type Accounts, ConfigName, type Env, Events } from "@glue-run-tracker/core";
import { type GlueLocal, startGlueLocal } from "glue-local";
import { type BusEvent, busTarget, LocalEventBridge } from "./bus/index.ts";
import type { RuntimeLogger } from "./logger.ts";

/** The tracker's own account and region locally: glue-local's defaults. */
export const HOME_ACCOUNT: Accounts.AccountScope = { accountId: "123456789012", region: "us-east-1" };

export interface LocalMemberAccount extends Accounts.AccountScope {
  alias?: string;
  /**
   * false: its glue-local runs and sends its events, but TRACKER_MEMBER_ACCOUNTS leaves it
   * out (an account removed from the configuration). Default true.
   */
  tracked?: boolean;
}

/** The second account `npm start` runs (its glue-local on GLUE_MEMBER_PORT). */
export const ANALYTICS_ACCOUNT: LocalMemberAccount = {
  accountId: "222222222222",
  region: "eu-west-1",
  alias: "analytics",
};

export interface RunningMemberAccount extends LocalMemberAccount {
  glue: GlueLocal;
  /** The member account's default bus (its forwarding rule only). */
  bridge: LocalEventBridge;
}

export interface MemberAccountOptions {
  port: number;
  /** The tracker's local EventBridge and the bus the member's Glue events are forwarded to. */
  tracker: LocalEventBridge;
  trackerBus: string;
  timeScale?: number;
  runIdSeed?: string;
  /** glue-local's fault settings (GLUE_LOCAL_*) apply to every account's emulator. */
  env: Env;
  logger?: RuntimeLogger;
}

/**
 * Starts one member account: its glue-local and its bus, forwarding Glue's job and crawler
 * events (the pattern the ingest rule matches) to the tracker's bus.
 *
 * @example
 * const analytics = await startMemberAccount(ANALYTICS_ACCOUNT, { port: 4904, tracker: bridge, trackerBus: "default", env: process.env });
 */
export async function startMemberAccount(
  member: LocalMemberAccount,
  options: MemberAccountOptions,
): Promise<RunningMemberAccount> {
  const bridge = new LocalEventBridge({
    accountId: member.accountId,
    region: member.region,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  bridge.bus().putRule({
    name: "glue-events-to-tracker",
    pattern: Events.glueStateChangePattern,
    target: busTarget(options.tracker, options.trackerBus),
  });
  const glue = await startGlueLocal({
    port: options.port,
    timeScale: options.timeScale,
    env: options.env,
    accountId: member.accountId,
    region: member.region,
    runIdSeed: options.runIdSeed,
    // Glue's own events land on the account's default bus as AWS builds them (account, region).
    onEvent: (event) => bridge.receive(event as unknown as BusEvent),
  });
  return { ...member, glue, bridge };
}

/**
 * TRACKER_MEMBER_ACCOUNTS for the functions: the tracked members, each with its glue-local
 * as GlueEndpoint (the member roles keep their default names; the local STS grants them).
 */
export function memberAccountsSetting(members: readonly RunningMemberAccount[]): string | undefined {
  const tracked = members.filter((m) => m.tracked !== false);
  if (tracked.length === 0) return undefined;
  return JSON.stringify(
    tracked.map((m) => ({
      AccountId: m.accountId,
      Region: m.region,
      ...(m.alias ? { Alias: m.alias } : {}),
      GlueEndpoint: m.glue.endpoint,
    })),
  );
}

/** The accounts part of the functions' environment (docs/decisions/accounts-run-identity.md). */
export function accountsEnv(members: readonly RunningMemberAccount[], sts: string | undefined): Env {
  const membersSetting = memberAccountsSetting(members);
  return {
    [ConfigName.TrackerHomeAccount]: HOME_ACCOUNT.accountId,
    AWS_REGION: HOME_ACCOUNT.region,
    ...(membersSetting ? { [ConfigName.TrackerMemberAccounts]: membersSetting } : {}),
    ...(sts ? { [ConfigName.StsEndpoint]: sts } : {}),
  };
}
