/**
 * The local STS through the real SDK STS client (the one the SDK's fromTemporaryCredentials
 * builds, via core's memberRoleCredentials): credentials that name their account, STS's
 * refusals (wrong or missing external id, not a role ARN) as the SDK parses them.
 */
import { Accounts, memberRoleCredentials } from "@glue-run-tracker/core";
import { afterEach, describe, expect, it } from "vitest";
import { type LocalSts, startLocalSts } from "../../src/sts/index.ts";

const accounts = Accounts.createAccountRegistry({ accountId: "123456789012", region: "us-east-1" }, [
  { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" },
  { AccountId: "333333333333", Region: "eu-west-1", ReadRoleArn: "arn:aws:iam::333333333333:user/not-a-role" },
]);
const analytics = accounts.resolve({ accountId: "222222222222", region: "eu-west-1" });

let sts: LocalSts | undefined;
afterEach(async () => {
  await sts?.close();
  sts = undefined;
});

function credentialsFor(account: Accounts.TrackedAccount, purpose: Accounts.RolePurpose, env: Record<string, string>) {
  return memberRoleCredentials({ account, purpose, caller: "reconciler", env: { AWS_REGION: "us-east-1", ...env } });
}

describe("local STS", () => {
  it("issues credentials whose access key id names the account, expiring after the configured lifetime", async () => {
    // Prepare
    sts = await startLocalSts({ externalId: "tracker-ext", credentialSeconds: 900 });
    const env = { STS_ENDPOINT: sts.url, TRACKER_EXTERNAL_ID: "tracker-ext" };
    // Act
    const read = await credentialsFor(analytics, "read", env)();
    const operate = await credentialsFor(analytics, "operate", env)();
    // Assess
    expect(read.accessKeyId).toBe("ASIA2222222222220001");
    expect(operate.accessKeyId).toBe("ASIA2222222222220002");
    expect(read.secretAccessKey).not.toBe(operate.secretAccessKey);
    expect(read.sessionToken).toBeTruthy();
    const lifetime = (read.expiration?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(890_000);
    expect(lifetime).toBeLessThanOrEqual(900_000);
    expect(sts.issued.map(({ accessKeyId, roleArn, sessionName }) => ({ accessKeyId, roleArn, sessionName }))).toEqual([
      {
        accessKeyId: "ASIA2222222222220001",
        roleArn: "arn:aws:iam::222222222222:role/GlueRunTrackerRead-eu-west-1",
        sessionName: "glue-run-tracker-reconciler",
      },
      {
        accessKeyId: "ASIA2222222222220002",
        roleArn: "arn:aws:iam::222222222222:role/GlueRunTrackerOperate-eu-west-1",
        sessionName: "glue-run-tracker-reconciler",
      },
    ]);
  });

  it.each([
    ["a wrong external id", { TRACKER_EXTERNAL_ID: "guessed" }],
    ["no external id", {}],
  ])("refuses %s with AccessDenied, named with the account and role", async (_, externalId) => {
    // Prepare
    sts = await startLocalSts({ externalId: "tracker-ext" });
    // Act
    const failure = await credentialsFor(analytics, "read", { STS_ENDPOINT: sts.url, ...externalId })().catch(
      (error: unknown) => error,
    );
    // Assess
    expect(failure).toBeInstanceOf(Accounts.MemberRoleError);
    const error = failure as Accounts.MemberRoleError;
    expect(error.stsCode).toBe("AccessDenied");
    expect(error.message).toMatch(
      /^Could not assume the read role arn:aws:iam::222222222222:role\/GlueRunTrackerRead-eu-west-1 in analytics \(222222222222, eu-west-1\): AccessDenied: User: local is not authorized to perform: sts:AssumeRole/,
    );
    expect(error.message).not.toMatch(/[<>]|guessed/);
    expect(sts.issued).toEqual([]);
    expect(sts.refused).toEqual([
      { roleArn: "arn:aws:iam::222222222222:role/GlueRunTrackerRead-eu-west-1", code: "AccessDenied" },
    ]);
  });

  it("refuses an ARN that is not a role's", async () => {
    // Prepare
    sts = await startLocalSts();
    const other = accounts.resolve({ accountId: "333333333333", region: "eu-west-1" });
    // Act
    const failure = await credentialsFor(other, "read", { STS_ENDPOINT: sts.url })().catch((error: unknown) => error);
    // Assess
    expect((failure as Accounts.MemberRoleError).stsCode).toBe("AccessDenied");
    expect(sts.issued).toEqual([]);
  });

  it("answers an action it does not serve, and a malformed role ARN, with STS's XML errors", async () => {
    // Prepare
    sts = await startLocalSts();
    const post = (body: string) =>
      fetch(sts?.url ?? "", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      }).then(async (response) => ({ status: response.status, body: await response.text() }));
    // Act
    const action = await post("Action=GetCallerIdentity&Version=2011-06-15");
    const arn = await post("Action=AssumeRole&Version=2011-06-15&RoleArn=role%2Fx&RoleSessionName=s1");
    // Assess
    expect(action.status).toBe(400);
    expect(action.body).toContain("<Code>InvalidAction</Code>");
    expect(arn.status).toBe(400);
    expect(arn.body).toContain("<Code>ValidationError</Code>");
  });
});
