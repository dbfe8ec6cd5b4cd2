/**
 * The local runtime's building blocks: stand-ins for the AWS managed services the tracker
 * uses, each usable on its own (see packages/local/README.md).
 */
export * from "./api-gateway/index.ts";
export * from "./aws-endpoint/index.ts";
export * from "./bus/index.ts";
export * from "./errors.ts";
export { BodyTooLargeError, closeServer, listen } from "./http/server.ts";
export * from "./lambda/context.ts";
export * from "./logger.ts";
export * from "./queue/index.ts";
export * from "./sinks/index.ts";
export * from "./sts/index.ts";
