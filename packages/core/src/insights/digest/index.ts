export * from "./compute.ts";
export * from "./from-env.ts";
export * from "./period.ts";
export * from "./render.ts";
export * from "./send.ts";
