import { ConfigName, type Env } from "@glue-run-tracker/core";
import type { DashboardConfig } from "@glue-run-tracker/dashboard";

/** Locally the page is on the API's own origin; with TRACKER_API_TOKEN set it asks for the token (never sent in here). */
export function dashboardConfig(env: Env): DashboardConfig {
  return { apiBaseUrl: "", auth: env[ConfigName.ApiToken] ? { kind: "token" } : { kind: "none" } };
}
