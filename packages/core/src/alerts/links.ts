/** Links in alerts: the run in the Glue console of its region, and on the tracker's dashboard. */

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
export function trackerRunUrl(baseUrl: string, workflowName: string, runId: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return `${base}/ui/workflows/${encodeURIComponent(workflowName)}/runs/${encodeURIComponent(runId)}`;
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
export function trackerWorkflowUrl(baseUrl: string, workflowName: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return `${base}/ui/workflows/${encodeURIComponent(workflowName)}`;
}
