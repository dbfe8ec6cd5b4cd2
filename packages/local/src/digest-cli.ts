/**
 * `npm run digest`: writes the daily digest of the last 24 hours to the local alerts
 * file (what Slack and SNS would receive), from the tables of a running `npm start`.
 * Reads DYNAMODB_PORT (or DYNAMODB_ENDPOINT), DIGEST_TIME_ZONE; --alerts-file to choose the file.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigName, Digest, LocalConfigName } from "@glue-run-tracker/core";
import { digestDepsFromEnv } from "@glue-run-tracker/functions";
import { PortSetting } from "./ports.ts";
import { TABLE_NAME } from "./runtime.ts";
import { JsonlAlertSink } from "./sinks/index.ts";

const USAGE = `Usage: npm run digest -- [--alerts-file FILE]

Writes the digest of the last 24 hours (per workflow: runs, failures, auto-resumes, overdue and
missed runs, slowest run, cost, vs the 24 hours before) to the local alerts file of a running
\`npm start\` (default .tracker/alerts.jsonl; with --data-dir DIR, DIR/alerts.jsonl).
Environment: ${LocalConfigName.DynamoDbPort} or ${ConfigName.DynamoDbEndpoint}; ${ConfigName.DigestTimeZone} (default UTC).`;

async function main(): Promise<void> {
  let values: { "alerts-file"?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { "alerts-file": { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = process.env[PortSetting.dynamodb.variable] || String(PortSetting.dynamodb.fallback);
  const env = {
    ...process.env,
    AWS_REGION: "us-east-1",
    [ConfigName.TableName]: process.env[ConfigName.TableName] || TABLE_NAME,
    [ConfigName.DynamoDbEndpoint]: process.env[ConfigName.DynamoDbEndpoint] || `http://127.0.0.1:${port}`,
  };
  const file = resolve(values["alerts-file"] ?? ".tracker/alerts.jsonl");
  const deps = await digestDepsFromEnv(env, undefined, { sink: new JsonlAlertSink(file) });
  const { digest } = await Digest.sendDigest(deps.digest, deps.schedule, { rolling: true });
  process.stdout.write(
    `digest ${digest.current.start} → ${digest.current.end}: ${digest.workflows.length} workflow(s) with activity, written to ${file}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `digest: ${(error as Error).message}\n(Is \`npm start\` running? The digest reads its DynamoDB.)\n`,
  );
  process.exit(1);
});
