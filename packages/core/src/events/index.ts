export * from "./patterns.ts";
export * from "./tracker-events.ts";
