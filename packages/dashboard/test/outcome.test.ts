import { describe, expect, it } from "vitest";
import { stateLabel, TONE_COLOURS, Tone, toneOf } from "../src/page/outcome.ts";

describe("toneOf", () => {
  it.each([
    ["SUCCEEDED", "ok"],
    ["FAILED", "fail"],
    ["ERROR", "fail"],
    ["TIMEOUT", "fail"],
    ["RUNNING", "running"],
    ["STOPPED", "stopped"],
    ["NOT_RUN", "waiting"],
    ["UNKNOWN", "unknown"],
  ])("%s → %s", (value, tone) => {
    expect(toneOf(value)).toBe(tone);
  });

  it("gives values it has never seen a neutral tone and shows them as they came", () => {
    expect(toneOf("SOMETHING_NEW")).toBe(Tone.Unknown);
    expect(toneOf(undefined)).toBe(Tone.Unknown);
    expect(stateLabel("SOMETHING_NEW")).toBe("SOMETHING_NEW");
    expect(stateLabel(undefined)).toBe("—");
    expect(stateLabel("NOT_RUN")).toBe("NOT RUN");
  });
});

describe("TONE_COLOURS", () => {
  it.each(Object.entries(TONE_COLOURS))("%s: text on its fill has a contrast of at least 4.5:1", (_tone, c) => {
    expect(contrast(c.ink, c.fill)).toBeGreaterThanOrEqual(4.5);
    // Node names are drawn in near-black on the fill.
    expect(contrast("#1b1f24", c.fill)).toBeGreaterThanOrEqual(4.5);
  });

  it("the CSS palette is the same as the SVG one", async () => {
    const { readFile } = await import("node:fs/promises");
    const css = await readFile(new URL("../src/page/app.css", import.meta.url), "utf8");
    const variable = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6});`).exec(css)?.[1];
    for (const [tone, c] of Object.entries(TONE_COLOURS)) {
      expect([variable(`${tone}-fill`), variable(`${tone}-ink`), variable(`${tone}-stroke`)]).toEqual([
        c.fill,
        c.ink,
        c.stroke,
      ]);
    }
  });
});

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
