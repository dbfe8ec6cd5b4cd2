export * from "./account.ts";
export * from "./registry.ts";
