/**
 * `npm start`: the whole tracker on this machine. Prints the addresses and a few
 * commands to try, runs the demo unless --no-demo, and stops cleanly on Ctrl-C.
 */
import { parseArgs } from "node:util";
import { ConfigError, checkConfig } from "@glue-run-tracker/core";
import { PortInUseError } from "./errors.ts";
import { LOG_LEVEL_SETTING, type LogLevel, logLevelFrom } from "./function-loggers.ts";
import { printConfigLines } from "./print-config.ts";

const USAGE = `Usage: npm start -- [--no-demo] [--data-dir DIR] [--print-config]

  --no-demo        start empty (no demo workflows)
  --data-dir DIR   keep DynamoDB data and the queued messages in DIR across restarts (default: in memory)
  --print-config   check the configuration, print every setting in effect, and exit

Ports (environment): PORT (API, 3000), GLUE_PORT (4571), DYNAMODB_PORT (4572), EVENTS_PORT (4573),
GLUE_MEMBER_PORT (the second account's glue-local, 4904), STS_PORT (the local STS, 4905).
Set TRACKER_API_TOKEN to require "Authorization: Bearer <token>" on the API.
Set LOG_LEVEL (TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT; default WARN) for the functions' JSON logs.`;

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.values.help) {
    console.log(USAGE);
    return;
  }
  // Every setting is checked before anything starts (or is even imported: the
  // handler modules check theirs when they load, as Lambda's init does).
  try {
    checkConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  if (args.values["print-config"]) {
    console.log(printConfigLines(process.env).join("\n"));
    return;
  }
  const { startLocalTracker } = await import("./runtime.ts");
  const { startupBanner } = await import("./banner.ts");
  const startedAt = Date.now();
  let logLevel: LogLevel;
  try {
    logLevel = logLevelFrom(process.env[LOG_LEVEL_SETTING]);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  // The functions log JSON (as on CloudWatch) at this level; any logger built without one follows it too.
  process.env.POWERTOOLS_LOG_LEVEL ??= logLevel;
  let tracker: Awaited<ReturnType<typeof startLocalTracker>>;
  try {
    tracker = await startLocalTracker({
      demo: !args.values["no-demo"],
      dataDir: args.values["data-dir"],
      env: process.env,
      logLevel,
      log: (line) => console.log(line),
    });
  } catch (error) {
    if (error instanceof PortInUseError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  console.log(startupBanner(tracker, Date.now() - startedAt));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the tracker…`);
    await tracker.stop();
    console.log("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

function parse() {
  return parseArgs({
    options: {
      "no-demo": { type: "boolean", default: false },
      "data-dir": { type: "string" },
      "print-config": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
}

await main();
