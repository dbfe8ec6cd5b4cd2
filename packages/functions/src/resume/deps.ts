/** The resume functions' dependencies from the environment. */
import {
  ConfigName,
  createEventBridgeClient,
  createGlueClient,
  createSqsClient,
  type Env,
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
  const store = runStoreFromEnv(env);
  const publisher = Ingest.createEventBridgePublisher({
    client: createEventBridgeClient(env),
    busName: required(env, ConfigName.TrackerBusName),
  });
  return {
    worker: {
      store,
      glue: Resume.createResumeGlue(createGlueClient(env)),
      publisher,
      recordRun: (snapshot) => Ingest.recordSnapshot({ store, publisher }, snapshot, ObservedVia.Command),
      queue: resumeQueueFromEnv(env),
    },
  };
}
