/**
 * Several accounts through the API over real HTTP (docs/decisions/accounts-api.md): two
 * tracked accounts hold a workflow of the same name with a run of the same id, and each
 * route answers the account it is asked for (default: the home account); the lists filter
 * by account and region; an untracked account is a 400; a caller limited to the member
 * account gets 403 for the home account and only the member's items in the lists.
 */

import { Ingest, ObservedVia, type RunStore } from "@glue-run-tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEtlWorkflow } from "./support/glue-fixtures.ts";
import { type SeedRun, snapshotOf } from "./support/snapshots.ts";
import { HOME, MEMBER, MEMBER_TOKEN, startTwoAccounts, type TwoAccounts } from "./support/two-accounts.ts";

let t: TwoAccounts;

/** Runs recorded the way ingest records them (so statistics are kept too). */
async function seedRuns(store: RunStore, seeds: SeedRun[]): Promise<void> {
  const recorder = { store, publisher: Ingest.createMemoryPublisher() };
  for (const seed of seeds) {
    await Ingest.recordSnapshot(
      recorder,
      snapshotOf({ ...seed, status: "RUNNING" }),
      ObservedVia.Event,
      seed.startedOn,
    );
    await Ingest.recordSnapshot(recorder, snapshotOf(seed), ObservedVia.Event);
  }
}
const SAME = { name: "nightly-etl", runId: "wr_same_0001" };
const inMember = `account=${MEMBER.accountId}&region=${MEMBER.region}`;

