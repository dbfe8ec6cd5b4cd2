import { describe, expect, it } from "vitest";
import { elapsedMs, formatAgo, formatDuration, formatInstant, formatPercent } from "../src/page/format.ts";

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [2_500, "2.5 s"],
    [9_999, "9.9 s"],
    [42_000, "42 s"],
    [65_000, "1 m 05 s"],
    [3_725_000, "1 h 02 m"],
    [90_000_000, "1 d 1 h"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("shows a dash for what is not a duration", () => {
    expect(formatDuration(Number.NaN)).toBe("—");
    expect(formatDuration(-5)).toBe("—");
  });
});

describe("elapsedMs", () => {
  it("measures start to end, or to now while running; nothing without a start", () => {
    expect(elapsedMs("2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", 0)).toBe(60_000);
    expect(elapsedMs("2026-01-01T00:00:00Z", undefined, Date.parse("2026-01-01T00:00:05Z"))).toBe(5_000);
    expect(elapsedMs(undefined, "2026-01-01T00:01:00Z", 0)).toBeUndefined();
    expect(elapsedMs("not a date", undefined, 0)).toBeUndefined();
  });
});

describe("formatInstant", () => {
  it("shows the viewer's local time and keeps the UTC instant for the title", () => {
    const shown = formatInstant("2026-12-05T16:28:37.818Z", "Asia/Tokyo");
    expect(shown.text).toBe("06 Dec 2026, 01:28:37");
    expect(shown.utc).toBe("2026-12-05T16:28:37.818Z");
    expect(formatInstant("2026-12-05T16:28:37Z", "America/New_York").text).toBe("05 Dec 2026, 11:28:37");
  });

  it("passes a value it cannot read through as text, and a missing one as a dash", () => {
    expect(formatInstant("<b>soon</b>")).toEqual({ text: "<b>soon</b>", utc: "" });
    expect(formatInstant(undefined)).toEqual({ text: "—", utc: "" });
  });
});

describe("formatAgo and formatPercent", () => {
  it("reads naturally", () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(formatAgo("2026-01-01T11:59:30Z", now)).toBe("30 s ago");
    expect(formatAgo("2026-01-01T11:00:00Z", now)).toBe("1 h ago");
    expect(formatAgo("2025-12-30T12:00:00Z", now)).toBe("2 d ago");
    expect(formatPercent(1 / 3)).toBe("33.3%");
    expect(formatPercent(undefined)).toBe("—");
  });
});
