/** Links in alerts: the run in the Glue console of its region, and in the tracker's API. */

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
 * The tracker API's URL of a run (GET /workflows/{name}/runs/{runId}), when a
 * base URL is configured.
 *
 * @example
 * trackerRunUrl("https://tracker.example.com/", "nightly", "wr_1"); // "https://tracker.example.com/workflows/nightly/runs/wr_1"
 */
export function trackerRunUrl(baseUrl: string, workflowName: string, runId: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return `${base}/workflows/${encodeURIComponent(workflowName)}/runs/${encodeURIComponent(runId)}`;
}

function consoleOrigin(region: string): string {
  if (region.startsWith("cn-")) return `https://${region}.console.amazonaws.cn`;
  if (region.startsWith("us-gov-")) return "https://console.amazonaws-us-gov.com";
  return `https://${region}.console.aws.amazon.com`;
}
