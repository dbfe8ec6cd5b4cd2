import { describe, expect, it } from "vitest";
import {
  alertsMuted,
  DEFAULT_WORKFLOW_SETTINGS,
  SettingsBody,
  settingsBody,
  WorkflowSettings,
  withDefaults,
} from "../../src/insights/settings.ts";

describe("SettingsBody (PUT /workflows/{name}/settings)", () => {
  it("reads the API's PascalCase fields into WorkflowSettings, normalising MuteUntil to UTC", () => {
    const parsed = SettingsBody.parse({
      RunTimeLimitMinutes: 90,
      OverdueFactor: 2,
      MinRunsForBaseline: 3,
      ScheduleGraceMinutes: 0,
      MuteUntil: "2026-12-24T18:00:00+01:00",
      SlackWebhook: "data-team",
      AutoResume: false,
    });
    expect(parsed).toEqual({
      runTimeLimitMinutes: 90,
      overdueFactor: 2,
      minRunsForBaseline: 3,
      scheduleGraceMinutes: 0,
      muteUntil: "2026-12-24T17:00:00.000Z",
      slackWebhook: "data-team",
      autoResume: false,
    });
    expect(settingsBody(parsed)).toMatchObject({
      RunTimeLimitMinutes: 90,
      SlackWebhook: "data-team",
      AutoResume: false,
    });
  });

  it("accepts an empty body (every setting back to its default)", () => {
    expect(SettingsBody.parse({})).toEqual({});
  });

  it.each([
    [{ SlackWebhook: "https://hooks.slack.com/services/T000/B000/XXXX" }, "SlackWebhook", "not be a URL"],
    [{ SlackWebhook: "data team" }, "SlackWebhook", "webhook name"],
    [{ OverdueFactor: 0.5 }, "OverdueFactor", ""],
    [{ RunTimeLimitMinutes: 1.5 }, "RunTimeLimitMinutes", ""],
    [{ RunTimeLimitMinutes: 0 }, "RunTimeLimitMinutes", ""],
    [{ ScheduleGraceMinutes: -1 }, "ScheduleGraceMinutes", ""],
    [{ MuteUntil: "tomorrow" }, "MuteUntil", ""],
    [{ AutoResume: "no" }, "AutoResume", ""],
    [{ overdueFactor: 2 }, "overdueFactor", ""],
  ])("refuses %j, naming %s", (body, field, words) => {
    const result = SettingsBody.safeParse(body);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect([...(issue?.path ?? []), ...((issue as { keys?: string[] })?.keys ?? [])]).toContain(field);
    expect(issue?.message).toContain(words);
  });
});

describe("withDefaults", () => {
  it("fills what a workflow does not set, and keeps what it does", () => {
    expect(withDefaults(undefined)).toEqual(DEFAULT_WORKFLOW_SETTINGS);
    expect(withDefaults({ overdueFactor: 3, autoResume: false })).toEqual({
      ...DEFAULT_WORKFLOW_SETTINGS,
      overdueFactor: 3,
      autoResume: false,
    });
  });

  it("drops a stored field that no longer parses instead of failing the reader", () => {
    expect(withDefaults({ overdueFactor: "x", slackWebhook: "ops" })).toEqual({
      ...DEFAULT_WORKFLOW_SETTINGS,
      slackWebhook: "ops",
    });
  });

  it("is a valid WorkflowSettings", () => {
    expect(WorkflowSettings.parse(withDefaults({}))).toEqual(DEFAULT_WORKFLOW_SETTINGS);
  });
});

describe("alertsMuted", () => {
  it("is true only before muteUntil", () => {
    const now = new Date("2026-12-05T12:00:00Z");
    expect(alertsMuted({}, now)).toBe(false);
    expect(alertsMuted({ muteUntil: "2026-12-05T12:00:01.000Z" }, now)).toBe(true);
    expect(alertsMuted({ muteUntil: "2026-12-05T12:00:00.000Z" }, now)).toBe(false);
  });
});
