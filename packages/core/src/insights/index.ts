export * from "./cost.ts";
export * from "./prices.ts";
