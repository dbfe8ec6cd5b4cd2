/**
 * `npm run backfill -- --workflow NAME | --all [--account ID [--region R]]`: imports every
 * run Glue still retains into the tracker table (see core's Ingest.backfill), in every
 * tracked account or the one named (docs/decisions/accounts-flows.md), then counts every
 * stored ended run of those workflows into the statistics (runs stored before
 * statistics existed). Idempotent, safe to run twice and while ingest runs. Reads TRACKER_TABLE_NAME, and for the local
 * runtime GLUE_ENDPOINT / DYNAMODB_ENDPOINT; TRACKER_BUS_NAME (+ EVENTS_ENDPOINT)
 * to announce runs that are still active.
 */
import { parseArgs } from "node:util";
import { Accounts, ConfigName, Ingest } from "@glue-run-tracker/core";
import { backfillDepsFromEnv } from "@glue-run-tracker/functions";
import cliProgress from "cli-progress";

const USAGE = `Usage: npm run backfill -- --workflow <name> | --all [--account <id> [--region <region>]]

Imports every workflow run AWS Glue still retains (90 days) into the tracker, then counts
every ended run the tracker stores for those workflows into their statistics (once each).
Every tracked account and region by default (${ConfigName.TrackerMemberAccounts}); --account (and
--region) picks one.
Environment: ${ConfigName.TableName} (required); ${ConfigName.GlueEndpoint} and ${ConfigName.DynamoDbEndpoint} for the
local runtime; ${ConfigName.TrackerBusName} to announce runs still active (optional).`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

interface Request {
  target: Ingest.BackfillTarget;
  account?: string;
  region?: string;
}

function request(argv: string[]): Request {
  let values: { workflow?: string; all?: boolean; help?: boolean; account?: string; region?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        workflow: { type: "string" },
        all: { type: "boolean" },
        account: { type: "string" },
        region: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) fail(USAGE, 0);
  if (values.all && values.workflow) fail(`Give --workflow or --all, not both.\n\n${USAGE}`, 2);
  if (values.region && !values.account) fail(`--region goes with --account.\n\n${USAGE}`, 2);
  const where = { account: values.account, region: values.region };
  if (values.workflow) return { target: { workflow: values.workflow }, ...where };
  if (values.all) return { target: { all: true }, ...where };
  fail(USAGE, 2);
}

/** Every tracked account, or the one --account/--region name (an account without --region: each region it is tracked in). */
function accountsOf(registry: Accounts.AccountRegistry, wanted: Request): readonly Accounts.TrackedAccount[] {
  if (!wanted.account) return registry.all;
  const picked = registry.all.filter(
    (account) => account.accountId === wanted.account && (!wanted.region || account.region === wanted.region),
  );
  if (picked.length === 0) {
    throw new Accounts.UnknownAccountError({
      accountId: wanted.account,
      region: wanted.region ?? registry.home.region,
    });
  }
  return picked;
}

/** A bar on a terminal; plain lines in CI and pipes. */
function progressReporter(multiAccount: boolean): Ingest.AccountsBackfillProgress & { stop(): void } {
  // A single-account tracker prints what it always printed.
  const accountLines: Ingest.AccountsBackfillProgress = !multiAccount
    ? {}
    : {
        accountStarted: (account) => console.log(`backfill: account ${Accounts.describeAccount(account)}`),
        accountDone: (account, { report, error }) =>
          console.log(
            error
              ? `backfill: account ${Accounts.describeAccount(account)} failed: ${(error as Error).message}`
              : `backfill: account ${Accounts.describeAccount(account)} done — ${report?.workflows ?? 0} workflow(s), ` +
                  `${report?.runs ?? 0} run(s) read, ${report?.recorded ?? 0} new or updated`,
          ),
      };
  if (!process.stdout.isTTY || process.env.CI) {
    return {
      ...accountLines,
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
    accountStarted: (account) => {
      bar.stop();
      accountLines.accountStarted?.(account);
    },
    accountDone: (account, outcome) => {
      bar.stop();
      accountLines.accountDone?.(account, outcome);
    },
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
  const wanted = request(process.argv.slice(2));
  let deps: ReturnType<typeof backfillDepsFromEnv>;
  let accounts: readonly Accounts.TrackedAccount[];
  try {
    deps = backfillDepsFromEnv(process.env);
    accounts = accountsOf(deps.accounts.registry, wanted);
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (!deps.announcing)
    console.log(`backfill: ${ConfigName.TrackerBusName} is not set; importing without tracker events`);
  const progress = progressReporter(deps.accounts.registry.multiAccount);
  try {
    const outcomes = await Ingest.backfillAccounts(deps.accounts, accounts, wanted.target, progress);
    progress.stop();
    const report = total(outcomes);
    console.log(
      `backfill: done — ${report.workflows} workflow(s), ${report.runs} run(s) read, ${report.recorded} new or updated, ` +
        `${report.counted} stored run(s) newly counted in the statistics` +
        (report.vanished.length ? `; vanished while running: ${report.vanished.join(", ")}` : ""),
    );
    const failed = outcomes.filter((outcome) => outcome.error !== undefined);
    if (failed.length > 0) {
      const names = failed.map(
        ({ account, error }) => `${Accounts.describeAccount(account)}: ${(error as Error).message}`,
      );
      fail(`backfill failed in ${failed.length} account(s): ${names.join("; ")}`, 1);
    }
  } catch (error) {
    progress.stop();
    fail(`backfill failed: ${(error as Error).message}`, 1);
  }
}

function total(outcomes: readonly Ingest.AccountBackfill[]): Ingest.BackfillReport {
  const sum: Ingest.BackfillReport = { workflows: 0, runs: 0, recorded: 0, counted: 0, vanished: [] };
  for (const { report } of outcomes) {
    if (!report) continue;
    sum.workflows += report.workflows;
    sum.runs += report.runs;
    sum.recorded += report.recorded;
    sum.counted += report.counted;
    sum.vanished.push(...report.vanished);
  }
  return sum;
}

await main();
