/** The resume function's wiring (step a of auto-resume: decide, claim, queue the attempt). */
import { type Env, Resume } from "@glue-run-tracker/core";
import { resumeQueue, runStore, runStoreFor, wiringFor } from "./builders.ts";
import { perAccount } from "./per-account.ts";

/**
 * @example
 * const handler = createResumeHandler(() => resumeDepsFromEnv(process.env));
 */
export function resumeDepsFromEnv(env: Env = process.env): Resume.FailedRunDeps {
  const w = wiringFor(env, "resume");
  const accounts = perAccount(w, (account) => ({ store: runStoreFor(w, account) }));
  return {
    store: runStore(w),
    queue: resumeQueue(w),
    policy: Resume.resumePolicyFromEnv(env),
    // The decision and its claim on the failed run's account's store.
    ...(accounts.registry.multiAccount ? { accounts } : {}),
  };
}
