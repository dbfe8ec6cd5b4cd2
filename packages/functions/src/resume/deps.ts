/** The resume functions' dependencies from the environment. */
import {
  ConfigName,
  createGlueClient,
  createSqsClient,
  type Env,
  Glue,
  Ingest,
  ObservedVia,
  Resume,
  required,
} from "@glue-run-tracker/core";
import { runStoreFromEnv } from "../alerts/deps.ts";
import type { ResumeHandlerDeps } from "./handler.ts";
import type { ResumeWorkerHandlerDeps } from "./worker.ts";

function resumeQueueFromEnv(env: Env): Resume.ResumeQueue {
  return Resume.createSqsResumeQueue({
    client: createSqsClient(env),
    queueUrl: required(env, ConfigName.ResumeQueueUrl),
  });
}

/**
 * @example
 * const deps = resumeDepsFromEnv(process.env);
 */
export function resumeDepsFromEnv(env: Env = process.env): ResumeHandlerDeps {
  return {
    resume: { store: runStoreFromEnv(env), queue: resumeQueueFromEnv(env), policy: Resume.resumePolicyFromEnv(env) },
  };
}

/**
 * @example
 * const deps = resumeWorkerDepsFromEnv(process.env);
 */
export function resumeWorkerDepsFromEnv(env: Env = process.env): ResumeWorkerHandlerDeps {
  // The same store, tracker-bus publisher and announcement ledger ingest uses, so the
  // new run's first snapshot is announced exactly as ingest would announce it.
  const recording = Ingest.recordSnapshotDepsFromEnv(env);
  return {
    worker: {
      store: recording.store,
      glue: Glue.createGlueGateway({ client: createGlueClient(env) }),
      publisher: recording.publisher,
      recordRun: (snapshot) => Ingest.recordSnapshot(recording, snapshot, ObservedVia.Command),
      queue: resumeQueueFromEnv(env),
      locks: Resume.createRunLocks(),
    },
  };
}
