/** The commands function's wiring: Glue (with the API's timeout), and the recorder ingest uses. */
import { type Commands, ConfigName, type Env } from "@glue-run-tracker/core";
import type { HandlerOptions } from "../../api/read-handler.ts";
import { DEFAULT_GLUE_TIMEOUT_MS } from "../../api/settings.ts";
import { glueFor, httpOptions, recorder, wiringFor } from "./builders.ts";

/**
 * @example
 * const handler = createCommandsHandler(commandDepsFromEnv(process.env));
 */
export function commandDepsFromEnv(env: Env = process.env): Commands.CommandDeps & HandlerOptions {
  const w = wiringFor(env, "commands");
  const recording = recorder(w);
  return {
    ...httpOptions(w),
    store: recording.store,
    // No throttling retries: a person waits on the answer, and a 429 tells them to retry.
    glue: glueFor(w, "commands", {
      timeoutMs: w.config[ConfigName.ApiGlueTimeoutMs] ?? DEFAULT_GLUE_TIMEOUT_MS,
      throttleRetries: 0,
    }),
    recorder: recording,
  };
}
