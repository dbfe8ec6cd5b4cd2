/** Links in alerts: the run in the Glue console of its region, and on the tracker's dashboard. */
import type { AlertAccount } from "./types.ts";

/**
 * The Glue console page of a workflow run (the run's graph and status), for the
 * partition of the region: aws, aws-cn or aws-us-gov.
 *
 * @example
 * glueConsoleRunUrl("eu-west-1", "nightly etl", "wr_123");
 * // "https://eu-west-1.console.aws.amazon.com/glue/home?region=eu-west-1#/v2/etl-configuration/workflows/run/nightly%20etl?runId=wr_123"
 */
export function glueConsoleRunUrl(region: string, workflowName: string, runId: string): string {
  const name = encodeURIComponent(workflowName);
  return `${consoleOrigin(region)}/glue/home?region=${encodeURIComponent(region)}#/v2/etl-configuration/workflows/run/${name}?runId=${encodeURIComponent(runId)}`;
}

/**
 * The run's page on the tracker's dashboard (/ui/workflows/{name}/runs/{runId}, see
 * packages/dashboard/README.md), when a base URL is configured: where the dashboard is
 * served (locally the API's origin, on AWS the site's CloudFront URL). A person opens an
 * alert link in a browser, so it lands on the page, not on the API's JSON.
 *
 * @example
 * trackerRunUrl("https://tracker.example.com/", "nightly", "wr_1"); // "https://tracker.example.com/ui/workflows/nightly/runs/wr_1"
 */
export function trackerRunUrl(baseUrl: string, workflowName: string, runId: string, account?: AlertAccount): string {
  const base = baseUrl.replace(/\/+$/, "");
  return `${base}/ui/workflows/${encodeURIComponent(workflowName)}/runs/${encodeURIComponent(runId)}${accountQuery(account)}`;
}

/**
 * The console's switch-role page into a member account, when a console role is
 * configured: the console cannot switch account and open a page in one link, so the
 * alert offers this beside the Glue console link. Home (the signed-in account): none.
 *
 * @example
 * switchRoleUrl({ accountId: "222222222222", region: "eu-west-1", home: false, alias: "analytics", consoleRoleName: "GlueOps" });
 * // "https://signin.aws.amazon.com/switchrole?account=222222222222&roleName=GlueOps&displayName=analytics"
 */
export function switchRoleUrl(account: AlertAccount | undefined): string | undefined {
  if (!account || account.home || !account.consoleRoleName) return undefined;
  const query = new URLSearchParams({
    account: account.accountId,
    roleName: account.consoleRoleName,
    displayName: account.alias ?? `${account.accountId} ${account.region}`,
  });
  return `${signinOrigin(account.region)}/switchrole?${query.toString().replaceAll("+", "%20")}`;
}

/** A member account's run on the dashboard: the API's `account` and `region` parameters (home: none, as before). */
function accountQuery(account: AlertAccount | undefined): string {
  if (!account || account.home) return "";
  return `?${new URLSearchParams({ account: account.accountId, region: account.region })}`;
}

function signinOrigin(region: string): string {
  if (region.startsWith("cn-")) return "https://signin.amazonaws.cn";
  if (region.startsWith("us-gov-")) return "https://signin.amazonaws-us-gov.com";
  return "https://signin.aws.amazon.com";
}

function consoleOrigin(region: string): string {
  if (region.startsWith("cn-")) return `https://${region}.console.amazonaws.cn`;
  if (region.startsWith("us-gov-")) return "https://console.amazonaws-us-gov.com";
  return `https://${region}.console.aws.amazon.com`;
}

/** The workflow's page in the Glue console (missed-run alerts have no run to link). */
export function glueConsoleWorkflowUrl(region: string, workflowName: string): string {
  const name = encodeURIComponent(workflowName);
  return `${consoleOrigin(region)}/glue/home?region=${encodeURIComponent(region)}#/v2/etl-configuration/workflows/view/${name}`;
}

/** The workflow's runs on the tracker's dashboard. */
export function trackerWorkflowUrl(baseUrl: string, workflowName: string, account?: AlertAccount): string {
  const base = baseUrl.replace(/\/+$/, "");
  return `${base}/ui/workflows/${encodeURIComponent(workflowName)}${accountQuery(account)}`;
}
