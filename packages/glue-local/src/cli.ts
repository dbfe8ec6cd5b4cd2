/**
 * `glue-local --port 4571`: runs the emulator standalone until Ctrl-C.
 * Flags override the GLUE_LOCAL_* environment variables.
 */
import { parseArgs } from "node:util";
import { startGlueLocal } from "./index.ts";

const HELP = `Usage: glue-local [options]

  --port <n>               TCP port (default 4571; 0 = any free port)
  --host <addr>            interface to bind (default 127.0.0.1)
  --time-scale <x>         virtual seconds per real second (env GLUE_LOCAL_TIME_SCALE, default 1)
  --throttle-rate <0..1>   fraction of calls throttled (env GLUE_LOCAL_THROTTLE_RATE, default 0)
  --latency-ms <n>         latency added to each call (env GLUE_LOCAL_LATENCY_MS, default 0)
  --retention-seconds <n>  forget finished runs older than this (env GLUE_LOCAL_RETENTION_SECONDS)
  --events-endpoint <url>  send events to this EventBridge endpoint (PutEvents)
  --print-events           print every event as one JSON line on stdout
  --region <r>             region in events and ARNs (default us-east-1)
  --account-id <id>        account in events (default 123456789012)
  -h, --help               this help
`;

function numberFlag(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number (got ${JSON.stringify(raw)})`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "time-scale": { type: "string" },
      "throttle-rate": { type: "string" },
      "latency-ms": { type: "string" },
      "retention-seconds": { type: "string" },
      "events-endpoint": { type: "string" },
      "print-events": { type: "boolean" },
      region: { type: "string" },
      "account-id": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const glue = await startGlueLocal({
    port: numberFlag(values, "port") ?? 4571,
    host: values.host,
    timeScale: numberFlag(values, "time-scale"),
    throttleRate: numberFlag(values, "throttle-rate"),
    latencyMs: numberFlag(values, "latency-ms"),
    retentionSeconds: numberFlag(values, "retention-seconds"),
    eventsEndpoint: values["events-endpoint"],
    region: values.region,
    accountId: values["account-id"],
    onEvent: values["print-events"] ? (event) => process.stdout.write(`${JSON.stringify(event)}\n`) : undefined,
  });
  console.error(`glue-local listening on ${glue.endpoint} (region ${glue.region}); Ctrl-C to stop`);
  const shutdown = () => {
    glue.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error(`glue-local: ${(error as Error).message}`);
  process.exit(1);
});
