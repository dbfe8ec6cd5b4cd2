export * from "./calls.ts";
export * from "./classify.ts";
export * from "./errors.ts";
export * from "./gateway.ts";
