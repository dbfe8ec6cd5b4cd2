export * from "./cost.ts";
export * from "./prices.ts";
export * from "./settings.ts";
export * from "./workflow-settings.ts";
