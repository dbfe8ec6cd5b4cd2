/**
 * The browser for the browser tests and the dashboard bench, found in this order: CHROMIUM_PATH,
 * Debian's /usr/bin/chromium, else the Chromium inside the npm package @sparticuz/chromium (so
 * `npm ci && npm test` needs no apt-get). See docs/decisions/dashboard-local-serving.md.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium as playwright } from "playwright-core";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
/**
 * The package's flags suit Lambda; these would weaken what the tests check (same-origin rules,
 * mixed content) or squeeze every page into one process, so they are left out.
 */
const WEAKENING_FLAGS = new Set([
  "--disable-web-security",
  "--allow-running-insecure-content",
  "--disable-site-isolation-trials",
  "--single-process",
]);

export interface ChromiumFound {
  executablePath: string;
  args: string[];
  /** Where it came from, for a clear message when it does not start. */
  source: string;
}

export async function findChromium(): Promise<ChromiumFound> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { executablePath: fromEnv, args: ["--no-sandbox"], source: "CHROMIUM_PATH" };
  if (existsSync(SYSTEM_CHROMIUM))
    return { executablePath: SYSTEM_CHROMIUM, args: ["--no-sandbox"], source: SYSTEM_CHROMIUM };
  // Unpacks to /tmp once (about 2 s), then reuses it.
  const { default: packaged } = await import("@sparticuz/chromium");
  const args = packaged.args.filter((flag) => !WEAKENING_FLAGS.has(flag));
  return { executablePath: await packaged.executablePath(), args, source: "@sparticuz/chromium" };
}

export async function launchChromium(): Promise<Browser> {
  const found = await findChromium();
  try {
    return await playwright.launch({ executablePath: found.executablePath, args: found.args, headless: true });
  } catch (error) {
    throw new Error(
      `Could not start Chromium from ${found.source} (${found.executablePath}): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
