export * from "./config.ts";
export * from "./site.ts";
export * from "./start.ts";
