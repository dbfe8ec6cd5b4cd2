export * from "./event-source.ts";
export * from "./local-queue.ts";
export * from "./local-sqs.ts";
export * from "./message.ts";
export * from "./settings.ts";
export * from "./types.ts";
