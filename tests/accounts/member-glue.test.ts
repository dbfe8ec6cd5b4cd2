/**
 * One Glue client per account and caller, through the functions' wiring: a member
 * account's calls reach its own Glue (a second glue-local), signed with credentials
 * the SDK got from STS (the local stand-in) for the role of the caller's purpose, with
 * the external id; assumed once, refreshed once they near expiry; refused with an
 * error naming the account and role. The home account's client is today's.
 */
import { CreateWorkflowCommand } from "@aws-sdk/client-glue";
import { createGlueClient, Glue } from "@glue-run-tracker/core";
import { type LocalSts, startLocalSts } from "@glue-run-tracker/local";
import { type GlueLocal, startGlueLocal } from "glue-local";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeError } from "../../packages/functions/src/http/error-response.ts";
import { accountsOf, glueFor, wiringFor } from "../../packages/functions/src/shared/wiring/builders.ts";

const HOME = { accountId: "123456789012", region: "us-east-1" };
const MEMBER = { accountId: "222222222222", region: "eu-west-1" };
const EXTERNAL_ID = "tracker-external-id";
/** The SDK refreshes an identity that expires within 5 minutes (EXPIRATION_MS in @smithy/core's memoizeIdentityProvider). */
const SDK_REFRESH_WINDOW_S = 300;

let home: GlueLocal;
let member: GlueLocal;
let sts: LocalSts | undefined;

beforeAll(async () => {
  home = await startGlueLocal({ env: {}, accountId: HOME.accountId, region: HOME.region });
  member = await startGlueLocal({ env: {}, accountId: MEMBER.accountId, region: MEMBER.region });
  // A workflow only the member account has: seeing it proves which Glue answered.
  const admin = createGlueClient({ AWS_REGION: MEMBER.region, GLUE_ENDPOINT: member.endpoint });
  await admin.send(new CreateWorkflowCommand({ Name: "analytics-nightly" }));
  admin.destroy();
});
afterAll(async () => {
  await Promise.all([home?.stop(), member?.stop()]);
});
/** Each glue-local's calls before the test: the test looks at its own. */
const callsBefore = new Map<GlueLocal, number>();
beforeEach(() => {
  for (const glue of [home, member]) callsBefore.set(glue, glue.signedCalls.length);
});
afterEach(async () => {
  await sts?.close();
  sts = undefined;
});

/** A function's wiring and its accounts, configured as on AWS but for the local endpoints. */
async function wired(kind: "reconciler" | "commands" | "resumeWorker", options: { externalId?: string } = {}) {
  const env = {
    AWS_REGION: HOME.region,
    TRACKER_HOME_ACCOUNT: HOME.accountId,
    TRACKER_MEMBER_ACCOUNTS: JSON.stringify([
      { AccountId: MEMBER.accountId, Region: MEMBER.region, Alias: "analytics", GlueEndpoint: member.endpoint },
    ]),
    TRACKER_EXTERNAL_ID: options.externalId ?? EXTERNAL_ID,
    GLUE_ENDPOINT: home.endpoint,
    STS_ENDPOINT: sts?.url ?? "",
  };
  const w = wiringFor(env, kind);
  const accounts = accountsOf(w);
  return { w, analytics: accounts.resolve(MEMBER), home: accounts.home };
}

/** The access key ids that signed this test's calls to one glue-local. */
const keysAt = (glue: GlueLocal) => glue.signedCalls.slice(callsBefore.get(glue) ?? 0).map((call) => call.accessKeyId);

