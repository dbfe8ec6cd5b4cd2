/**
 * `npm run backfill -- --workflow NAME | --all`: imports every run Glue still
 * retains into the tracker table (see core's Ingest.backfill), then counts every
 * stored ended run of those workflows into the statistics (runs stored before
 * statistics existed). Idempotent, safe to run twice and while ingest runs. Reads TRACKER_TABLE_NAME, and for the local
 * runtime GLUE_ENDPOINT / DYNAMODB_ENDPOINT; TRACKER_BUS_NAME (+ EVENTS_ENDPOINT)
 * to announce runs that are still active.
 */
import { parseArgs } from "node:util";
import { ConfigName, Ingest } from "@glue-run-tracker/core";
import { backfillDepsFromEnv } from "@glue-run-tracker/functions";
import cliProgress from "cli-progress";

const USAGE = `Usage: npm run backfill -- --workflow <name> | --all

Imports every workflow run AWS Glue still retains (90 days) into the tracker, then counts
every ended run the tracker stores for those workflows into their statistics (once each).
Environment: ${ConfigName.TableName} (required); ${ConfigName.GlueEndpoint} and ${ConfigName.DynamoDbEndpoint} for the
local runtime; ${ConfigName.TrackerBusName} to announce runs still active (optional).`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function target(argv: string[]): Ingest.BackfillTarget {
  let values: { workflow?: string; all?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { workflow: { type: "string" }, all: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) fail(USAGE, 0);
  if (values.all && values.workflow) fail(`Give --workflow or --all, not both.\n\n${USAGE}`, 2);
  if (values.workflow) return { workflow: values.workflow };
  if (values.all) return { all: true };
  fail(USAGE, 2);
}

/** A bar on a terminal; plain lines in CI and pipes. */
function progressReporter(): Ingest.BackfillProgress & { stop(): void } {
  if (!process.stdout.isTTY || process.env.CI) {
    return {
      workflowsListed: (total) => console.log(`backfill: ${total} workflow(s)`),
      countingStarted: (name) => console.log(`backfill: ${name}: counting stored runs into the statistics`),
      workflowDone: (name, summary) =>
        console.log(
          `backfill: ${name}: ${summary.runs} run(s) read, ${summary.recorded} new or updated, ` +
            `${summary.counted} stored run(s) newly counted in the statistics`,
        ),
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: "backfill [{bar}] {value}/{total} workflows | {runs} runs | {counted} newly counted | {workflow}",
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let runs = 0;
  let counted = 0;
  return {
    workflowsListed: (total) => bar.start(total, 0, { runs, counted, workflow: "" }),
    workflowStarted: (workflow) => bar.update({ workflow }),
    runsImported: (_name, count) => {
      runs += count;
      bar.update({ runs });
    },
    countingStarted: (workflow) => bar.update({ workflow: `${workflow} (counting statistics)` }),
    workflowDone: (_name, summary) => {
      counted += summary.counted;
      bar.increment({ counted });
    },
    stop: () => bar.stop(),
  };
}

async function main(): Promise<void> {
  const what = target(process.argv.slice(2));
  let deps: ReturnType<typeof backfillDepsFromEnv>;
  try {
    deps = backfillDepsFromEnv(process.env);
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (!deps.announcing)
    console.log(`backfill: ${ConfigName.TrackerBusName} is not set; importing without tracker events`);
  const progress = progressReporter();
  try {
    const report = await Ingest.backfill(deps, what, progress);
    progress.stop();
    console.log(
      `backfill: done — ${report.workflows} workflow(s), ${report.runs} run(s) read, ${report.recorded} new or updated, ` +
        `${report.counted} stored run(s) newly counted in the statistics` +
        (report.vanished.length ? `; vanished while running: ${report.vanished.join(", ")}` : ""),
    );
  } catch (error) {
    progress.stop();
    fail(`backfill failed: ${(error as Error).message}`, 1);
  }
}

await main();
