/** The resume worker's wiring (step b of auto-resume: the Glue call, then recording the new run). */
import { type Accounts, type Env, Ingest, ObservedVia, Resume } from "@glue-run-tracker/core";
import { glueFor, recorder, resumeQueue, runStoreFor, type Wiring, wiringFor } from "./builders.ts";
import { perAccount } from "./per-account.ts";

/**
 * @example
 * const handler = createResumeWorkerHandler(() => resumeWorkerDepsFromEnv(process.env));
 */
export function resumeWorkerDepsFromEnv(env: Env = process.env): Resume.ResumeWorkerDeps {
  const w = wiringFor(env, "resumeWorker");
  // Built once per account, on its first message: its store, its Glue (the member's operate role).
  const accounts = perAccount(w, (account) => accountDeps(w, account));
  return {
    ...accounts.of(accounts.registry.home),
    queue: resumeQueue(w),
    locks: Resume.createRunLocks(),
    ...(accounts.registry.multiAccount ? { accounts } : {}),
  };
}

/** One account's part: the same recorder ingest uses, so the new run's first snapshot is announced exactly as ingest would. */
function accountDeps(w: Wiring, account: Accounts.TrackedAccount): Resume.ResumeAccountDeps {
  const recording = recorder(w, runStoreFor(w, account));
  return {
    store: recording.store,
    glue: glueFor(w, "resumeWorker", { account }),
    publisher: recording.publisher,
    recordRun: (snapshot) => Ingest.recordSnapshot(recording, snapshot, ObservedVia.Command),
  };
}
