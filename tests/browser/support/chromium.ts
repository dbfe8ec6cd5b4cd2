/**
 * The browser for the browser tests and the dashboard bench, found in this order: CHROMIUM_PATH,
 * Debian's /usr/bin/chromium, else the Chromium inside the npm package @sparticuz/chromium (so
 * `npm ci && npm test` needs no apt-get). See docs/decisions/dashboard-local-serving.md.
 */
import { existsSync } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  const { default: packaged } = await import("@sparticuz/chromium");
  const args = packaged.args.filter((flag) => !WEAKENING_FLAGS.has(flag));
  return { executablePath: await unpackOnce(() => packaged.executablePath()), args, source: "@sparticuz/chromium" };
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

const UNPACKED = join(tmpdir(), "glue-run-tracker-chromium.unpacked");
const UNPACKING = join(tmpdir(), "glue-run-tracker-chromium.lock");

/**
 * @sparticuz/chromium unpacks to /tmp (about 2 s) and treats a file that exists as done, so two
 * test files starting together could launch a half-written browser: one process unpacks, under a
 * lock directory, and leaves a marker; the others wait for it.
 */
async function unpackOnce(unpack: () => Promise<string>): Promise<string> {
  if (existsSync(UNPACKED)) return unpack();
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(UNPACKING);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (existsSync(UNPACKED)) return unpack();
      // A lock left by a process that died while unpacking is taken over after a minute.
      const age = Date.now() - (await stat(UNPACKING).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 60_000) await rm(UNPACKING, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`Waited 2 minutes for another process to unpack Chromium (${UNPACKING})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    const path = await unpack();
    await writeFile(UNPACKED, path);
    return path;
  } finally {
    await rm(UNPACKING, { recursive: true, force: true });
  }
}
