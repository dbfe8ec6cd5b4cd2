export * from "./cost.ts";
export * from "./prices.ts";
export * from "./settings.ts";
