import { Accounts, ConfigName } from "@glue-run-tracker/core";
import { alignedLines, resourceRows } from "./print-config.ts";
import type { LocalTracker } from "./runtime.ts";

/** What `npm start` prints once everything listens: addresses, token, commands to try. */
export function startupBanner(tracker: LocalTracker, startupMs: number): string {
  const { urls, apiToken, demo, home, members } = tracker;
  const tracked = members.filter((m) => m.tracked !== false);
  const second = tracked[0];
  // The token is the user's secret: shown by name, never by value (it would land in terminal logs).
  const auth = apiToken ? ' -H "Authorization: Bearer $TRACKER_API_TOKEN"' : "";
  const lines = [
    "",
    `Glue Run Tracker is running locally (started in ${(startupMs / 1000).toFixed(1)} s)`,
    "",
    ...alignedLines([
      ["Dashboard", urls.dashboard],
      ["Tracker API", urls.api],
      // Each account's Glue: the home one, then each member's own glue-local (docs/decisions/accounts-local.md).
      ["Glue (emulator)", `${urls.glue}  home account: ${Accounts.describeAccount(home)}`],
      ...members.map((m, i): [string, string] => [
        `Glue, account ${i + 2}`,
        `${m.glue.endpoint}  ${Accounts.describeAccount(m)}${m.tracked === false ? " (not tracked)" : ""}`,
      ]),
      ...(tracker.env[ConfigName.StsEndpoint]
        ? [["STS (stand-in)", tracker.env[ConfigName.StsEndpoint]] as [string, string]]
        : []),
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
    ...(second
      ? [
          `  curl -s${auth} "${urls.api}/workflows/${demo ? "customer-sync" : "<name>"}/runs?account=${second.accountId}&region=${second.region}"`,
        ]
      : []),
    "",
    demo
      ? "The demo starts each workflow on a schedule; its lines start with [demo]. Ctrl-C stops everything."
      : "Started without the demo (--no-demo). Ctrl-C stops everything.",
    "",
  ];
  return lines.join("\n");
}
