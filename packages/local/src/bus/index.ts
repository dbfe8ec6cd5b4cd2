export * from "./event-bus.ts";
export * from "./pattern.ts";
export * from "./put-events.ts";
export * from "./targets.ts";
