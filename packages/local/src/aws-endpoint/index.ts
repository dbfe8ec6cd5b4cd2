export * from "./server.ts";
export { AwsWireError } from "./wire.ts";
