/**
 * A tracker API over real HTTP (the local API Gateway server) serving two tracked
 * accounts: the home account 111111111111 in us-east-1 and the member "analytics"
 * 222222222222 in eu-west-1, one dynalite table with one run store per account
 * (docs/decisions/accounts-run-identity.md) and one glue-local per account standing in
 * for each account's Glue. Callers: the full API token, and a token limited to the member.
 */
import type { GlueClient } from "@aws-sdk/client-glue";
import { Accounts, createGlueClient, Glue, Ingest, type RunStore, Store } from "@glue-run-tracker/core";
import { type GlueLocal, startGlueLocal } from "glue-local";
import { createCommandsHandler, createReadHandler } from "../../../packages/functions/src/api/handlers.ts";
import { ApiFunction, routeKey, routeList } from "../../../packages/functions/src/api/routes.ts";
import { type ApiGateway, startApiGateway } from "../../../packages/local/src/api-gateway/index.ts";
import type { SiteHandler } from "../../../packages/local/src/dashboard/index.ts";
import { silentLogger as runtimeSilent } from "../../../packages/local/src/logger.ts";
import { startDynamo, type TestDynamo } from "../../support/dynamo.ts";
import { PAGINATION_SECRET, silentLogger } from "./harness.ts";

export const HOME = { accountId: "111111111111", region: "us-east-1" } as const;
export const MEMBER = { accountId: "222222222222", region: "eu-west-1", alias: "analytics" } as const;
/** Every account. */
export const FULL_TOKEN = "two-accounts-full-token";
/** Limited to the member account (TRACKER_API_ACCOUNT_TOKENS). */
export const MEMBER_TOKEN = "two-accounts-member-token";

export interface TwoAccounts {
  api: ApiGateway;
  accounts: Accounts.AccountRegistry;
  dynamo: TestDynamo;
  /** Each account's run store, for seeding and checking. */
  store: { home: RunStore; member: RunStore };
  /** Each account's glue-local and an admin client on it (create workflows). */
  glue: { home: GlueLocal; member: GlueLocal };
  glueAdmin: { home: GlueClient; member: GlueClient };
  /** GET/POST through real HTTP; `token` defaults to the full one. */
  request(
    path: string,
    options?: { method?: string; body?: unknown; token?: string },
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** `site`: a dashboard served from the same origin (the browser tests). */
export async function startTwoAccounts(options: { site?: SiteHandler } = {}): Promise<TwoAccounts> {
  const dynamo = await startDynamo();
  const [homeGlue, memberGlue] = await Promise.all([
    startGlueLocal({ env: {} }),
    startGlueLocal({ env: {}, accountId: MEMBER.accountId }),
  ]);
  const accounts = Accounts.createAccountRegistry({ ...HOME }, [
    { AccountId: MEMBER.accountId, Region: MEMBER.region, Alias: MEMBER.alias, GlueEndpoint: memberGlue.endpoint },
  ]);
  const storeOf = (account: Accounts.TrackedAccount) =>
    Store.createRunStore({
      client: dynamo.documentClient,
      tableName: dynamo.tableName,
      paginationSecret: PAGINATION_SECRET,
      account,
      home: accounts.home,
    });
  const stores = new Map(accounts.all.map((a) => [a, storeOf(a)]));
  const storeFor = (account: Accounts.TrackedAccount) => stores.get(account) as RunStore;
  const glueClients = new Map(
    accounts.all.map((a) => [
      a,
      createGlueClient({ GLUE_ENDPOINT: a.home ? homeGlue.endpoint : memberGlue.endpoint, AWS_REGION: a.region }),
    ]),
  );
  const publisher = Ingest.createMemoryPublisher();
  const commandsFor = (account: Accounts.TrackedAccount) => {
    const store = storeFor(account);
    return {
      glue: Glue.createGlueGateway({ client: glueClients.get(account) as GlueClient, throttleRetries: 0 }),
      store,
      recorder: { store, publisher },
    };
  };
  const logger = silentLogger();
  const auth = { apiToken: FULL_TOKEN, accountTokens: { [MEMBER_TOKEN]: [MEMBER.accountId] } };
  const read = createReadHandler({
    store: storeFor(accounts.home),
    accounts: { registry: accounts, of: (account) => ({ store: storeFor(account) }) },
    logger,
    ...auth,
  });
  const commands = createCommandsHandler({
    ...commandsFor(accounts.home),
    accounts: { registry: accounts, of: commandsFor },
    logger,
    ...auth,
  });
  const api = await startApiGateway({
    ...(options.site ? { site: options.site } : {}),
    handler: read,
    routes: [
      ...routeList.map((r) => ({
        routeKey: routeKey(r),
        handler: r.fn === ApiFunction.Commands ? commands : read,
        functionName: r.fn,
      })),
      { routeKey: "$default", handler: read, functionName: "read" },
    ],
    logger: runtimeSilent,
  });
  return {
    api,
    accounts,
    dynamo,
    store: { home: storeFor(accounts.home), member: storeFor(accounts.all[1] as Accounts.TrackedAccount) },
    glue: { home: homeGlue, member: memberGlue },
    glueAdmin: {
      home: glueClients.get(accounts.home) as GlueClient,
      member: glueClients.get(accounts.all[1] as Accounts.TrackedAccount) as GlueClient,
    },
    async request(path, options = {}) {
      const response = await fetch(`${api.url}${path}`, {
        method: options.method ?? "GET",
        headers: {
          authorization: `Bearer ${options.token ?? FULL_TOKEN}`,
          ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
    },
    async stop() {
      await api.close();
      for (const client of glueClients.values()) client.destroy();
      await Promise.all([homeGlue.stop(), memberGlue.stop()]);
      await dynamo.stop();
    },
  };
}
