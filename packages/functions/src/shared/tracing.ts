/**
 * Powertools Tracer on every SDK client core creates (Glue, DynamoDB, SQS…), so
 * X-Ray shows each call inside the function's segment (active tracing, set by SST).
 */
import { Tracer } from "@aws-lambda-powertools/tracer";
import { instrumentAwsClientsWith } from "@glue-run-tracker/core";

/**
 * @example
 * traceAwsClients("ingest");
 */
export function traceAwsClients(serviceName: string): void {
  const tracer = new Tracer({ serviceName });
  instrumentAwsClientsWith((client) => tracer.captureAWSv3Client(client));
}
