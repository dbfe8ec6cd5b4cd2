// `npm test`: typecheck, lint, vitest, then the store suite on DynamoDB Local.
// Arguments after `--` go to vitest (e.g. `npm test -- tests/config`); `--help`
// prints this usage instead of running the suite.
import { spawnSync } from "node:child_process";

const USAGE = `Usage: npm test [-- <vitest arguments>]

Runs, in order: npm run typecheck, npm run lint, vitest run [arguments], then the store
suite against DynamoDB Local when java is on the PATH (scripts/test-dynamodb-local.mjs).

  npm test                        everything (what CI runs)
  npm test -- tests/config        typecheck, lint, then only the tests under tests/config
  npx vitest run <paths>          only the tests (no typecheck or lint)`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}

const steps = [
  ["node", ["scripts/require-node22.mjs"]],
  ["npm", ["run", "typecheck"]],
  ["npm", ["run", "lint"]],
  ["npx", ["vitest", "run", ...args]],
  ["node", ["scripts/test-dynamodb-local.mjs"]],
];
for (const [command, commandArgs] of steps) {
  const run = spawnSync(command, commandArgs, { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
