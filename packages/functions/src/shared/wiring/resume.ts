/** The resume function's wiring (step a of auto-resume: decide, claim, queue the attempt). */
import { type Env, Resume } from "@glue-run-tracker/core";
import { resumeQueue, runStore, wiringFor } from "./builders.ts";

/**
 * @example
 * const handler = createResumeHandler(() => resumeDepsFromEnv(process.env));
 */
export function resumeDepsFromEnv(env: Env = process.env): Resume.FailedRunDeps {
  const w = wiringFor(env, "resume");
  return { store: runStore(w), queue: resumeQueue(w), policy: Resume.resumePolicyFromEnv(env) };
}
