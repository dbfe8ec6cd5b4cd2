export * from "./order.ts";
export * from "./outcome.ts";
export * from "./snapshot.ts";
export * from "./types.ts";
