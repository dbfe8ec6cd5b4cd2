/**
 * What `npm start` tells an operator about its configuration: the local table and
 * queue URLs (what `npm run backfill` and `npm run redrive` need), and with
 * `--print-config` every setting's effective value (secrets hidden).
 */
import { ConfigName, type Env, type SettingName, Settings, Topology } from "@glue-run-tracker/core";

/**
 * The table and every queue with its DLQ, as [label, value] banner rows.
 *
 * @example
 * alignedLines(resourceRows({ TRACKER_TABLE_NAME: "glue-run-tracker" }, "http://127.0.0.1:4573"));
 */
export function resourceRows(env: Env, eventsUrl: string): [string, string][] {
  const queueUrl = (name: string) => `${eventsUrl}/000000000000/${name}`;
  return [
    ["Table", `${env[ConfigName.TableName]}  (${ConfigName.TableName})`],
    ...Object.values(Topology.Queues).flatMap((queue): [string, string][] => [
      [`${queue.name} queue`, queueUrl(queue.name)],
      [`${queue.name} DLQ`, queueUrl(`${queue.name}-dlq`)],
    ]),
  ];
}

/** Rows as indented lines, every value starting in the same column. */
export function alignedLines(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`);
}

/**
 * Every setting the schema knows, with the value in effect or "unset".
 *
 * @example
 * printConfigLines({ PORT: "3160", SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/…" });
 */
export function printConfigLines(env: Env): string[] {
  const names = Object.keys(Settings) as SettingName[];
  const width = Math.max(...names.map((name) => name.length));
  return names.map((name) => {
    const raw = env[name]?.trim();
    const secret = (Settings[name] as { secret?: boolean }).secret;
    const shown = !raw ? "unset" : secret ? "(set, hidden)" : JSON.stringify(raw);
    return `${name.padEnd(width)}  ${shown}`;
  });
}
