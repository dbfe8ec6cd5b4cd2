export * from "./config.ts";
export * from "./site.ts";
