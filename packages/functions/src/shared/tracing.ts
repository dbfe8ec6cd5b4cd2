/**
 * Powertools Tracer on every SDK client core creates (Glue, DynamoDB, SQS…), so
 * X-Ray shows each call inside the function's segment (active tracing, set by SST).
 *
 * Loaded on Lambda only (docs/decisions/tracing-lambda-only.md): the X-Ray SDK's
 * cls-hooked context turns on an async hook that taxes every promise of the process,
 * and off Lambda (tests, the local runtime, the benches) the tracer is disabled anyway.
 */
import { type Env, instrumentAwsClientsWith } from "@glue-run-tracker/core";

/**
 * On Lambda (AWS_LAMBDA_FUNCTION_NAME, the project's test: shared/startup.ts) unless
 * Powertools' own switch turns tracing off, in which case the Tracer would do nothing.
 */
function tracingWanted(env: Env): boolean {
  return Boolean(env.AWS_LAMBDA_FUNCTION_NAME) && env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== "false";
}

// At module load, so Lambda's init pays for it as before; esbuild inlines the import into the bundle.
const powertools = tracingWanted(process.env) ? await import("@aws-lambda-powertools/tracer") : undefined;

/**
 * @example
 * traceAwsClients("ingest");
 */
export function traceAwsClients(serviceName: string): void {
  if (!powertools) return;
  const tracer = new powertools.Tracer({ serviceName });
  instrumentAwsClientsWith((client) => tracer.captureAWSv3Client(client));
}
