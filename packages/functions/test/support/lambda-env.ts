/** The names a Lambda init of the ingest function needs (shared/startup.ts checks them when AWS_LAMBDA_FUNCTION_NAME is set). */
import { ConfigName } from "@glue-run-tracker/core";

export const LAMBDA_ENV = {
  AWS_LAMBDA_FUNCTION_NAME: "tracker-ingest",
  AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
  [ConfigName.TableName]: "tracker",
  [ConfigName.TrackerBusName]: "tracker-bus",
  [ConfigName.IngestQueueUrl]: "https://sqs.us-east-1.amazonaws.com/123456789012/ingest",
};
