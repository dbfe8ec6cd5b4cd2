export * from "./event-account.ts";
export * from "./patterns.ts";
export * from "./tracker-events.ts";
