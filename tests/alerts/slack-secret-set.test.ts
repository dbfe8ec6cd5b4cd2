import { afterAll, describe, expect, it } from "vitest";
import { type SsmStandIn, slackWebhookUrlWithWarnings, startSsmStandIn } from "./ssm-stand-in.ts";

let ssm: SsmStandIn | undefined;

afterAll(() => ssm?.stop());

describe("Slack webhook URL from a set SST secret", () => {
  it("is read through sst/node/config", async () => {
    // Prepare
    ssm = await startSsmStandIn("https://hooks.slack.com/services/T0/B0/abc");

    // Act
    const { url, warnings } = await slackWebhookUrlWithWarnings();

    // Assess
    expect(url).toBe("https://hooks.slack.com/services/T0/B0/abc");
    expect(ssm.asked).toEqual([["/sst/glue-run-tracker/test/Secret/SLACK_WEBHOOK_URL/value"]]);
    expect(warnings).toEqual([]);
  });

  it("is not asked for when SLACK_WEBHOOK_URL is in the environment (local runtime)", async () => {
    // Prepare
    const { slackWebhookUrl } = await import("../../packages/functions/src/shared/wiring/alerts.ts");
    const before = ssm?.asked.length;

    // Act
    const url = await slackWebhookUrl({ SLACK_WEBHOOK_URL: "http://127.0.0.1:9/hook" });

    // Assess
    expect(url).toBe("http://127.0.0.1:9/hook");
    expect(ssm?.asked.length).toBe(before);
  });
});