describe("Glue in a member account", () => {
  it("reaches the member's Glue with the read role's credentials, assumed once with the external id", async () => {
    // Prepare
    sts = await startLocalSts({ externalId: EXTERNAL_ID });
    const { w, analytics } = await wired("reconciler");
    const glue = glueFor(w, "reconciler", { account: analytics });
    // Act
    const first = await glue.listWorkflows();
    await glue.listWorkflows();
    await glueFor(w, "reconciler", analytics).getWorkflow("analytics-nightly");
    // Assess
    expect(first.items).toEqual(["analytics-nightly"]);
    expect(sts.issued.map(({ roleArn, sessionName, region }) => ({ roleArn, sessionName, region }))).toEqual([
      {
        roleArn: "arn:aws:iam::222222222222:role/GlueRunTrackerRead-eu-west-1",
        sessionName: "glue-run-tracker-reconciler",
        region: HOME.region, // STS in the tracker's region, not the member's
      },
    ]);
    expect(keysAt(member)).toEqual(Array(3).fill(sts.issued[0]?.accessKeyId));
    expect(sts.issued[0]?.accessKeyId).toMatch(/^ASIA222222222222/);
    expect(keysAt(home)).toEqual([]);
  });

  it.each([
    ["commands", "commands"],
    ["resumeWorker", "resumeWorker"],
  ] as const)("gives %s the operate role", async (_, kind) => {
    // Prepare
    sts = await startLocalSts({ externalId: EXTERNAL_ID });
    const { w, analytics } = await wired(kind);
    // Act
    const run = await glueFor(w, kind, { account: analytics }).getWorkflowRun("analytics-nightly", "wr_none");
    // Assess
    expect(run).toBeUndefined(); // the member's Glue answered EntityNotFound
    expect(sts.issued.map((issued) => [issued.roleArn, issued.sessionName])).toEqual([
      ["arn:aws:iam::222222222222:role/GlueRunTrackerOperate-eu-west-1", `glue-run-tracker-${kind}`],
    ]);
    expect(keysAt(member)).toEqual([sts.issued[0]?.accessKeyId]);
  });

  it("refreshes credentials once they come within the SDK's refresh window of expiry", async () => {
    // Prepare: credentials that enter the refresh window 4 s after they are issued (a slow machine keeps the margin)
    sts = await startLocalSts({ externalId: EXTERNAL_ID, credentialSeconds: SDK_REFRESH_WINDOW_S + 4 });
    const { w, analytics } = await wired("reconciler");
    const glue = glueFor(w, "reconciler", { account: analytics });
    await glue.listWorkflows();
    await glue.listWorkflows();
    const refreshAt = (sts.issued[0]?.expiration.getTime() ?? 0) - SDK_REFRESH_WINDOW_S * 1000;
    // Act
    await new Promise((resolve) => setTimeout(resolve, refreshAt - Date.now() + 200));
    await glue.listWorkflows();
    await glue.listWorkflows();
    // Assess
    const [firstKey, secondKey] = sts.issued.map((issued) => issued.accessKeyId);
    expect(sts.issued).toHaveLength(2);
    expect(secondKey).not.toBe(firstKey);
    expect(keysAt(member)).toEqual([firstKey, firstKey, secondKey, secondKey]);
  }, 15_000);

  it("fails a call whose role STS refuses with an error naming the account and role", async () => {
    // Prepare
    sts = await startLocalSts({ externalId: EXTERNAL_ID });
    const { w, analytics } = await wired("commands", { externalId: "not-the-one" });
    // Act
    const failure = await glueFor(w, "commands", { account: analytics })
      .startWorkflowRun("analytics-nightly")
      .catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(Glue.GlueCallError);
    const error = failure as Glue.GlueCallError;
    expect(error.message).toMatch(
      /^Could not assume the operate role arn:aws:iam::222222222222:role\/GlueRunTrackerOperate-eu-west-1 in analytics \(222222222222, eu-west-1\): AccessDenied: /,
    );
    expect(error.message).not.toMatch(/<|not-the-one/);
    expect([error.operation, error.failure, error.glueCode, error.retryable]).toEqual([
      "StartWorkflowRun",
      Glue.GlueFailure.Refused,
      "AccessDeniedException",
      false,
    ]);
    // The API answers as for Glue's own AccessDenied: 403, the ARNs kept for the log only.
    const answer = describeError(error);
    expect([answer.statusCode, answer.code]).toEqual([403, "AccessDeniedException"]);
    expect(answer.message).not.toMatch(/arn:|222222222222/);
    expect(answer.glueMessage).toBe(error.message);
    expect(keysAt(member)).toEqual([]);
  });

  it("leaves the home account's client as it was: GLUE_ENDPOINT, the function's credentials, no STS", async () => {
    // Prepare
    sts = await startLocalSts({ externalId: EXTERNAL_ID });
    const { w, home: homeAccount } = await wired("reconciler");
    // Act
    await glueFor(w, "reconciler").listWorkflows();
    await glueFor(w, "reconciler", { account: homeAccount }).listWorkflows();
    // Assess
    expect(keysAt(home)).toEqual(["local", "local"]);
    expect(sts.issued).toEqual([]);
    expect(keysAt(member)).toEqual([]);
  });
});
