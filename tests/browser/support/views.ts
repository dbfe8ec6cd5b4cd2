/**
 * What every browser test checks on each view: axe-core finds no serious or critical violation,
 * every control can be reached with Tab, and a screenshot lands in test-results/browser/.
 */
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";

/**
 * axe.min.js goes in through the DevTools protocol (page.evaluate), not page.addScriptTag: the
 * page's CSP (script-src 'self') rightly refuses an injected inline script, and turning CSP off
 * (bypassCSP) would also hide what the bad-data tests check.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
export const SCREENSHOTS_DIR = join("test-results", "browser");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
    const result = await (window as any).axe.run(document);
    return (result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
}

export async function screenshot(page: Page, view: string): Promise<void> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${view}.png`), fullPage: true });
}

/**
 * The visible, enabled controls (links, buttons, fields, and anything the page made clickable
 * such as graph nodes) that pressing Tab from the top of the page (or of an open modal dialog) never focuses.
 */
export async function controlsTabNeverReaches(page: Page, extraSelector = ""): Promise<string[]> {
  const count = await page.evaluate((extra) => {
    const selector = `a[href], button, input, select, textarea, summary, [tabindex]${extra ? `, ${extra}` : ""}`;
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
    };
    // A modal dialog makes the rest of the page inert: then only its own controls count.
    const root = document.querySelector("dialog[open]") ?? document;
    const controls = [...root.querySelectorAll(selector)].filter(
      (el) => visible(el) && !(el as HTMLButtonElement).disabled && el.getAttribute("tabindex") !== "-1",
    );
    controls.forEach((el, i) => {
      el.setAttribute("data-kb-id", String(i));
    });
    // Tab starts from a probe placed before everything else, as after a fresh page load.
    const probe = document.createElement("button");
    probe.setAttribute("data-kb-probe", "");
    probe.textContent = "probe";
    if (root === document) {
      document.body.prepend(probe);
      probe.focus();
    }
    return controls.length;
  }, extraSelector);
  const reached = new Set<string>();
  for (let i = 0; i < 2 * count + 10 && reached.size < count; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => document.activeElement?.closest("[data-kb-id]")?.getAttribute("data-kb-id"));
    if (id) reached.add(id);
  }
  return page.evaluate(
    (seen) => {
      document.querySelector("[data-kb-probe]")?.remove();
      const marked = [...document.querySelectorAll("[data-kb-id]")];
      const missed = marked.filter((el) => !seen.includes(el.getAttribute("data-kb-id") ?? ""));
      for (const el of marked) el.removeAttribute("data-kb-id");
      return missed.map(
        (el) =>
          `${el.tagName.toLowerCase()} ${el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 40) ?? ""}`,
      );
    },
    [...reached],
  );
}
