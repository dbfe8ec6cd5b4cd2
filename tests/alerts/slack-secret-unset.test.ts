import { afterAll, describe, expect, it } from "vitest";
import { type SsmStandIn, slackWebhookUrlWithWarnings, startSsmStandIn } from "./ssm-stand-in.ts";

let ssm: SsmStandIn | undefined;

afterAll(() => ssm?.stop());

describe("Slack webhook URL from an unset SST secret", () => {
  it("means 'no Slack': SNS only, with a warning and no error", async () => {
    // Prepare
    ssm = await startSsmStandIn(undefined);

    // Act
    const { url, warnings } = await slackWebhookUrlWithWarnings();

    // Assess
    expect(url).toBeUndefined();
    expect(ssm.asked).toEqual([
      ["/sst/glue-run-tracker/test/Secret/SLACK_WEBHOOK_URL/value"],
      ["/sst/glue-run-tracker/.fallback/Secret/SLACK_WEBHOOK_URL/value"],
    ]);
    expect(warnings).toEqual(["Slack webhook secret is not set; alerts go to SNS only"]);
  });
});
