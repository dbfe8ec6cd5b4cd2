/** The resume worker's wiring (step b of auto-resume: the Glue call, then recording the new run). */
import { type Env, Ingest, ObservedVia, Resume } from "@glue-run-tracker/core";
import { glueFor, recorder, resumeQueue, wiringFor } from "./builders.ts";

/**
 * @example
 * const handler = createResumeWorkerHandler(() => resumeWorkerDepsFromEnv(process.env));
 */
export function resumeWorkerDepsFromEnv(env: Env = process.env): Resume.ResumeWorkerDeps {
  const w = wiringFor(env, "resumeWorker");
  // The same recorder ingest uses, so the new run's first snapshot is announced exactly as ingest would.
  const recording = recorder(w);
  return {
    store: recording.store,
    glue: glueFor(w, "resumeWorker"),
    publisher: recording.publisher,
    recordRun: (snapshot) => Ingest.recordSnapshot(recording, snapshot, ObservedVia.Command),
    queue: resumeQueue(w),
    locks: Resume.createRunLocks(),
  };
}