beforeAll(async () => {
  t = await startTwoAccounts();
  // The same workflow name and run id in both accounts: a success at home, a failure in the member.
  await seedRuns(t.store.home, [
    { ...SAME, startedOn: "2026-12-01T06:00:00.000Z" },
    { name: "home-only", runId: "wr_home_fail", startedOn: "2026-12-01T07:00:00.000Z", failed: 1 },
  ]);
  await seedRuns(t.store.member, [
    { ...SAME, startedOn: "2026-12-02T06:00:00.000Z", failed: 1 },
    { name: "analytics-only", runId: "wr_member_ok", startedOn: "2026-12-02T07:00:00.000Z" },
  ]);
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe("a run's identity includes its account and region", () => {
  it("answers two different runs for the same workflow name and run id in two accounts", async () => {
    // Act
    const home = await t.request(`/workflows/${SAME.name}/runs/${SAME.runId}`);
    const member = await t.request(`/workflows/${SAME.name}/runs/${SAME.runId}?${inMember}`);

    // Assess
    expect(home.status).toBe(200);
    expect(member.status).toBe(200);
    expect(home.body.Run).toMatchObject({ Outcome: "SUCCEEDED", AccountId: HOME.accountId, Region: HOME.region });
    expect(member.body.Run).toMatchObject({
      Outcome: "FAILED",
      AccountId: MEMBER.accountId,
      Region: MEMBER.region,
      AccountAlias: MEMBER.alias,
    });
  });

  it("finds the member's region from its account alone, and defaults to the home account", async () => {
    const byAccount = await t.request(`/workflows/${SAME.name}/runs/${SAME.runId}?account=${MEMBER.accountId}`);
    const explicitHome = await t.request(
      `/workflows/${SAME.name}/runs?account=${HOME.accountId}&region=${HOME.region}`,
    );

    expect(byAccount.body.Run.Outcome).toBe("FAILED");
    expect(explicitHome.body.Runs.map((r: { Outcome: string }) => r.Outcome)).toEqual(["SUCCEEDED"]);
  });

  it("keeps each account's timeline, stats and settings apart", async () => {
    const [homeTimeline, memberTimeline, memberStats, settings] = await Promise.all([
      t.request(`/workflows/${SAME.name}/runs/${SAME.runId}/timeline`),
      t.request(`/workflows/${SAME.name}/runs/${SAME.runId}/timeline?${inMember}`),
      t.request(`/workflows/${SAME.name}/stats?since=2026-11-20&until=2026-12-04&${inMember}`),
      t.request(`/workflows/${SAME.name}/settings?${inMember}`),
    ]);

    expect(homeTimeline.body.Timeline.at(-1).Outcome).toBe("SUCCEEDED");
    expect(memberTimeline.body.Timeline.at(-1).Outcome).toBe("FAILED");
    expect(memberStats.status).toBe(200);
    expect(memberStats.body.Stats).toMatchObject({ Failed: 1, Succeeded: 0 });
    expect(settings.status).toBe(200);
  });
});

describe("the lists filter by account and region", () => {
  const names = (body: { Workflows: { Name: string; AccountId: string }[] }) =>
    body.Workflows.map((w) => `${w.AccountId}/${w.Name}`).sort();

  it("lists every account's workflows without a filter, each naming where it lives", async () => {
    const all = await t.request("/workflows");

    expect(all.status).toBe(200);
    expect(names(all.body)).toEqual([
      `${HOME.accountId}/home-only`,
      `${HOME.accountId}/nightly-etl`,
      `${MEMBER.accountId}/analytics-only`,
      `${MEMBER.accountId}/nightly-etl`,
    ]);
    const member = all.body.Workflows.find((w: { AccountId: string }) => w.AccountId === MEMBER.accountId);
    expect(member).toMatchObject({ Region: MEMBER.region, AccountAlias: MEMBER.alias });
  });

  it("keeps to one account or region when asked", async () => {
    const member = await t.request(`/workflows?account=${MEMBER.accountId}`);
    const homeRegion = await t.request(`/workflows?region=${HOME.region}`);

    expect(names(member.body)).toEqual([`${MEMBER.accountId}/analytics-only`, `${MEMBER.accountId}/nightly-etl`]);
    expect(names(homeRegion.body)).toEqual([`${HOME.accountId}/home-only`, `${HOME.accountId}/nightly-etl`]);
  });

  it("lists one account's runs feed: the home account's by default, the member's when asked", async () => {
    const home = await t.request("/runs?outcome=FAILED");
    const member = await t.request(`/runs?outcome=FAILED&${inMember}`);

    const ids = (body: { Runs: { Name: string; AccountId: string }[] }) =>
      body.Runs.map((r) => `${r.AccountId}/${r.Name}`);
    expect(ids(home.body)).toEqual([`${HOME.accountId}/home-only`]);
    expect(ids(member.body)).toEqual([`${MEMBER.accountId}/${SAME.name}`]);
  });
});

describe("accounts the configuration does not list", () => {
  it.each([
    [`/workflows/${SAME.name}/runs/${SAME.runId}?account=333333333333`],
    [`/workflows/${SAME.name}/runs/${SAME.runId}?account=${MEMBER.accountId}&region=us-west-2`],
    ["/workflows?account=333333333333"],
    ["/runs?region=ap-south-1"],
    [`/workflows/${SAME.name}/runs?account=333333333333`],
  ])("refuses %s with 400 saying the account is not tracked", async (path) => {
    const response = await t.request(path);

    expect(response.status).toBe(400);
    expect(response.body.Code).toBe("InvalidInputException");
    expect(response.body.Message).toMatch(/is not tracked: add it to TRACKER_MEMBER_ACCOUNTS/);
  });

  it("refuses a malformed account or region with 400 naming the parameter", async () => {
    const account = await t.request(`/workflows/${SAME.name}?account=2222`);
    const region = await t.request("/workflows?region=Europe");

    expect(account.status).toBe(400);
    expect(account.body.Message).toMatch(/account/);
    expect(region.status).toBe(400);
    expect(region.body.Message).toMatch(/region/);
  });
});

describe("a caller limited to the member account", () => {
  const asMember = { token: MEMBER_TOKEN };

  it("is refused the home account's routes with 403 AccessDeniedException", async () => {
    for (const path of [
      `/workflows/${SAME.name}/runs/${SAME.runId}`,
      `/workflows/${SAME.name}/runs?account=${HOME.accountId}`,
      `/workflows?account=${HOME.accountId}`,
    ]) {
      const response = await t.request(path, asMember);
      expect(response.status, path).toBe(403);
      expect(response.body.Code, path).toBe("AccessDeniedException");
      expect(response.body.Message, path).toContain(HOME.accountId);
    }
    const command = await t.request(`/workflows/${SAME.name}/runs`, { ...asMember, method: "POST", body: {} });
    expect(command.status).toBe(403);
  });

  it("reads the member's runs and sees only its workflows and runs in the lists", async () => {
    const run = await t.request(`/workflows/${SAME.name}/runs/${SAME.runId}?${inMember}`, asMember);
    const workflows = await t.request("/workflows", asMember);
    const feed = await t.request("/runs?outcome=FAILED", asMember);

    expect(run.body.Run.Outcome).toBe("FAILED");
    expect(new Set(workflows.body.Workflows.map((w: { AccountId: string }) => w.AccountId))).toEqual(
      new Set([MEMBER.accountId]),
    );
    expect(workflows.body.Workflows).toHaveLength(2);
    expect(feed.body.Runs.map((r: { AccountId: string; Name: string }) => `${r.AccountId}/${r.Name}`)).toEqual([
      `${MEMBER.accountId}/${SAME.name}`,
    ]);
  });

  it("is refused without a token, like any caller", async () => {
    const response = await t.request("/workflows", { token: "not-a-token" });
    expect(response.status).toBe(401);
  });
});

describe("commands go to the workflow's account", () => {
  it("starts a run in the member's Glue and records it under the member account only", async () => {
    // Prepare: the workflow exists in the member account's Glue only.
    await createEtlWorkflow(t.glueAdmin.member, "member-etl");

    // Act
    const atHome = await t.request("/workflows/member-etl/runs", { method: "POST", body: {} });
    const inMemberAccount = await t.request(`/workflows/member-etl/runs?${inMember}`, {
      method: "POST",
      body: {},
    });

    // Assess
    expect(atHome.status).toBe(404);
    expect(inMemberAccount.status, JSON.stringify(inMemberAccount.body)).toBe(201);
    const runId = inMemberAccount.body.RunId;
    const recorded = await t.request(`/workflows/member-etl/runs/${runId}?${inMember}`);
    expect(recorded.body.Run).toMatchObject({ ObservedVia: "command", AccountId: MEMBER.accountId });
    expect((await t.request(`/workflows/member-etl/runs/${runId}`)).status).toBe(404);
  });
});
