/**
 * Builds the page at start-up with esbuild, in memory (a few hundred ms, so `npm start` needs no
 * build step and always serves the page that matches the code), and configures it from the runtime's settings.
 */

import type { Env } from "@glue-run-tracker/core";
import { buildDashboard } from "@glue-run-tracker/dashboard";
import { dashboardConfig } from "./config.ts";
import { createDashboardSite, type SiteHandler } from "./site.ts";

export interface DashboardSite {
  handler: SiteHandler;
  /** How long the build took, for the start-up log. */
  buildMs: number;
}

export async function startDashboardSite(env: Env): Promise<DashboardSite> {
  const startedAt = performance.now();
  const build = await buildDashboard({ minify: true });
  return { handler: createDashboardSite(build, dashboardConfig(env)), buildMs: performance.now() - startedAt };
}
