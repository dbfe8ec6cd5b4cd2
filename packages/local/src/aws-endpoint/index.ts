export { EVENTS_OPERATIONS } from "./events/put-events.ts";
export * from "./server.ts";
export { SQS_OPERATIONS } from "./sqs/index.ts";
export { AwsWireError } from "./wire.ts";
