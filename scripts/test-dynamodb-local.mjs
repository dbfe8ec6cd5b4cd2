// Runs the store's integration suite a second time against the official
// DynamoDB Local (stricter validation than dynalite). It needs Java; without it
// we say so and stop without failing, since dynalite already ran the suite.
import { spawnSync } from "node:child_process";

const java = spawnSync("java", ["-version"], { stdio: "ignore" });
if (java.error || java.status !== 0) {
  console.log("DynamoDB Local suite not run: `java` is not on the PATH (dynalite suite already ran).");
  process.exit(0);
}
console.log("Running the store integration suite against DynamoDB Local (npm run test:dynamodb-local)…");
const run = spawnSync("npm", ["run", "test:dynamodb-local"], { stdio: "inherit" });
process.exit(run.status ?? 1);
