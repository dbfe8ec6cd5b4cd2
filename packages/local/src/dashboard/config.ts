import { ConfigName, type Env } from "@glue-run-tracker/core";

/** The page's runtime configuration (`/ui/config.json`), as the dashboard contract defines it. */
export interface DashboardConfig {
  /** "" = the API on the page's own origin. */
  apiBaseUrl: string;
  auth: { kind: "none" } | { kind: "token" };
}

/** Locally the page is on the API's own origin; with TRACKER_API_TOKEN set it asks for the token (never sent in here). */
export function dashboardConfig(env: Env): DashboardConfig {
  return { apiBaseUrl: "", auth: env[ConfigName.ApiToken] ? { kind: "token" } : { kind: "none" } };
}
