export * from "./enums.ts";
export * from "./errors.ts";
export * from "./events.ts";
export type * from "./types.ts";
export * from "./validation/requests.ts";
export * from "./validation/rules.ts";
export * from "./validation/validate.ts";
