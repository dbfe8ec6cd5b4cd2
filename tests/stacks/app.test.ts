/**
 * The stack suites, in one file: one offline synth (SST writes its bundles under .sst/,
 * which two synths in parallel processes would trample) and one process's memory.
 */
import "./synth-first.ts";
import "./storage.stack.ts";
import "./prices.stack.ts";
import "./ingest.stack.ts";
import "./api.stack.ts";
import "./alerts.stack.ts";
import "./digest.stack.ts";
import "./dashboard.stack.ts";
import "./operations.stack.ts";
import "./nag.stack.ts";
import "./security.stack.ts";
import "./function-config.stack.ts";
import "./accounts.stack.ts";
import "./member.stack.ts";
