import { describe, expect, it } from "vitest";
import { AlertConfigError } from "../../src/alerts/errors.ts";
import { glueConsoleRunUrl, trackerRunUrl } from "../../src/alerts/links.ts";
import { alertSettingsFromEnv } from "../../src/alerts/settings.ts";

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
  it("links the run's page of the dashboard (under /ui/), encoding names and ignoring a trailing slash", () => {
    expect(trackerRunUrl("https://tracker.example.com/prod/", "a/b c", "wr_1")).toBe(
      "https://tracker.example.com/prod/ui/workflows/a%2Fb%20c/runs/wr_1",
    );
    expect(trackerRunUrl("http://127.0.0.1:3000", "nightly", "wr_#1?")).toBe(
      "http://127.0.0.1:3000/ui/workflows/nightly/runs/wr_%231%3F",
    );
  });
});

describe("alertSettingsFromEnv", () => {
  it("reads the region, the base URL and ALERT_ON_STOPPED", () => {
    expect(
      alertSettingsFromEnv({ AWS_REGION: "eu-west-1", TRACKER_BASE_URL: "https://t.example", ALERT_ON_STOPPED: "yes" }),
    ).toEqual({ region: "eu-west-1", trackerBaseUrl: "https://t.example", alertOnStopped: true });
  });

  it.each([
    [{ TRACKER_BASE_URL: "tracker.example" }, /Invalid TRACKER_BASE_URL: expected an http\(s\) URL/],
    [{ ALERT_ON_STOPPED: "sometimes" }, /Invalid ALERT_ON_STOPPED: expected true or false/],
  ])("refuses %j with a clear AlertConfigError", (env, message) => {
    expect(() => alertSettingsFromEnv(env)).toThrow(AlertConfigError);
    expect(() => alertSettingsFromEnv(env)).toThrow(message);
  });
});
