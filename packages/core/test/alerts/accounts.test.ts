/**
 * Alerts when several accounts are tracked (docs/decisions/accounts-flows.md): the account
 * is named (alias, id, region) in the Slack and SNS renderings, the console links point
 * into the run's region and, for a member with a console role, its switch-role page.
 * A single-account tracker's alerts are unchanged.
 */
import { describe, expect, it } from "vitest";
import { createAccountRegistry } from "../../src/accounts/registry.ts";
import { alertSettingsFor } from "../../src/alerts/settings.ts";
import { slackMessage } from "../../src/alerts/slack-message.ts";
import { snsMessage } from "../../src/alerts/sns-message.ts";
import { ConfigError, checkSetting } from "../../src/config-schema.ts";
import { failure, settings } from "./fixtures.ts";

const registry = createAccountRegistry({ accountId: "111111111111", region: "us-east-1" }, [
  { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics", ConsoleRoleName: "GlueOperator" },
  { AccountId: "333333333333", Region: "ap-southeast-2" },
]);
const analytics = registry.resolve({ accountId: "222222222222", region: "eu-west-1" });
const sydney = registry.resolve({ accountId: "333333333333", region: "ap-southeast-2" });

const failureIn = (account = analytics, multi = true) =>
  failure(undefined, 0, alertSettingsFor({ ...settings, region: "us-east-1" }, account, multi));

describe("alerts naming their account", () => {
  it("names the member account (alias, id, region) in SNS Subject and body, with its region's console and switch-role links", () => {
    // Act
    const message = snsMessage(failureIn());

    // Assess
    expect(message.Subject).toBe("Glue workflow FAILED in analytics: nightly");
    expect(message.Message).toContain("\nAccount:      analytics (222222222222, eu-west-1)\n");
    expect(message.Message).toContain(
      "Glue console: https://eu-west-1.console.aws.amazon.com/glue/home?region=eu-west-1#/v2/etl-configuration/workflows/run/nightly?runId=wr_1",
    );
    expect(message.Message).toContain(
      "Switch role:  https://signin.aws.amazon.com/switchrole?account=222222222222&roleName=GlueOperator&displayName=analytics",
    );
    expect(message.Message).toContain(
      "Tracker:      https://tracker.example.com/ui/workflows/nightly/runs/wr_1?account=222222222222&region=eu-west-1",
    );
  });

  it("names the account in Slack: the notification text, the header, an Account field, and a switch-role button before the console one", () => {
    // Act
    const payload = slackMessage(failureIn());

    // Assess
    expect(payload.text.startsWith("[analytics] Glue workflow nightly run wr_1 FAILED.")).toBe(true);
    expect(payload.blocks[0]).toMatchObject({
      type: "header",
      text: { text: "🚨 Glue workflow FAILED in analytics: nightly" },
    });
    const fields = (payload.blocks[1] as { fields: { text: string }[] }).fields.map((f) => f.text);
    expect(fields[1]).toBe("*Account*\nanalytics (222222222222, eu-west-1)");
    const actions = payload.blocks.at(-1) as { elements: { action_id: string; url: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual(["tracker-run", "switch-role", "glue-console"]);
    expect(actions.elements[2]?.url.startsWith("https://eu-west-1.console.aws.amazon.com/")).toBe(true);
  });

  it("without an alias or console role: the id and region, no switch-role link", () => {
    // Act
    const alert = failureIn(sydney);
    const message = snsMessage(alert);

    // Assess
    expect(message.Subject).toBe("Glue workflow FAILED in 333333333333 ap-southeast-2: nightly");
    expect(alert.links.switchRole).toBeUndefined();
    expect(alert.links.glueConsole.startsWith("https://ap-southeast-2.console.aws.amazon.com/")).toBe(true);
  });

  it("the home account is named too when members are tracked, without a switch-role link; a single-account tracker names none", () => {
    // Act
    const home = failureIn(registry.home);
    const single = failureIn(createAccountRegistry({ accountId: "111111111111", region: "us-east-1" }).home, false);

    // Assess
    expect(snsMessage(home).Subject).toBe("Glue workflow FAILED in 111111111111 us-east-1: nightly");
    expect(home.links.switchRole).toBeUndefined();
    expect(home.links.tracker).toBe("https://tracker.example.com/ui/workflows/nightly/runs/wr_1");
    expect(single.account).toBeUndefined();
    expect(snsMessage(single).Subject).toBe("Glue workflow FAILED: nightly");
    expect(snsMessage(single).Message).not.toContain("Account:");
  });

  it("keeps the account in a Subject cut for a long workflow name (the name is what gets cut)", () => {
    // Act
    const subject = snsMessage({ ...failureIn(), workflowName: "w".repeat(200) }).Subject;

    // Assess
    expect(subject.startsWith("Glue workflow FAILED in analytics: www")).toBe(true);
    expect(subject.length).toBeLessThanOrEqual(99);
  });

  it("accepts a member's ConsoleRoleName and refuses one that is not an IAM role name", () => {
    // Act
    const good = checkSetting(
      "TRACKER_MEMBER_ACCOUNTS",
      JSON.stringify([{ AccountId: "222222222222", Region: "eu-west-1", ConsoleRoleName: "GlueOperator" }]),
    );
    const bad = checkSetting(
      "TRACKER_MEMBER_ACCOUNTS",
      JSON.stringify([{ AccountId: "222222222222", Region: "eu-west-1", ConsoleRoleName: "role/with/slashes" }]),
    );

    // Assess
    expect(good).toEqual([{ AccountId: "222222222222", Region: "eu-west-1", ConsoleRoleName: "GlueOperator" }]);
    expect(bad).toBeInstanceOf(ConfigError);
    expect((bad as ConfigError).message).toMatch(/IAM role name/);
  });
});
