/** The ingest function's wiring: the recorder, Glue's reads, the re-check queue, per-process caches. */
import { ConfigName, createSqsClient, type Env } from "@glue-run-tracker/core";
import {
  createSqsRecheckScheduler,
  type IngestDeps,
  type IngestLogger,
  JobRunLinks,
  NodeIndexCache,
} from "@glue-run-tracker/core/ingest";
import { glueFor, need, recorder, wiringFor } from "./builders.ts";

/**
 * @example
 * const handler = createIngestHandler(() => ingestDepsFromEnv(process.env, logger), logger);
 */
export function ingestDepsFromEnv(env: Env = process.env, logger?: IngestLogger): IngestDeps {
  const w = wiringFor(env, "ingest");
  return {
    ...recorder(w),
    glue: glueFor(w, "ingest"),
    rechecks: createSqsRecheckScheduler({ client: createSqsClient(env), queueUrl: need(w, ConfigName.IngestQueueUrl) }),
    links: new JobRunLinks(),
    nodeIndex: new NodeIndexCache(),
    logger,
  };
}
