import { readFileSync } from "node:fs";
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { ApiFunction, routeList } from "../../src/api/routes.ts";
import { ACCOUNTS_CLAIM, DashboardGroup, DashboardScope, scopeOfRoute } from "../../src/dashboard-auth/access.ts";
import { handler } from "../../src/dashboard-auth/pre-token.ts";

/** A hosted-UI sign-in event as Cognito sends it, for a user in `groups`. */
function signInOf(groups: string[]): PreTokenGenerationV2TriggerEvent {
  const event = JSON.parse(readFileSync(new URL("./pre-token-event.json", import.meta.url), "utf8"));
  event.request.groupConfiguration.groupsToOverride = groups;
  return event;
}

const suppressed = async (groups: string[]) =>
  (await handler(signInOf(groups))).response.claimsAndScopeOverrideDetails.accessTokenGeneration?.scopesToSuppress;

describe("pre-token trigger", () => {
  it("keeps read for readers and strips operate", async () => {
    expect(await suppressed([DashboardGroup.Readers])).toEqual([DashboardScope.Operate]);
  });

  it("keeps both scopes for operators (in either or both groups)", async () => {
    expect(await suppressed([DashboardGroup.Operators])).toEqual([]);
    expect(await suppressed([DashboardGroup.Readers, DashboardGroup.Operators])).toEqual([]);
  });

  it("strips every tracker scope from a user in no tracker group, or in another group only", async () => {
    expect(await suppressed([])).toEqual([DashboardScope.Read, DashboardScope.Operate]);
    expect(await suppressed(["admins", "tracker-operators-old"])).toEqual([
      DashboardScope.Read,
      DashboardScope.Operate,
    ]);
  });

  it("answers when Cognito sends no group configuration at all", async () => {
    const event = signInOf([]);
    // biome-ignore lint/suspicious/noExplicitAny: Cognito may omit the field
    (event.request as any).groupConfiguration = undefined;
    const result = await handler(event);
    expect(result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.scopesToSuppress).toHaveLength(2);
  });
});

describe("the accounts claim (docs/decisions/accounts-api.md)", () => {
  const claimsOf = async (groups: string[]) =>
    (await handler(signInOf(groups))).response.claimsAndScopeOverrideDetails.accessTokenGeneration
      ?.claimsToAddOrOverride;

  it("lists the accounts of the user's account groups, and nothing else", async () => {
    expect(
      await claimsOf([
        DashboardGroup.Readers,
        "tracker-account-333333333333",
        "tracker-account-222222222222",
        "tracker-account-nope",
      ]),
    ).toEqual({ [ACCOUNTS_CLAIM]: "222222222222 333333333333" });
  });

  it("adds no claim for a user in no account group (every account, as before)", async () => {
    expect(await claimsOf([DashboardGroup.Operators])).toBeUndefined();
  });
});

describe("route scopes", () => {
  it("require read on the read function's routes and operate on the commands function's", () => {
    for (const route of routeList) {
      expect(scopeOfRoute(route), `${route.method} ${route.path}`).toBe(
        route.fn === ApiFunction.Read ? DashboardScope.Read : DashboardScope.Operate,
      );
    }
    expect(routeList.some((r) => scopeOfRoute(r) === DashboardScope.Operate)).toBe(true);
  });
});

describe("pre-token bundle", () => {
  it("holds the scope rules only, not the route table's schemas (it runs on every sign-in)", async () => {
    const result = await build({
      entryPoints: ["packages/functions/src/dashboard-auth/pre-token.ts"],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      metafile: true,
      logLevel: "silent",
    });

    expect(Object.keys(result.metafile.inputs).sort()).toEqual([
      "packages/functions/src/dashboard-auth/access.ts",
      "packages/functions/src/dashboard-auth/pre-token.ts",
    ]);
  }, 60_000);
});
