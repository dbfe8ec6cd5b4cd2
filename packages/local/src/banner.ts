import { alignedLines, resourceRows } from "./print-config.ts";
import type { LocalTracker } from "./runtime.ts";

/** What `npm start` prints once everything listens: addresses, token, commands to try. */
export function startupBanner(tracker: LocalTracker, startupMs: number): string {
  const { urls, apiToken, demo } = tracker;
  // The token is the user's secret: shown by name, never by value (it would land in terminal logs).
  const auth = apiToken ? ' -H "Authorization: Bearer $TRACKER_API_TOKEN"' : "";
  const lines = [
    "",
    `Glue Run Tracker is running locally (started in ${(startupMs / 1000).toFixed(1)} s)`,
    "",
    ...alignedLines([
      ["Dashboard", urls.dashboard],
      ["Tracker API", urls.api],
      ["Glue (emulator)", urls.glue],
      ["DynamoDB", urls.dynamodb],
      ["EventBridge/SQS", urls.events],
      ["Alerts (JSONL)", tracker.alertsFile],
      ...resourceRows(tracker.env, urls.events),
      ["API token", apiToken ? "required (TRACKER_API_TOKEN)" : "none (set TRACKER_API_TOKEN to require one)"],
    ]),
    "",
    "Try:",
    `  curl -s${auth} ${urls.api}/workflows`,
    `  curl -s${auth} "${urls.api}/workflows/${demo ? "sales-daily-etl" : "<name>"}/runs?maxResults=5"`,
    `  curl -s${auth} "${urls.api}/runs?outcome=FAILED"`,
    "",
    demo
      ? "The demo starts each workflow on a schedule; its lines start with [demo]. Ctrl-C stops everything."
      : "Started without the demo (--no-demo). Ctrl-C stops everything.",
    "",
  ];
  return lines.join("\n");
}
