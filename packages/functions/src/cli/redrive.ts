/**
 * `npm run redrive -- --dlq-url <url> --queue-url <url> [--max N]`: moves the
 * ingest DLQ's messages back to the ingest queue (see core's Ingest.redrive).
 * Works against AWS and the local SQS endpoint (a loopback queue URL is its own
 * endpoint; SQS_ENDPOINT overrides).
 */
import { parseArgs } from "node:util";
import { ConfigName, createSqsClient, Ingest } from "@glue-run-tracker/core";

const USAGE = `Usage: npm run redrive -- --dlq-url <url> --queue-url <url> [--max <n>]

Moves messages from the dead-letter queue back to the queue: with SQS's message-move task
(StartMessageMoveTask) where the endpoint supports it, otherwise (the local queues, or --max)
receive → send → delete.`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parsedUrl(name: string, value: string | undefined): URL {
  if (!value) fail(`--${name} is required.\n\n${USAGE}`, 2);
  try {
    return new URL(value);
  } catch {
    fail(`--${name} is not a URL: ${value}`, 2);
  }
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

async function main(): Promise<void> {
  let values: { "dlq-url"?: string; "queue-url"?: string; max?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        "dlq-url": { type: "string" },
        "queue-url": { type: "string" },
        max: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) fail(USAGE, 0);
  const dlq = parsedUrl("dlq-url", values["dlq-url"]);
  const queue = parsedUrl("queue-url", values["queue-url"]);
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) fail(`--max must be a positive integer`, 2);

  const env = { ...process.env };
  if (!env[ConfigName.SqsEndpoint] && LOOPBACK_HOSTS.has(dlq.hostname)) env[ConfigName.SqsEndpoint] = dlq.origin;
  const client = createSqsClient(env);
  try {
    const onMoved = (total: number) => {
      if (process.stdout.isTTY && !process.env.CI) process.stdout.write(`\rredrive: ${total} moved`);
    };
    const options = { client, dlqUrl: dlq.href, queueUrl: queue.href, onMoved };
    // SQS's own message-move task where the endpoint has it (AWS; not with --max, which it cannot
    // limit); receive → send → delete otherwise (the local queues).
    const native = max === undefined ? await Ingest.nativeRedrive(options) : undefined;
    if (native) console.log("redrive: moved by an SQS message-move task (StartMessageMoveTask)");
    const report = native ?? (await Ingest.redrive({ ...options, maxMessages: max }));
    if (process.stdout.isTTY && !process.env.CI) process.stdout.write("\n");
    console.log(
      `redrive: ${report.moved} message(s) moved${report.failed ? `, ${report.failed} refused (still in the DLQ)` : ""}`,
    );
    if (report.failed > 0) process.exitCode = 1;
  } catch (error) {
    fail(`redrive failed: ${(error as Error).message}`, 1);
  } finally {
    client.destroy();
  }
}

await main();
