import { describe, expect, it } from "vitest";
import { glueConsoleRunUrl, trackerRunUrl } from "../../src/alerts/links.ts";

describe("glueConsoleRunUrl", () => {
  it.each([
    [
      "us-east-1",
      "https://us-east-1.console.aws.amazon.com/glue/home?region=us-east-1#/v2/etl-configuration/workflows/run/sales%20daily?runId=wr_1",
    ],
    [
      "cn-north-1",
      "https://cn-north-1.console.amazonaws.cn/glue/home?region=cn-north-1#/v2/etl-configuration/workflows/run/sales%20daily?runId=wr_1",
    ],
    [
      "us-gov-west-1",
      "https://console.amazonaws-us-gov.com/glue/home?region=us-gov-west-1#/v2/etl-configuration/workflows/run/sales%20daily?runId=wr_1",
    ],
  ])("links the workflow run in the %s console", (region, url) => {
    expect(glueConsoleRunUrl(region, "sales daily", "wr_1")).toBe(url);
  });
});

describe("trackerRunUrl", () => {
  it("encodes names and ignores a trailing slash of the base URL", () => {
    expect(trackerRunUrl("https://tracker.example.com/prod/", "a/b c", "wr_1")).toBe(
      "https://tracker.example.com/prod/workflows/a%2Fb%20c/runs/wr_1",
    );
  });
});
