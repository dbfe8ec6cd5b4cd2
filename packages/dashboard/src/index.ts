/**
 * The dashboard package for Node: the build (for the local runtime, the AWS stack and
 * the bench) and the type of the page's config.json. The page itself is src/page/.
 */
export { type BuildOptions, buildDashboard, type DashboardBuild, type DashboardFile, writeDashboard } from "./build.ts";
export { type DashboardAuth, type DashboardConfig, DashboardConfigError, parseDashboardConfig } from "./config.ts";
